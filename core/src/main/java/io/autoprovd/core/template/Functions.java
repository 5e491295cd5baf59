package io.autoprovd.core.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global functions templates may call (registered by {@link JinjavaTemplateEngine}; documented
 * in docs/templates.md). Public static because Jinjava binds functions by reflection; not API.
 */
public final class Functions {

  private static final Pattern LOCALE = Pattern.compile("([a-zA-Z]{2,3})(?:[_-]([a-zA-Z]{2}))?(?:[.@].*)?");

  private Functions() {}

  /** {@code tz_info(name)}: offset and DST rule of an IANA zone, or none when it is unknown. */
  public static Map<String, Object> tzInfo(Object name) {
    return TimeZones.info(name == null ? null : name.toString()).map(TimeZones::toMap).orElse(null);
  }

  /** {@code locale_parts('fr_FR')} → {name, language, country, tag}; none when malformed. */
  public static Map<String, Object> localeParts(Object locale) {
    if (locale == null) {
      return null;
    }
    Matcher m = LOCALE.matcher(locale.toString().trim());
    if (!m.matches()) {
      return null;
    }
    String language = m.group(1).toLowerCase(java.util.Locale.ROOT);
    String country = m.group(2) == null ? null : m.group(2).toUpperCase(java.util.Locale.ROOT);
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("name", country == null ? language : language + "_" + country);
    parts.put("language", language);
    parts.put("country", country);
    parts.put("tag", country == null ? language : language + "-" + country);
    return parts;
  }

  /**
   * {@code lookup(table, key)}: {@code table[key]}, or none. A key that misses is retried as a
   * string (so {@code lookup(table, 1)} finds {@code '1'}) and, for a locale such as
   * {@code fr_CA}, as its language {@code fr}.
   */
  public static Object lookup(Object table, Object key) {
    if (!(table instanceof Map<?, ?> map) || key == null) {
      return null;
    }
    if (map.containsKey(key)) {
      return map.get(key);
    }
    String text = key.toString();
    if (map.containsKey(text)) {
      return map.get(text);
    }
    Map<String, Object> locale = localeParts(text);
    if (locale != null && locale.get("country") != null) {
      return map.get(locale.get("language"));
    }
    return null;
  }

  /**
   * {@code effective_line(line)}: a copy of a {@code sip_lines} entry with every field resolved
   * against the global settings (docs/templates.md lists each fallback).
   */
  public static Map<String, Object> effectiveLine(Object line) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (line instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    java.util.function.Function<String, Object> global = name -> interpreter == null ? null : interpreter.getContext().get(name);

    fallback(out, "auth_username", out.get("username"));
    boolean ownProxy = present(out.get("proxy_ip"));
    fallback(out, "proxy_ip", global.apply("sip_proxy_ip"));
    fallback(out, "proxy_port", ownProxy ? null : global.apply("sip_proxy_port"));
    fallback(out, "proxy_port", global.apply("sip_proxy_port"));
    boolean ownRegistrar = present(out.get("registrar_ip"));
    fallback(out, "registrar_ip", ownProxy ? out.get("proxy_ip") : global.apply("sip_registrar_ip"));
    fallback(out, "registrar_ip", out.get("proxy_ip"));
    if (!ownRegistrar || !present(out.get("registrar_port"))) {
      fallback(out, "registrar_port", ownRegistrar ? null : global.apply("sip_registrar_port"));
      if (java.util.Objects.equals(out.get("registrar_ip"), out.get("proxy_ip"))) {
        fallback(out, "registrar_port", out.get("proxy_port"));
      }
    }
    for (String kind : new String[] {"backup_proxy", "backup_registrar", "outbound_proxy"}) {
      boolean own = present(out.get(kind + "_ip"));
      fallback(out, kind + "_ip", global.apply("sip_" + kind + "_ip"));
      if (!own) {
        fallback(out, kind + "_port", global.apply("sip_" + kind + "_port"));
      }
    }
    fallback(out, "dtmf_mode", global.apply("sip_dtmf_mode"));
    fallback(out, "srtp_mode", global.apply("sip_srtp_mode"));
    fallback(out, "srtp_mode", "disabled");
    fallback(out, "transport", global.apply("sip_transport"));
    fallback(out, "transport", "udp");
    fallback(out, "voicemail", global.apply("exten_voicemail"));
    fallback(out, "subscribe_mwi", global.apply("sip_subscribe_mwi"));
    return out;
  }

  private static void fallback(Map<String, Object> map, String key, Object value) {
    if (!present(map.get(key)) && present(value)) {
      map.put(key, value);
    }
  }

  private static boolean present(Object value) {
    return value != null && !(value instanceof CharSequence s && s.isEmpty());
  }
}
