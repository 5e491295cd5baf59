package io.autoprovd.store;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresDhcpLeaseStoreTest extends DhcpLeaseStoreContract {
  private static StoreSettings database;

  @BeforeAll
  static void createDatabase() {
    database = EmbeddedPostgresServer.sharedOrAbort().newDatabase();
  }

  @BeforeEach
  void emptyTable() {
    Jdbi.create(database.jdbcUrl()).useHandle(h -> h.execute("DELETE FROM dhcp_leases"));
  }

  @Override
  protected StoreSettings settings() {
    return database;
  }
}
