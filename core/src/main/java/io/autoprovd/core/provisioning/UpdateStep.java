package io.autoprovd.core.provisioning;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.plugin.PluginCatalog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Update: record what the request taught us — address, firmware version, missing identity fields,
 * the plugin that serves it, an autoprov config if it has none — and write the device only when
 * something changed. Last-seen goes through {@link DeviceStore#touch}, which neither bumps the
 * revision (rendered files stay cached) nor needs a write per fetch.
 * Writes are compare-and-set on the device revision, retried on a concurrent change.
 */
public final class UpdateStep implements Step {
  private static final int MAX_ATTEMPTS = 8;

  private final DeviceStore devices;
  private final ConfigStore configs;
  private final PluginCatalog catalog;
  private final Readiness readiness;
  private final Autocreate autocreate;
  // Read per request: the NAT parameter can change while the server runs (PUT /0.2/configure/NAT).
  private final Supplier<ProvisioningPolicy> policy;
  private final InstantSource clock;
  private final Consumer<String> onConfigWrite;

  /** @param onConfigWrite told the id of each config this step stores (so caches can drop it) */
  public UpdateStep(DeviceStore devices, ConfigStore configs, PluginCatalog catalog, Readiness readiness,
      Autocreate autocreate, ProvisioningPolicy policy, InstantSource clock, Consumer<String> onConfigWrite) {
    this(devices, configs, catalog, readiness, autocreate, () -> policy, clock, onConfigWrite);
  }

  /** @param policy read on every request */
  public UpdateStep(DeviceStore devices, ConfigStore configs, PluginCatalog catalog, Readiness readiness,
      Autocreate autocreate, Supplier<ProvisioningPolicy> policy, InstantSource clock, Consumer<String> onConfigWrite) {
    this.devices = devices;
    this.configs = configs;
    this.catalog = catalog;
    this.readiness = readiness;
    this.autocreate = autocreate;
    this.policy = policy;
    this.clock = clock;
    this.onConfigWrite = onConfigWrite;
  }

  @Override
  public Delivery handle(Exchange exchange, Chain chain) {
    Device device = exchange.device();
    if (device == null) {
      return chain.proceed(exchange.withPack(catalog.associate(exchange.info(), exchange.path()).orElse(null)));
    }
    Device updated = update(device, exchange.info(), exchange.path());
    Instant now = clock.instant();
    if (updated.lastSeen() == null || updated.lastSeen().plus(policy.get().lastSeenResolution()).isBefore(now)) {
      devices.touch(Map.of(updated.id(), now));
    }
    // identification.md §10: outside NAT mode an address belongs to one device at a time. A device
    // still at revision 1 was just inserted with its address and has not taken it from the others.
    if (!policy.get().natMode() && updated.ip() != null
        && (device.revision() == 1 || !updated.ip().equals(device.ip()))) {
      releaseIp(updated);
    }
    return chain.proceed(exchange.withDevice(updated).withPack(catalog.find(updated.plugin()).orElse(null)));
  }

  private Device update(Device device, DeviceInfo info, String path) {
    String createdConfig = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Device next = patch(device, info, path, clock.instant());
      if (next.config() == null && next.plugin() != null) {
        if (createdConfig == null) {
          createdConfig = createAutoprovConfig(next.tenantUuid());
        }
        next = next.toBuilder().config(createdConfig).build();
      }
      if (changesReadiness(device, next)) {
        next = readiness.refresh(next);
      }
      if (next.equals(device)) {
        // A concurrent request stored the device (with its own config) before us.
        discard(createdConfig);
        return device;
      }
      switch (devices.update(next)) {
        case DeviceStore.Update.Updated u -> {
          if (!Objects.equals(createdConfig, u.device().config())) {
            discard(createdConfig);
          }
          return u.device();
        }
        case DeviceStore.Update.Stale s -> device = s.current();
        case DeviceStore.Update.Rejected r -> {
          discard(createdConfig);
          return device;
        }
      }
    }
    discard(createdConfig);
    return device;
  }

  /** Deletes an autoprov config this request created but no device references. */
  private void discard(String createdConfig) {
    if (createdConfig != null) {
      configs.delete(createdConfig);
      onConfigWrite.accept(createdConfig);
    }
  }

  /** The device as this request says it is; pure, no I/O. */
  Device patch(Device d, DeviceInfo info, String path, Instant now) {
    if (isCurrent(d, info, now)) {
      return d; // the common case: a known phone fetching again; nothing to build or compare
    }
    var b = d.toBuilder();
    if (info.ip() != null && !info.ip().equals(d.ip())) {
      b.ip(info.ip());
    }
    if (info.version() != null && !info.version().equals(d.version())) {
      b.version(info.version());
    }
    if (d.mac() == null && info.mac() != null) {
      b.mac(info.mac());
    }
    if (d.sn() == null && info.sn() != null) {
      b.sn(info.sn());
    }
    if (d.uuid() == null && info.uuid() != null) {
      b.uuid(info.uuid());
    }
    if (d.vendor() == null && info.vendor() != null) {
      b.vendor(info.vendor());
    }
    if (d.model() == null && info.model() != null) {
      b.model(info.model());
    }
    if (d.plugin() == null) {
      // identification.md §6: the request's own info decides, the stored device fills gaps.
      DeviceInfo known = new DeviceInfo(d.mac(), d.sn(), d.uuid(), d.vendor(), d.model(), d.version(), d.ip());
      catalog.associate(info.orElse(known), path).ifPresent(pack -> b.plugin(pack.id()));
    }
    return b.build();
  }

  /** True when {@link #patch} would change nothing. */
  private boolean isCurrent(Device d, DeviceInfo info, Instant now) {
    return (info.ip() == null || info.ip().equals(d.ip()))
        && (info.version() == null || info.version().equals(d.version()))
        && (d.mac() != null || info.mac() == null)
        && (d.sn() != null || info.sn() == null)
        && (d.uuid() != null || info.uuid() == null)
        && (d.vendor() != null || info.vendor() == null)
        && (d.model() != null || info.model() == null)
        && d.plugin() != null;
  }

  private static boolean changesReadiness(Device before, Device after) {
    return !Objects.equals(before.plugin(), after.plugin())
        || !Objects.equals(before.config(), after.config())
        || !Objects.equals(before.vendor(), after.vendor())
        || !Objects.equals(before.model(), after.model())
        || !Objects.equals(before.version(), after.version())
        || (!before.configured() && before.configuredReason() == null);
  }

  /**
   * The device's own autoprov account, owned by the device's tenant (the master tenant for a phone
   * just discovered): a sub-tenant never reads another tenant's autoprov passwords.
   */
  private String createAutoprovConfig(String tenant) {
    Config template = configs.findByRole(StandardConfigs.ROLE_AUTOCREATE).orElse(null);
    if (template == null) {
      return null;
    }
    Config config = autocreate.newConfig(template, tenant);
    configs.insert(config);
    onConfigWrite.accept(config.id());
    return config.id();
  }

  /** identification.md §5: outside NAT mode an address belongs to one device at a time. */
  private void releaseIp(Device owner) {
    for (Device other : devices.findByIp(owner.ip())) {
      if (!other.id().equals(owner.id())) {
        devices.update(other.toBuilder().ip(null).build());
      }
    }
  }
}
