package io.autoprovd.server.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.provisioning.Renderer;
import io.autoprovd.core.provisioning.TemplateRenderer;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders on first fetch and keeps the bytes: a phone's fetch of an unchanged file is a cache hit.
 * The key holds everything the bytes depend on (pack version, template, device revision,
 * revisions of every config in the chain), so a write anywhere makes a new key and no invalidation
 * is needed; stale entries age out by size.
 */
public final class CachingRenderer implements Renderer {
  private final TemplateRenderer renderer;
  private final ConfigCache configs;
  private final Supplier<Map<String, Object>> baseRawConfig;
  private final Cache<Key, byte[]> cache;
  // One number per loaded pack object: weak keys compare by identity, and a pack dropped from the
  // catalog is forgotten.
  private final Cache<PluginPack, Long> loads = Caffeine.newBuilder().weakKeys().build();
  private final java.util.concurrent.atomic.AtomicLong nextLoad = new java.util.concurrent.atomic.AtomicLong();

  /**
   * {@code packLoad} tells two loads of one pack version apart (an operator re-installing a
   * version with other content); {@code base} is the base raw config itself for common files.
   */
  private record Key(String pack, String packVersion, long packLoad, String template, Map<String, String> pathVars,
      String device, long deviceRevision, String chain, Map<String, Object> base) {}

  public CachingRenderer(TemplateRenderer renderer, ConfigCache configs, Supplier<Map<String, Object>> baseRawConfig,
      long maxBytes) {
    this.renderer = renderer;
    this.configs = configs;
    this.baseRawConfig = baseRawConfig;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .<Key, byte[]>weigher((k, v) -> v.length + 200)
        .build();
  }

  private long load(PluginPack pack) {
    return loads.get(pack, p -> nextLoad.incrementAndGet());
  }

  @Override
  public Optional<byte[]> render(PluginPack pack, FileEntry entry, Map<String, String> pathVars, Device device) {
    if (entry.scope() != FileEntry.Scope.DEVICE) {
      Map<String, Object> base = baseRawConfig.get();
      var key = new Key(pack.id(), pack.version(), load(pack), entry.template(), pathVars, null, 0,
          "", base);
      return Optional.of(cache.get(key, k -> renderer.renderCommon(pack, entry, pathVars, base)));
    }
    var merged = configs.merge(device.config(), baseRawConfig.get());
    if (merged.isEmpty()) {
      return Optional.empty();
    }
    var key = new Key(pack.id(), pack.version(), load(pack), entry.template(), pathVars,
        device.id(), device.revision(), merged.get().chainVersion(), null);
    return Optional.of(cache.get(key,
        k -> renderer.renderDevice(pack, entry, pathVars, device, merged.get().rawConfig())));
  }
}
