package io.autoprovd.server.app;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.RawConfigSchema;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.provisioning.Readiness;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Administrative config writes. Each write is validated (schema of the own layer, no cycle), then
 * every device whose config is the written one or one of its descendants gets its {@code
 * configured} flag recomputed (config-model.md §6). Rendered files need no invalidation: the
 * render cache is keyed by the revisions of the config chain.
 */
public final class ConfigAdmin {
  private final ConfigStore configs;
  private final ConfigCache cache;
  private final ConfigMerger merger;
  private final DeviceStore devices;
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

  public Outcome<Config> create(Map<String, Object> doc) {
    Object idValue = doc.get("id");
    String id = idValue == null ? UUID.randomUUID().toString().replace("-", "") : String.valueOf(idValue);
    if (!(idValue == null || idValue instanceof String) || !DocumentMapping.ID.matcher(id).matches()) {
      return new Outcome.Invalid<>(List.of("config.id: must match " + DocumentMapping.ID.pattern()));
    }
    var parsed = DocumentMapping.parseConfig(doc, id);
    if (!parsed.ok()) {
      return new Outcome.Invalid<>(parsed.problems());
    }
    Config config = parsed.value();
    var problems = check(config);
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
    var current = configs.findById(id);
    if (current.isEmpty()) {
      return new Outcome.Missing<>("config " + id);
    }
    var parsed = DocumentMapping.parseConfig(doc, id);
    if (!parsed.ok()) {
      return new Outcome.Invalid<>(parsed.problems());
    }
    Config next = parsed.value().withRevision(current.get().revision());
    var problems = check(next);
    if (!problems.isEmpty()) {
      return new Outcome.Invalid<>(problems);
    }
    var stored = configs.update(next);
    cache.invalidate(id);
    if (stored.isEmpty()) {
      return new Outcome.Conflict<>("config " + id + " changed concurrently; retry");
    }
    reconfigureDependents(id);
    return new Outcome.Done<>(stored.get());
  }

  public Outcome<Void> delete(String id) {
    var current = configs.findById(id);
    if (current.isEmpty()) {
      return new Outcome.Missing<>("config " + id);
    }
    if (!current.get().deletable()) {
      return new Outcome.Forbidden<>("config " + id + " is not deletable");
    }
    configs.delete(id);
    cache.invalidate(id);
    reconfigureDependents(id);
    return new Outcome.Done<>(null);
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

  private List<String> check(Config config) {
    var problems = new java.util.ArrayList<String>();
    RawConfigSchema.validateLayer(config.rawConfig()).stream()
        .map(v -> "config.raw_config." + v).forEach(problems::add);
    if (config.parentIds().contains(config.id()) || merger.wouldCycle(config)) {
      problems.add("config.parent_ids: would make a cycle through " + config.id());
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
        Device refreshed = readiness.refresh(device);
        if (!refreshed.equals(device)) {
          devices.update(refreshed);
        }
      }
      configs.findChildren(id).forEach(child -> queue.add(child.id()));
    }
  }
}
