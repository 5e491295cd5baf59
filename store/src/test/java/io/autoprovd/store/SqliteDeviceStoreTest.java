package io.autoprovd.store;

import io.autoprovd.core.device.DeviceStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDeviceStoreTest extends DeviceStoreContract {
  @TempDir Path dataDir;
  private Store opened;

  @Override
  protected DeviceStore newStore() {
    opened = Store.open(StoreSettings.sqlite(dataDir).withMaxPoolSize(4));
    return opened.devices();
  }

  @Override
  protected void closeStore() {
    opened.close();
  }
}
