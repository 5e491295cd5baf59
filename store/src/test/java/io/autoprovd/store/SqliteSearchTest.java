package io.autoprovd.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSearchTest extends SearchContract {
  @TempDir Path dataDir;
  private Store opened;

  @Override
  protected void openStores() {
    opened = Store.open(StoreSettings.sqlite(dataDir).withMaxPoolSize(4));
    devices = opened.devices();
    configs = opened.configs();
  }

  @Override
  protected void closeStores() {
    opened.close();
  }
}
