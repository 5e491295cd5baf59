package io.autoprovd.core.provisioning;

import io.autoprovd.core.config.RawConfigDefaults;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.core.plugin.PluginPack;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The variables a template sees (docs/plugin-packs.md, "Template context"). */
public final class TemplateContext {
  private TemplateContext() {}

  /** For a device-scope file: the merged raw config with defaults, plus device, model, plugin. */
  public static Map<String, Object> forDevice(PluginPack pack, Device device, Map<String, Object> mergedRawConfig) {
    return forDevice(pack, device, mergedRawConfig, Map.of());
  }

  /** As {@link #forDevice(PluginPack, Device, Map)}, with the request path's named groups as {@code path}. */
  public static Map<String, Object> forDevice(PluginPack pack, Device device, Map<String, Object> mergedRawConfig,
      Map<String, String> pathVars) {
    Map<String, Object> ctx = RawConfigDefaults.apply(mergedRawConfig);
    var d = new LinkedHashMap<String, Object>();
    d.put("id", device.id());
    d.put("mac", device.mac() == null ? null : device.mac().value());
    d.put("mac_compact", device.mac() == null ? null : device.mac().compact());
    d.put("MAC_COMPACT", device.mac() == null ? null : device.mac().compact().toUpperCase(Locale.ROOT));
    d.put("ip", device.ip());
    d.put("vendor", device.vendor());
    d.put("model", device.model());
    d.put("version", device.version());
    d.put("sn", device.sn());
    d.put("uuid", device.uuid());
    ctx.put("device", d);
    ctx.put("model", pack.model(device.model()).map(ModelSpec::asTemplateValue).orElse(Map.of()));
    ctx.put("XX_options", device.options());
    common(pack, ctx, pathVars);
    return ctx;
  }

  /** For a common-scope file: the base raw config only, no device. */
  public static Map<String, Object> forCommon(PluginPack pack, Map<String, Object> baseRawConfig) {
    return forCommon(pack, baseRawConfig, Map.of());
  }

  /**
   * As {@link #forCommon(PluginPack, Map)}; a {@code model} group in the path selects that model's
   * entry as {@code model}, so a per-model common file ({@code snomD785.htm}) knows its model.
   */
  public static Map<String, Object> forCommon(PluginPack pack, Map<String, Object> baseRawConfig,
      Map<String, String> pathVars) {
    Map<String, Object> ctx = RawConfigDefaults.apply(baseRawConfig);
    String pathModel = pathVars.get("model");
    ctx.put("model", pathModel == null ? Map.of()
        : pack.model(pathModel).map(ModelSpec::asTemplateValue).orElse(Map.of()));
    common(pack, ctx, pathVars);
    return ctx;
  }

  private static void common(PluginPack pack, Map<String, Object> ctx, Map<String, String> pathVars) {
    ctx.put("path", pathVars);
    ctx.put("plugin", Map.of("id", pack.id(), "version", pack.version(), "vendor", pack.vendor()));
    ctx.put("XX_server_url", serverUrl(ctx));
  }

  /** vendors.md: {@code http_base_url}, or {@code http://<ip>:<http_port>} when there is none. */
  static String serverUrl(Map<String, Object> raw) {
    Object base = raw.get("http_base_url");
    if (base instanceof String s && !s.isBlank()) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
    Object ip = raw.get("ip");
    Object port = raw.get("http_port");
    return ip == null ? null : "http://" + ip + (port == null ? "" : ":" + port);
  }
}
