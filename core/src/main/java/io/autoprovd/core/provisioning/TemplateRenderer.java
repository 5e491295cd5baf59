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
  public Optional<byte[]> render(PluginPack pack, FileEntry entry, Map<String, String> pathVars, Device device) {
    if (entry.scope() != FileEntry.Scope.DEVICE) {
      return Optional.of(renderCommon(pack, entry, pathVars, baseRawConfig.get()));
    }
    return merger.merge(device.config(), baseRawConfig.get())
        .map(merged -> renderDevice(pack, entry, pathVars, device, merged.rawConfig()));
  }

  /** A device-scope file from an already merged raw config (for callers that merge anyway). */
  public byte[] renderDevice(PluginPack pack, FileEntry entry, Map<String, String> pathVars, Device device,
      Map<String, Object> mergedRawConfig) {
    return bytes(pack, entry, TemplateContext.forDevice(pack, device, mergedRawConfig, pathVars));
  }

  /** A common-scope file from the given base raw config. */
  public byte[] renderCommon(PluginPack pack, FileEntry entry, Map<String, String> pathVars,
      Map<String, Object> baseRawConfig) {
    return bytes(pack, entry, TemplateContext.forCommon(pack, baseRawConfig, pathVars));
  }

  private byte[] bytes(PluginPack pack, FileEntry entry, Map<String, Object> context) {
    try {
      return engine.render(pack::template, entry.template(), context).getBytes(StandardCharsets.UTF_8);
    } catch (RenderException e) {
      throw e.withPlugin(pack.id());
    }
  }
}
