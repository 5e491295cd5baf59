package io.autoprovd.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDhcpLeaseStoreTest extends DhcpLeaseStoreContract {
  @TempDir Path dataDir;

  @Override
  protected StoreSettings settings() {
    return StoreSettings.sqlite(dataDir).withMaxPoolSize(2);
  }
}
