package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.SipAccountIndex;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.store.internal.SqlSipAccountIndex;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresCodeStoreTest extends CodeStoreContract {
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

  @BeforeEach
  void emptyCodes() {
    Jdbi.create(database.jdbcUrl()).useHandle(h -> h.execute("DELETE FROM provisioning_codes"));
    EmbeddedPostgresServer.empty(database);
  }

  @Override
  protected CodeStore codes() {
    return opened.codes();
  }

  @Override
  protected ConfigStore configs() {
    return opened.configs();
  }

  @Override
  protected SipAccountIndex accounts() {
    return opened.sipAccounts();
  }

  @Test
  void theAccountLookUp_canUseTheExpressionIndex() {
    String plan = Jdbi.create(database.jdbcUrl()).withHandle(h -> {
      h.execute("SET enable_seqscan = off");
      return h.createQuery("EXPLAIN " + SqlSipAccountIndex.POSTGRESQL).bind("username", "apabcdefghij")
          .map((rs, ctx) -> rs.getString(1)).stream().collect(Collectors.joining("\n"));
    });

    assertThat(plan).contains("configs_line1_username").doesNotContain("Seq Scan");
  }
}
