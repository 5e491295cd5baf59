package io.autoprovd.store;

import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.device.InMemoryDeviceStore;

class InMemorySearchTest extends SearchContract {
  @Override
  protected void openStores() {
    devices = new InMemoryDeviceStore();
    configs = new InMemoryConfigStore();
  }
}
