package io.autoprovd.core.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw_config schema of config-model.md §4, every field of the reference table. Problems are
 * collected, never thrown, and each names its field path ({@code sip_lines.1.registrar_port: must
 * be 1..65535}).
 *
 * <p>Two modes. A stored config's own layer is checked for types and ranges only ({@link
 * #validateLayer}); the rules that span fields ({@code ntp_enabled} needs {@code ntp_ip}) are
 * checked on the merged result ({@link #validateMerged}), so a child may enable what a parent
 * defines — the reference refuses that, for no benefit to anyone. A null value means "unset".
 */
public final class RawConfigSchema {
  private static final Set<String> DTMF = Set.of("RTP-in-band", "RTP-out-of-band", "SIP-INFO");
  private static final Set<String> SRTP = Set.of("disabled", "preferred", "required");
  private static final Set<String> TRANSPORT = Set.of("udp", "tcp", "tls");
  private static final Set<String> SYSLOG_LEVEL = Set.of("critical", "error", "warning", "info", "debug");
  private static final Set<String> PROTOCOL = Set.of("SIP", "SCCP");
  private static final Set<String> FUNCKEY_TYPES = Set.of("speeddial", "blf", "park");
  private static final Pattern LOCALE = Pattern.compile("^[a-z]{2}_[A-Z]{2}");
  private static final Pattern NUMERIC_KEY = Pattern.compile("[0-9]+");

  private static final List<String> STRINGS = List.of(
      "http_base_url", "ip", "dns_ip", "ntp_ip", "syslog_ip", "admin_username", "admin_password",
      "user_username", "user_password", "sip_proxy_ip", "sip_backup_proxy_ip", "sip_registrar_ip",
      "sip_backup_registrar_ip", "sip_outbound_proxy_ip", "sip_local_certificate", "sip_local_key",
      "exten_dnd", "exten_fwd_unconditional", "exten_fwd_no_answer", "exten_fwd_busy",
      "exten_fwd_disable_all", "exten_park", "exten_pickup_group", "exten_pickup_call",
      "exten_voicemail");
  private static final List<String> PORTS = List.of(
      "http_port", "tftp_port", "syslog_port", "sip_proxy_port", "sip_backup_proxy_port",
      "sip_registrar_port", "sip_backup_registrar_port", "sip_outbound_proxy_port");
  private static final List<String> BOOLEANS = List.of(
      "dns_enabled", "ntp_enabled", "vlan_enabled", "syslog_enabled", "sip_subscribe_mwi");
  private static final List<String> LINE_STRINGS = List.of(
      "username", "auth_username", "password", "display_name", "number", "proxy_ip",
      "registrar_ip", "backup_proxy_ip", "backup_registrar_ip", "outbound_proxy_ip", "voicemail");
  private static final List<String> LINE_PORTS = List.of(
      "proxy_port", "registrar_port", "backup_proxy_port", "backup_registrar_port", "outbound_proxy_port");

  private RawConfigSchema() {}

  /** Types and ranges of one config's own layer, as stored. */
  public static List<Violation> validateLayer(Map<String, Object> raw) {
    var v = new ArrayList<Violation>();
    checkTypes(raw, v);
    return List.copyOf(v);
  }

  /** Types, ranges and cross-field rules of a merged raw config, before rendering. */
  public static List<Violation> validateMerged(Map<String, Object> raw) {
    var v = new ArrayList<Violation>();
    checkTypes(raw, v);
    requiredWhen(raw, "dns_enabled", "dns_ip", v);
    requiredWhen(raw, "ntp_enabled", "ntp_ip", v);
    requiredWhen(raw, "vlan_enabled", "vlan_id", v);
    requiredWhen(raw, "syslog_enabled", "syslog_ip", v);
    return List.copyOf(v);
  }

  private static void checkTypes(Map<String, Object> raw, List<Violation> v) {
    for (var e : raw.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.startsWith("XX_")) {
        v.add(new Violation(key, "keys starting with XX_ are reserved for plugins"));
      } else if (!KNOWN.contains(key) && !key.startsWith("X_")) {
        v.add(new Violation(key, "unknown field; custom fields must start with X_"));
      } else if (value != null && !key.startsWith("X_")) {
        checkField(key, value, v);
      }
    }
  }

  private static final Set<String> KNOWN;

  static {
    var known = new java.util.HashSet<String>();
    known.addAll(STRINGS);
    known.addAll(PORTS);
    known.addAll(BOOLEANS);
    known.addAll(List.of("vlan_id", "vlan_priority", "vlan_pc_port_id", "syslog_level", "timezone",
        "locale", "protocol", "sip_dtmf_mode", "sip_srtp_mode", "sip_transport",
        "sip_servers_root_and_intermediate_certificates", "sip_local_root_and_intermediate_certificates",
        "sip_lines", "sccp_call_managers", "funckeys", "config_version"));
    KNOWN = Set.copyOf(known);
  }

  private static void checkField(String key, Object value, List<Violation> v) {
    if (STRINGS.contains(key)) {
      string(key, value, v);
    } else if (PORTS.contains(key)) {
      integer(key, value, 1, 65535, v);
    } else if (BOOLEANS.contains(key)) {
      bool(key, value, v);
    } else {
      switch (key) {
        case "vlan_id", "vlan_pc_port_id" -> integer(key, value, 0, 4094, v);
        case "vlan_priority" -> integer(key, value, 0, 7, v);
        case "config_version" -> integer(key, value, 0, Integer.MAX_VALUE, v);
        case "syslog_level" -> oneOf(key, value, SYSLOG_LEVEL, v);
        case "protocol" -> oneOf(key, value, PROTOCOL, v);
        case "sip_dtmf_mode" -> oneOf(key, value, DTMF, v);
        case "sip_srtp_mode" -> oneOf(key, value, SRTP, v);
        case "sip_transport" -> oneOf(key, value, TRANSPORT, v);
        case "timezone" -> timezone(key, value, v);
        case "locale" -> {
          if (string(key, value, v) && !LOCALE.matcher((String) value).find()) {
            v.add(new Violation(key, "must look like fr_FR"));
          }
        }
        case "sip_servers_root_and_intermediate_certificates",
            "sip_local_root_and_intermediate_certificates" -> stringList(key, value, v);
        case "sip_lines" -> lines(value, v);
        case "sccp_call_managers" -> callManagers(value, v);
        case "funckeys" -> funckeys(value, v);
        default -> throw new IllegalStateException("field without a rule: " + key);
      }
    }
  }

  private static void lines(Object value, List<Violation> v) {
    if (!(value instanceof Map<?, ?> lines)) {
      v.add(new Violation("sip_lines", "must be an object"));
      return;
    }
    lines.forEach((number, line) -> {
      String path = "sip_lines." + number;
      if (!(line instanceof Map<?, ?> fields)) {
        v.add(new Violation(path, "must be an object"));
        return;
      }
      fields.forEach((k, val) -> {
        String name = String.valueOf(k);
        String p = path + "." + name;
        if (val == null) {
          return;
        }
        if (LINE_STRINGS.contains(name)) {
          string(p, val, v);
        } else if (LINE_PORTS.contains(name)) {
          integer(p, val, 1, 65535, v);
        } else if (name.equals("dtmf_mode")) {
          oneOf(p, val, DTMF, v);
        } else if (name.equals("srtp_mode")) {
          oneOf(p, val, SRTP, v);
        }
      });
    });
  }

  private static void callManagers(Object value, List<Violation> v) {
    if (!(value instanceof Map<?, ?> managers)) {
      v.add(new Violation("sccp_call_managers", "must be an object"));
      return;
    }
    managers.forEach((priority, manager) -> {
      String path = "sccp_call_managers." + priority;
      if (!NUMERIC_KEY.matcher(String.valueOf(priority)).matches()) {
        v.add(new Violation(path, "key must be a number"));
      }
      if (!(manager instanceof Map<?, ?> fields)) {
        v.add(new Violation(path, "must be an object"));
        return;
      }
      if (fields.get("ip") == null) {
        v.add(new Violation(path + ".ip", "required"));
      } else {
        string(path + ".ip", fields.get("ip"), v);
      }
      if (fields.get("port") != null) {
        integer(path + ".port", fields.get("port"), 1, 65535, v);
      }
    });
  }

  private static void funckeys(Object value, List<Violation> v) {
    if (!(value instanceof Map<?, ?> keys)) {
      v.add(new Violation("funckeys", "must be an object"));
      return;
    }
    keys.forEach((position, key) -> {
      String path = "funckeys." + position;
      if (!NUMERIC_KEY.matcher(String.valueOf(position)).matches()) {
        v.add(new Violation(path, "key must be a number"));
      }
      if (!(key instanceof Map<?, ?> fields)) {
        v.add(new Violation(path, "must be an object"));
        return;
      }
      Object type = fields.get("type");
      if (type == null) {
        v.add(new Violation(path + ".type", "required"));
      } else if (oneOf(path + ".type", type, FUNCKEY_TYPES, v)
          && !type.equals("park") && fields.get("value") == null) {
        v.add(new Violation(path + ".value", "required for type " + type));
      }
      for (String f : List.of("value", "label", "line")) {
        if (fields.get(f) != null) {
          string(path + "." + f, fields.get(f), v);
        }
      }
    });
  }

  private static void requiredWhen(Map<String, Object> raw, String flag, String field, List<Violation> v) {
    if (Boolean.TRUE.equals(raw.get(flag)) && raw.get(field) == null) {
      v.add(new Violation(field, "required when " + flag + " is true"));
    }
  }

  private static boolean string(String path, Object value, List<Violation> v) {
    if (value instanceof String) {
      return true;
    }
    v.add(new Violation(path, "must be a string"));
    return false;
  }

  private static void stringList(String path, Object value, List<Violation> v) {
    if (!(value instanceof List<?> list)) {
      v.add(new Violation(path, "must be a list of strings"));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      string(path + "." + i, list.get(i), v);
    }
  }

  private static void bool(String path, Object value, List<Violation> v) {
    if (!(value instanceof Boolean)) {
      v.add(new Violation(path, "must be true or false"));
    }
  }

  private static void integer(String path, Object value, long min, long max, List<Violation> v) {
    boolean isInteger = value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof java.math.BigInteger;
    if (!isInteger) {
      v.add(new Violation(path, "must be an integer " + min + ".." + max));
      return;
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max || (value instanceof java.math.BigInteger b && b.bitLength() > 63)) {
      v.add(new Violation(path, "must be " + min + ".." + max));
    }
  }

  private static boolean oneOf(String path, Object value, Set<String> allowed, List<Violation> v) {
    if (value instanceof String s && allowed.contains(s)) {
      return true;
    }
    v.add(new Violation(path, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
    return false;
  }

  private static void timezone(String path, Object value, List<Violation> v) {
    if (!string(path, value, v)) {
      return;
    }
    try {
      ZoneId.of((String) value);
    } catch (DateTimeException e) {
      v.add(new Violation(path, "unknown time zone: " + value));
    }
  }
}
