package io.autoprovd.core.provisioning;

import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.RawConfigDefaults;
import io.autoprovd.core.config.RawConfigSchema;
import io.autoprovd.core.config.Violation;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.PluginCatalog;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Computes a device's {@code configured} flag (config-model.md §6) and, unlike the reference, says
 * why when it is false. Thread-safe.
 */
public final class Readiness {
  private final PluginCatalog catalog;
  private final ConfigMerger merger;
  private final Supplier<Map<String, Object>> baseRawConfig;

  public Readiness(PluginCatalog catalog, ConfigMerger merger, Supplier<Map<String, Object>> baseRawConfig) {
    this.catalog = catalog;
    this.merger = merger;
    this.baseRawConfig = baseRawConfig;
  }

  /** The device's readiness; {@code reason} is null exactly when it is configured. */
  public record Status(boolean configured, String reason) {
    static final Status READY = new Status(true, null);

    static Status not(String reason) {
      return new Status(false, reason);
    }
  }

  public Status check(Device device) {
    if (device.plugin() == null) {
      return Status.not("no plugin associated");
    }
    if (catalog.find(device.plugin()).isEmpty()) {
      return Status.not("plugin `" + device.plugin() + "` not installed");
    }
    if (device.config() == null) {
      return Status.not("no config");
    }
    var merged = merger.merge(device.config(), baseRawConfig.get());
    if (merged.isEmpty()) {
      return Status.not("config `" + device.config() + "` does not exist");
    }
    var violations = RawConfigSchema.validateMerged(RawConfigDefaults.apply(merged.get().rawConfig()));
    if (!violations.isEmpty()) {
      return Status.not("raw_config invalid: "
          + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    return Status.READY;
  }

  /** The device with its flag and reason recomputed. */
  public Device refresh(Device device) {
    Status status = check(device);
    return device.toBuilder().configured(status.configured(), status.reason()).build();
  }
}
