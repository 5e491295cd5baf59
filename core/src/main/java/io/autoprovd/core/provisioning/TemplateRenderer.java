package io.autoprovd.core.provisioning;

import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.template.RenderException;
import io.autoprovd.core.template.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Renders an entry's template from the device's merged raw config, uncached. */
public final class TemplateRenderer implements Renderer {
  private final TemplateEngine engine;
  private final ConfigMerger merger;
  private final Supplier<Map<String, Object>> baseRawConfig;

  public TemplateRenderer(TemplateEngine engine, ConfigMerger merger, Supplier<Map<String, Object>> baseRawConfig) {
    this.engine = engine;
    this.merger = merger;
    this.baseRawConfig = baseRawConfig;
  }

  @Override
  public Optional<byte[]> render(PluginPack pack, FileEntry entry, Device device) {
    Map<String, Object> context;
    if (entry.scope() == FileEntry.Scope.DEVICE) {
      var merged = merger.merge(device.config(), baseRawConfig.get());
      if (merged.isEmpty()) {
        return Optional.empty();
      }
      context = TemplateContext.forDevice(pack, device, merged.get().rawConfig());
    } else {
      context = TemplateContext.forCommon(pack, baseRawConfig.get());
    }
    try {
      return Optional.of(engine.render(pack::template, entry.template(), context).getBytes(StandardCharsets.UTF_8));
    } catch (RenderException e) {
      throw e.withPlugin(pack.id());
    }
  }
}
