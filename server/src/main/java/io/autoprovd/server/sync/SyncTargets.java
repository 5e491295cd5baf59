package io.autoprovd.server.sync;

import io.autoprovd.core.config.MergedConfig;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.server.app.DeviceSync.SyncResult;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every strategy needs to know about a device to tell it to resync: the event its plugin
 * names ({@code sync.event} in plugin.yml), and the SIP identity its phone currently uses. That
 * identity is the user name the phone last fetched ({@code remote_state_sip_username},
 * identification.md §7) when known, else line 1 of its merged config; the domain is that line's
 * registrar (or proxy). Thread-safe.
 */
public final class SyncTargets {
  private final PluginCatalog catalog;
  private final BiFunction<String, Map<String, Object>, Optional<MergedConfig>> merge;

  /** @param merge merges a config chain ({@code ConfigCache::merge}) */
  public SyncTargets(PluginCatalog catalog, BiFunction<String, Map<String, Object>, Optional<MergedConfig>> merge) {
    this.catalog = catalog;
    this.merge = merge;
  }

  /** A device a NOTIFY can be built for. {@code user} and {@code domain} may be null. */
  public record Target(Device device, String event, String user, String domain) {}

  /** The target, or why there is none. */
  public sealed interface Resolution {
    record Found(Target target) implements Resolution {}

    record Unusable(String reason) implements Resolution {}
  }

  /** Resolves the device and hands its target to {@code send}; a device that cannot be synced fails with the reason. */
  public SyncResult sendTo(Device device, Function<Target, SyncResult> send) {
    return switch (resolve(device)) {
      case Resolution.Unusable u -> new SyncResult.Failed(u.reason());
      case Resolution.Found f -> send.apply(f.target());
    };
  }

  public Resolution resolve(Device device) {
    if (device.plugin() == null) {
      return new Resolution.Unusable("device " + device.id() + " has no plugin: its sync event is unknown");
    }
    Optional<PluginPack> pack = catalog.find(device.plugin());
    if (pack.isEmpty()) {
      return new Resolution.Unusable("plugin " + device.plugin() + " of device " + device.id() + " is not installed");
    }
    String event = pack.get().syncEvent();
    if (event == null || event.isBlank()) {
      return new Resolution.Unusable("plugin " + device.plugin() + " names no sync event");
    }
    if (event.strip().equals(PluginPack.NO_SYNC_EVENT)) {
      return new Resolution.Unusable("plugin " + device.plugin() + " has no resync: its devices fetch their files"
          + " again only when they restart");
    }
    Map<?, ?> line = lineOne(device);
    String user = device.remoteStateSipUsername() != null ? device.remoteStateSipUsername() : text(line, "username");
    String domain = text(line, "registrar_ip");
    if (domain == null) {
      domain = text(line, "proxy_ip");
    }
    return new Resolution.Found(new Target(device, event.strip(), user, domain));
  }

  private Map<?, ?> lineOne(Device device) {
    if (device.config() == null) {
      return Map.of();
    }
    return merge.apply(device.config(), Map.of())
        .map(m -> m.rawConfig().get("sip_lines") instanceof Map<?, ?> lines && lines.get("1") instanceof Map<?, ?> one
            ? (Map<?, ?>) one : Map.of())
        .orElse(Map.of());
  }

  private static String text(Map<?, ?> map, String key) {
    return map.get(key) instanceof String s && !s.isBlank() ? s.strip() : null;
  }
}
