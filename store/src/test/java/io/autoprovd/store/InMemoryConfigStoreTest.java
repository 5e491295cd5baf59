package io.autoprovd.store;

import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.InMemoryConfigStore;

/** The core's reference store must pass the same contract as the SQL stores. */
class InMemoryConfigStoreTest extends ConfigStoreContract {
  @Override
  protected ConfigStore newStore() {
    return new InMemoryConfigStore();
  }
}
