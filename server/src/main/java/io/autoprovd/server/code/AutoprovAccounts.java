package io.autoprovd.server.code;

import io.autoprovd.core.code.SipAccountIndex;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.sip.AccountDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoprov SIP accounts, read from the configs: an account is line 1 of a device's autoprov
 * config (a child of the autocreate template), found by user name through the indexed {@link
 * SipAccountIndex}, and belongs to the one device that uses that config. A user's real line (a
 * line config) is never an account here, even with the right password: only autoprov configs are.
 * Thread-safe.
 */
public final class AutoprovAccounts implements AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AutoprovAccounts.class);

  private final SipAccountIndex index;
  private final ConfigStore configs;
  private final DeviceStore devices;
  private final Predicate<Config> isAutoprov;

  public AutoprovAccounts(SipAccountIndex index, ConfigStore configs, DeviceStore devices,
      Predicate<Config> isAutoprov) {
    this.index = index;
    this.configs = configs;
    this.devices = devices;
    this.isAutoprov = isAutoprov;
  }

  @Override
  public Optional<Account> find(String username) {
    Optional<Config> config = index.findConfigId(username).flatMap(configs::findById).filter(isAutoprov);
    if (config.isEmpty()) {
      return Optional.empty();
    }
    Object lines = config.get().rawConfig().get("sip_lines");
    if (!(lines instanceof Map<?, ?> l) || !(l.get("1") instanceof Map<?, ?> line)
        || !(line.get("password") instanceof String password)) {
      return Optional.empty();
    }
    List<Device> users = devices.findByConfig(config.get().id());
    if (users.size() != 1) {
      // No device (left over) or several (edited by hand): the account names no single device.
      if (users.size() > 1) {
        LOG.warn("autoprov account {} is used by {} devices; refused", username, users.size());
      }
      return Optional.empty();
    }
    return Optional.of(new Account(username, password, users.getFirst().id()));
  }
}
