package io.autoprovd.core.config;

import java.util.List;
import java.util.Map;

/**
 * The configs that exist from first start (config-model.md §1): {@code base}, the editable device
 * template {@code defaultconfigdevice}, and {@code autoprov}, the template of every auto-created
 * config (role {@code autocreate}).
 */
public final class StandardConfigs {
  public static final String BASE = "base";
  public static final String DEFAULT_CONFIG_DEVICE = "defaultconfigdevice";
  public static final String AUTOPROV = "autoprov";
  public static final String ROLE_AUTOCREATE = "autocreate";

  private StandardConfigs() {}

  /**
   * @param host the host phones reach this server at (NTP, autoprov SIP registrar)
   * @param sipPort the port of the autoprov SIP registrar
   */
  public static List<Config> all(String host, int sipPort) {
    var base = new Config(BASE, List.of(), Map.of("ntp_enabled", true, "ntp_ip", host),
        null, false, false, null, Map.of("X_type", "internal"), 0);
    var device = new Config(DEFAULT_CONFIG_DEVICE, List.of(),
        Map.of("ntp_enabled", true, "ntp_ip", host, "sip_dtmf_mode", "SIP-INFO"),
        null, false, false, null,
        Map.of("X_type", "device", "label", "Default config device"), 0);
    var autoprovLine = Map.<String, Object>of(
        "display_name", "Autoprov", "number", "autoprov",
        "proxy_ip", host, "registrar_ip", host, "proxy_port", sipPort);
    var autoprov = new Config(AUTOPROV, List.of(BASE, DEFAULT_CONFIG_DEVICE),
        Map.of("sip_lines", Map.of("1", autoprovLine)),
        ROLE_AUTOCREATE, false, false, null, Map.of("X_type", "internal"), 0);
    return List.of(base, device, autoprov);
  }
}
