package io.autoprovd.core.config;

import io.autoprovd.core.document.Documents;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The defaults applied to a merged raw config just before rendering (config-model.md §4.6). They
 * are never stored and never visible through {@code /raw}.
 */
public final class RawConfigDefaults {
  private RawConfigDefaults() {}

  /** A new, mutable document: {@code merged} with the defaults filled in. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> apply(Map<String, Object> merged) {
    Map<String, Object> raw = Documents.mutableCopy(merged);
    if (Boolean.TRUE.equals(raw.get("syslog_enabled"))) {
      raw.putIfAbsent("syslog_port", 514);
      raw.putIfAbsent("syslog_level", "warning");
    }
    if (raw.get("sip_proxy_ip") != null) {
      raw.putIfAbsent("sip_registrar_ip", raw.get("sip_proxy_ip"));
    }
    putIfNull(raw, "sip_srtp_mode", "disabled");
    putIfNull(raw, "sip_transport", "udp");
    if (!(raw.get("sip_lines") instanceof Map)) {
      raw.put("sip_lines", new LinkedHashMap<String, Object>());
    }
    ((Map<String, Object>) raw.get("sip_lines")).values().forEach(line -> {
      if (line instanceof Map<?, ?> l) {
        var fields = (Map<String, Object>) l;
        if (fields.get("proxy_ip") != null) {
          fields.putIfAbsent("registrar_ip", fields.get("proxy_ip"));
        }
        if (fields.get("username") != null) {
          fields.putIfAbsent("auth_username", fields.get("username"));
        }
      }
    });
    if (!(raw.get("sccp_call_managers") instanceof Map)) {
      raw.put("sccp_call_managers", new LinkedHashMap<String, Object>());
    }
    if (!(raw.get("funckeys") instanceof Map)) {
      raw.put("funckeys", new LinkedHashMap<String, Object>());
    }
    return raw;
  }

  private static void putIfNull(Map<String, Object> raw, String key, Object value) {
    if (raw.get(key) == null) {
      raw.put(key, value);
    }
  }
}
