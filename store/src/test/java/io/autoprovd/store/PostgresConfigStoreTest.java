package io.autoprovd.store;

import io.autoprovd.core.config.ConfigStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresConfigStoreTest extends ConfigStoreContract {
  private static EmbeddedPostgresServer postgres;
  private Store opened;

  @BeforeAll
  static void startPostgres() {
    postgres = EmbeddedPostgresServer.startOrAbort();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected ConfigStore newStore() {
    opened = Store.open(postgres.newDatabase());
    return opened.configs();
  }

  @Override
  protected void closeStore() {
    opened.close();
  }
}
