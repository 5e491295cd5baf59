package io.autoprovd.store;

import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.InMemoryCodeStore;
import io.autoprovd.core.code.SipAccountIndex;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.InMemoryConfigStore;
import java.util.Map;
import java.util.Optional;

/** The reference implementation passes the same contract. */
class InMemoryCodeStoreTest extends CodeStoreContract {
  private final InMemoryCodeStore codes = new InMemoryCodeStore();
  private final InMemoryConfigStore configs = new InMemoryConfigStore();

  @Override
  protected CodeStore codes() {
    return codes;
  }

  @Override
  protected ConfigStore configs() {
    return configs;
  }

  /** The index over the in-memory configs: a scan, the way tests use it. */
  @Override
  protected SipAccountIndex accounts() {
    return username -> configs.list().stream()
        .filter(c -> c.rawConfig().get("sip_lines") instanceof Map<?, ?> l && l.get("1") instanceof Map<?, ?> one
            && username.equals(one.get("username")) && !username.isEmpty())
        .map(c -> c.id()).findFirst().or(Optional::empty);
  }
}
