package io.autoprovd.store;

import io.autoprovd.core.config.ConfigStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteConfigStoreTest extends ConfigStoreContract {
  @TempDir Path dataDir;
  private Store opened;

  @Override
  protected ConfigStore newStore() {
    opened = Store.open(StoreSettings.sqlite(dataDir).withMaxPoolSize(4));
    return opened.configs();
  }

  @Override
  protected void closeStore() {
    opened.close();
  }
}
