package io.autoprovd.store;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.store.internal.SqlTokenStore;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresTokenStoreTest extends TokenStoreContract {
  private static StoreSettings database;
  private static Store opened;

  @BeforeAll
  static void openDatabase() {
    database = EmbeddedPostgresServer.sharedOrAbort().newDatabase();
    opened = Store.open(database);
  }

  @AfterAll
  static void closeDatabase() {
    if (opened != null) {
      opened.close();
    }
  }

  // EmbeddedPostgresServer.empty does not know the tokens table; deleting the tenants cascades.
  @BeforeEach
  void emptyTokens() {
    Jdbi.create(database.jdbcUrl()).useHandle(h -> {
      h.execute("DELETE FROM tokens");
      h.execute("DELETE FROM tenants WHERE uuid <> ?", Tenant.MASTER_UUID);
    });
  }

  @Override
  protected Store store() {
    return opened;
  }

  // With sequential scans off, the plan shows whether an index can answer at all (tiny table).
  @Override
  protected String planOfFindByHash() {
    return Jdbi.create(database.jdbcUrl()).withHandle(h -> {
      h.execute("SET enable_seqscan = off");
      return h.createQuery("EXPLAIN " + SqlTokenStore.FIND_BY_HASH).bind("hash", hash(1))
          .map((rs, ctx) -> rs.getString(1)).stream().collect(Collectors.joining("\n"));
    });
  }

  @Override
  protected boolean usesHashIndex(String plan) {
    return (plan.contains("Index Scan using tokens_hash ") || plan.contains("Index Scan on tokens_hash"))
        && !plan.contains("Seq Scan");
  }
}
