package io.autoprovd.store;

import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.InMemoryDeviceStore;

/** The core's reference store must pass the same contract as the SQL stores. */
class InMemoryDeviceStoreTest extends DeviceStoreContract {
  @Override
  protected DeviceStore newStore() {
    return new InMemoryDeviceStore();
  }
}
