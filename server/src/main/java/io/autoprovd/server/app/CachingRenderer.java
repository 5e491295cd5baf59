package io.autoprovd.server.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.provisioning.Renderer;
import io.autoprovd.core.provisioning.TemplateContext;
import io.autoprovd.core.template.RenderException;
import io.autoprovd.core.template.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders on first fetch and keeps the bytes: a phone's fetch of an unchanged file is a cache hit.
 * The key holds everything the bytes depend on (pack version, requested path, device revision,
 * revisions of every config in the chain), so a write anywhere makes a new key and no invalidation
 * is needed; stale entries age out by size.
 */
public final class CachingRenderer implements Renderer {
  private final TemplateEngine engine;
  private final ConfigMerger merger;
  private final Supplier<Map<String, Object>> baseRawConfig;
  private final Cache<Key, byte[]> cache;

  private record Key(String pack, String packVersion, String template, String device, long deviceRevision,
      String chain) {}

  public CachingRenderer(TemplateEngine engine, ConfigMerger merger, Supplier<Map<String, Object>> baseRawConfig,
      long maxBytes) {
    this.engine = engine;
    this.merger = merger;
    this.baseRawConfig = baseRawConfig;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .<Key, byte[]>weigher((k, v) -> v.length + 200)
        .build();
  }

  @Override
  public Optional<byte[]> render(PluginPack pack, FileEntry entry, Device device) {
    if (entry.scope() != FileEntry.Scope.DEVICE) {
      var key = new Key(pack.id(), pack.version(), entry.template(), null, 0, "");
      return Optional.of(cache.get(key, k -> bytes(pack, entry,
          TemplateContext.forCommon(pack, baseRawConfig.get()))));
    }
    var merged = merger.merge(device.config(), baseRawConfig.get());
    if (merged.isEmpty()) {
      return Optional.empty();
    }
    var key = new Key(pack.id(), pack.version(), entry.template(), device.id(), device.revision(),
        merged.get().chainVersion());
    return Optional.of(cache.get(key, k -> bytes(pack, entry,
        TemplateContext.forDevice(pack, device, merged.get().rawConfig()))));
  }

  private byte[] bytes(PluginPack pack, FileEntry entry, Map<String, Object> context) {
    try {
      return engine.render(pack::template, entry.template(), context).getBytes(StandardCharsets.UTF_8);
    } catch (RenderException e) {
      throw e.withPlugin(pack.id());
    }
  }
}
