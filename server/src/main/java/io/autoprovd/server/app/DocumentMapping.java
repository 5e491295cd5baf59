package io.autoprovd.server.app;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.search.DocumentViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Devices and configs to and from the JSON documents of wazo-provd's REST API 0.2
 * (provd-rest-api.md §9). Parsing collects every problem, each naming its field.
 */
public final class DocumentMapping {
  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  /** Ids appear in URLs and file names: no separators, no dot segments. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}");
  /** Identification fields (sn, model, …) are short; a longer value is a mistake or an attack. */
  static final int MAX_FIELD = 256;
  static final int MAX_DESCRIPTION = 4096;

  private static final Set<String> DEVICE_KEYS = Set.of("id", "mac", "sn", "uuid", "ip", "vendor", "model",
      "version", "plugin", "config", "configured", "configured_reason", "tenant_uuid", "is_new", "added",
      "description", "options", "remote_state_sip_username", "last_seen", "line_tenants");
  private static final Set<String> CONFIG_KEYS = Set.of("id", "parent_ids", "raw_config", "role",
      "transient", "deletable", "tenant_uuid");

  private DocumentMapping() {}

  /** The REST form; also what selectors are evaluated on ({@link DocumentViews}). */
  public static Map<String, Object> toJson(Device d) {
    return DocumentViews.device(d);
  }

  public static Map<String, Object> toJson(Config c) {
    return DocumentViews.config(c);
  }

  /** The outcome of parsing a client's document. */
  public record Parsed<T>(T value, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * A device from a client's document. Server-owned fields ({@code configured}, {@code tenant_uuid},
   * {@code is_new}, …) are ignored: the caller sets them from the stored device and the rules.
   */
  @SuppressWarnings("unchecked")
  public static Parsed<Device> parseDevice(Map<String, Object> doc, String id, String tenantUuid) {
    var problems = new ArrayList<String>();
    var b = Device.newBuilder(id, tenantUuid);
    Object mac = doc.get("mac");
    if (mac != null) {
      if (mac instanceof String s && Mac.tryParse(s).isPresent()) {
        b.mac(Mac.parse(s));
      } else {
        problems.add("device.mac: not a MAC address");
      }
    }
    Object ip = doc.get("ip");
    if (ip != null && !(ip instanceof String s && IPV4.matcher(s).matches())) {
      problems.add("device.ip: not a dotted-quad IPv4 address");
    } else if (ip != null) {
      b.ip((String) ip);
    }
    b.sn(string(doc, "device", "sn", MAX_FIELD, problems)).uuid(string(doc, "device", "uuid", MAX_FIELD, problems))
        .vendor(string(doc, "device", "vendor", MAX_FIELD, problems))
        .model(string(doc, "device", "model", MAX_FIELD, problems))
        .version(string(doc, "device", "version", MAX_FIELD, problems))
        .plugin(reference(doc, "plugin", problems)).config(reference(doc, "config", problems))
        .description(string(doc, "device", "description", MAX_DESCRIPTION, problems))
        .added(string(doc, "device", "added", MAX_FIELD, problems));
    Object options = doc.get("options");
    if (options != null && !(options instanceof Map)) {
      problems.add("device.options: must be an object");
    } else if (options != null) {
      b.options((Map<String, Object>) options);
    }
    var extra = new LinkedHashMap<String, Object>();
    doc.forEach((k, v) -> {
      if (!DEVICE_KEYS.contains(k)) {
        extra.put(k, v);
      }
    });
    b.extra(extra);
    return new Parsed<>(problems.isEmpty() ? b.build() : null, problems);
  }

  @SuppressWarnings("unchecked")
  public static Parsed<Config> parseConfig(Map<String, Object> doc, String id) {
    var problems = new ArrayList<String>();
    Object parents = doc.get("parent_ids");
    List<String> parentIds = List.of();
    if (!(parents instanceof List<?> list) || !list.stream().allMatch(p -> p instanceof String)) {
      problems.add("config.parent_ids: required, a list of strings");
    } else {
      parentIds = (List<String>) list;
    }
    Object raw = doc.get("raw_config");
    if (!(raw instanceof Map)) {
      problems.add("config.raw_config: required, an object");
    }
    Object deletable = doc.getOrDefault("deletable", true);
    Object transientValue = doc.getOrDefault("transient", false);
    if (!(deletable instanceof Boolean)) {
      problems.add("config.deletable: must be true or false");
    }
    if (!(transientValue instanceof Boolean)) {
      problems.add("config.transient: must be true or false");
    }
    String role = string(doc, "config", "role", MAX_FIELD, problems);
    if (!problems.isEmpty()) {
      return new Parsed<>(null, problems);
    }
    var extra = new LinkedHashMap<String, Object>();
    doc.forEach((k, v) -> {
      if (!CONFIG_KEYS.contains(k)) {
        extra.put(k, v);
      }
    });
    return new Parsed<>(new Config(id, parentIds, (Map<String, Object>) raw, role, (Boolean) transientValue,
        (Boolean) deletable, null, extra, 0), problems);
  }

  private static String string(Map<String, Object> doc, String prefix, String key, int max, List<String> problems) {
    Object v = doc.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      if (s.length() > max) {
        problems.add(prefix + "." + key + ": at most " + max + " characters");
        return null;
      }
      return s;
    }
    problems.add(prefix + "." + key + ": must be a string");
    return null;
  }

  /** The id of a plugin or config: it may name nothing yet, but it must be a usable id. */
  private static String reference(Map<String, Object> doc, String key, List<String> problems) {
    String value = string(doc, "device", key, MAX_FIELD, problems);
    if (value != null && !ID.matcher(value).matches()) {
      problems.add("device." + key + ": must match " + ID.pattern());
      return null;
    }
    return value;
  }
}
