package io.autoprovd.store;

import io.autoprovd.core.device.DeviceStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresDeviceStoreTest extends DeviceStoreContract {
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
  protected DeviceStore newStore() {
    opened = Store.open(postgres.newDatabase());
    return opened.devices();
  }

  @Override
  protected void closeStore() {
    opened.close();
  }
}
