package io.autoprovd.store;

import io.autoprovd.core.config.ConfigStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresConfigStoreTest extends ConfigStoreContract {
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
  protected ConfigStore newStore() {
    EmbeddedPostgresServer.empty(database);
    return opened.configs();
  }
}
