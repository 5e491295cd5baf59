package io.autoprovd.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresSearchTest extends SearchContract {
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

  @Override
  protected void openStores() {
    EmbeddedPostgresServer.empty(database);
    devices = opened.devices();
    configs = opened.configs();
  }
}
