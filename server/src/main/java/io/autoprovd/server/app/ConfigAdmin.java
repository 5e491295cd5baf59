package io.autoprovd.server.app;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.RawConfigSchema;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.provisioning.Readiness;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Administrative config writes. Each write is validated (schema of the own layer, no cycle,
 * parents the caller may see), then every device whose config is the written one or one of its
 * descendants gets its {@code configured} flag recomputed (config-model.md §6). Rendered files
 * need no invalidation: the render cache is keyed by the revisions of the config chain.
 *
 * <p>Tenancy: a config belongs to the tenant that created it, or to none (the shared standard
 * configs). The caller passes what the request may see and whether it may change shared configs;
 * a config outside what it sees is missing. Replacements are compare-and-set on the revision,
 * retried on fresh state when they lose a race. Thread-safe.
 */
public final class ConfigAdmin {
  private final ConfigStore configs;
  private final ConfigCache cache;
  private final ConfigMerger merger;
  private final DeviceStore devices;
  private final Autocreate autocreate = new Autocreate();
  private Readiness readiness;

  public ConfigAdmin(ConfigStore configs, ConfigCache cache, ConfigMerger merger, DeviceStore devices) {
    this.configs = configs;
    this.cache = cache;
    this.merger = merger;
    this.devices = devices;
  }

  /** Set once at wiring time: readiness and config writes depend on each other. */
  public void readiness(Readiness value) {
    this.readiness = value;
  }

  /** What a request may see and do with configs. */
  public record Access(Predicate<Config> sees, boolean writesShared) {
    public static final Access ALL = new Access(c -> true, true);
  }

  public Outcome<Config> create(Map<String, Object> doc) {
    return create(doc, null, Access.ALL);
  }

  /** @param tenant the owner of the new config; null makes a shared one */
  public Outcome<Config> create(Map<String, Object> doc, String tenant, Access access) {
    Object idValue = doc.get("id");
    String id = idValue == null ? UUID.randomUUID().toString().replace("-", "") : String.valueOf(idValue);
    if (!(idValue == null || idValue instanceof String) || !DocumentMapping.ID.matcher(id).matches()) {
      return new Outcome.Invalid<>(List.of("config.id: must match " + DocumentMapping.ID.pattern()));
    }
    var parsed = DocumentMapping.parseConfig(doc, id);
    if (!parsed.ok()) {
      return new Outcome.Invalid<>(parsed.problems());
    }
    Config config = withTenant(parsed.value(), tenant);
    var problems = check(config, access);
    if (!problems.isEmpty()) {
      return new Outcome.Invalid<>(problems);
    }
    if (!configs.insert(config)) {
      return new Outcome.Conflict<>("config " + id + " already exists");
    }
    cache.invalidate(id);
    reconfigureDependents(id);
    return new Outcome.Done<>(configs.findById(id).orElse(config));
  }

  public Outcome<Config> replace(String id, Map<String, Object> doc) {
    return replace(id, doc, Access.ALL);
  }

  /** Full replacement; the owner and the id stay as stored. */
  public Outcome<Config> replace(String id, Map<String, Object> doc, Access access) {
    if (doc.get("id") != null && !(doc.get("id") instanceof String)) {
      return new Outcome.Invalid<>(List.of("config.id: must be a string (the path's id is used)"));
    }
    for (int attempt = 0; attempt < DeviceAdmin.ATTEMPTS; attempt++) {
      var current = configs.findById(id).filter(access.sees());
      if (current.isEmpty()) {
        return new Outcome.Missing<>("config " + id);
      }
      if (current.get().tenantUuid() == null && !access.writesShared()) {
        return new Outcome.Forbidden<>("config " + id + " is shared by every tenant: only the master tenant changes it");
      }
      var parsed = DocumentMapping.parseConfig(doc, id);
      if (!parsed.ok()) {
        return new Outcome.Invalid<>(parsed.problems());
      }
      Config next = withTenant(parsed.value(), current.get().tenantUuid()).withRevision(current.get().revision());
      var problems = check(next, access);
      if (!problems.isEmpty()) {
        return new Outcome.Invalid<>(problems);
      }
      var stored = configs.update(next);
      cache.invalidate(id);
      if (stored.isPresent()) {
        reconfigureDependents(id);
        return new Outcome.Done<>(stored.get());
      }
    }
    return new Outcome.Conflict<>("config " + id + " is being changed concurrently; retry");
  }

  public Outcome<Void> delete(String id) {
    return delete(id, Access.ALL);
  }

  public Outcome<Void> delete(String id, Access access) {
    var current = configs.findById(id).filter(access.sees());
    if (current.isEmpty()) {
      return new Outcome.Missing<>("config " + id);
    }
    if (!current.get().deletable()) {
      return new Outcome.Forbidden<>("config " + id + " is not deletable");
    }
    if (current.get().tenantUuid() == null && !access.writesShared()) {
      return new Outcome.Forbidden<>("config " + id + " is shared by every tenant: only the master tenant deletes it");
    }
    if (!configs.delete(id)) {
      return new Outcome.Missing<>("config " + id);
    }
    cache.invalidate(id);
    reconfigureDependents(id);
    return new Outcome.Done<>(null);
  }

  /**
   * A new transient config for a device in autoprov (config-model.md §3.1), child of the config
   * whose role is {@code autocreate}, with its own SIP account; owned by {@code tenant}.
   */
  public Outcome<Config> autocreate(String tenant) {
    var template = configs.findByRole(StandardConfigs.ROLE_AUTOCREATE);
    if (template.isEmpty()) {
      // provd-rest-api.md §11 #6: the reference never answers here.
      return new Outcome.Conflict<>("no config has the role autocreate");
    }
    Config config = withTenant(autocreate.newConfig(template.get()), tenant);
    if (!configs.insert(config)) {
      return new Outcome.Conflict<>("config " + config.id() + " already exists");
    }
    return new Outcome.Done<>(config);
  }

  /** config-model.md §3.3: a transient config goes when its last device leaves it. */
  void dropIfUnusedTransient(String oldConfig, String newConfig) {
    if (oldConfig == null || oldConfig.equals(newConfig)) {
      return;
    }
    configs.findById(oldConfig)
        .filter(Config::transientConfig)
        .filter(c -> devices.findByConfig(oldConfig).isEmpty())
        .ifPresent(c -> {
          configs.delete(c.id());
          cache.invalidate(c.id());
        });
  }

  private static Config withTenant(Config c, String tenant) {
    return new Config(c.id(), c.parentIds(), c.rawConfig(), c.role(), c.transientConfig(), c.deletable(), tenant,
        c.extra(), c.revision());
  }

  private List<String> check(Config config, Access access) {
    var problems = new ArrayList<String>();
    RawConfigSchema.validateLayer(config.rawConfig()).stream()
        .map(v -> "config.raw_config." + v).forEach(problems::add);
    if (config.parentIds().contains(config.id()) || merger.wouldCycle(config)) {
      problems.add("config.parent_ids: would make a cycle through " + config.id());
    }
    // A parent of another tenant would hand its settings (SIP passwords) down to this one.
    for (String parent : config.parentIds()) {
      if (configs.findById(parent).filter(p -> !access.sees().test(p)).isPresent()) {
        problems.add("config.parent_ids: config " + parent + " does not exist");
      }
    }
    return problems;
  }

  /** Recomputes {@code configured} for the devices of this config and of all its descendants. */
  private void reconfigureDependents(String configId) {
    var seen = new HashSet<String>();
    var queue = new ArrayDeque<String>(List.of(configId));
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!seen.add(id)) {
        continue;
      }
      for (Device device : devices.findByConfig(id)) {
        refresh(device);
      }
      configs.findChildren(id).forEach(child -> queue.add(child.id()));
    }
  }

  /** Stores the device's recomputed flag; a concurrent writer's version is recomputed in turn. */
  private void refresh(Device device) {
    Device current = device;
    for (int attempt = 0; attempt < DeviceAdmin.ATTEMPTS; attempt++) {
      Device refreshed = readiness.refresh(current);
      if (refreshed.equals(current)) {
        return;
      }
      switch (devices.update(refreshed)) {
        case DeviceStore.Update.Updated u -> {
          return;
        }
        case DeviceStore.Update.Stale s -> current = s.current();
        case DeviceStore.Update.Rejected r -> {
          return;
        }
      }
    }
  }
}
