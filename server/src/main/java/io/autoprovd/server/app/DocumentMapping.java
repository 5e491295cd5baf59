package io.autoprovd.server.app;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.Mac;
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

  private static final Set<String> DEVICE_KEYS = Set.of("id", "mac", "sn", "uuid", "ip", "vendor", "model",
      "version", "plugin", "config", "configured", "configured_reason", "tenant_uuid", "is_new", "added",
      "description", "options", "remote_state_sip_username", "last_seen");
  private static final Set<String> CONFIG_KEYS = Set.of("id", "parent_ids", "raw_config", "role",
      "transient", "deletable", "tenant_uuid");

  private DocumentMapping() {}

  public static Map<String, Object> toJson(Device d) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", d.id());
    putIfSet(m, "mac", d.mac() == null ? null : d.mac().value());
    putIfSet(m, "sn", d.sn());
    putIfSet(m, "uuid", d.uuid());
    putIfSet(m, "ip", d.ip());
    putIfSet(m, "vendor", d.vendor());
    putIfSet(m, "model", d.model());
    putIfSet(m, "version", d.version());
    putIfSet(m, "plugin", d.plugin());
    putIfSet(m, "config", d.config());
    m.put("configured", d.configured());
    putIfSet(m, "configured_reason", d.configuredReason());
    m.put("tenant_uuid", d.tenantUuid());
    m.put("is_new", d.isNew());
    putIfSet(m, "added", d.added());
    putIfSet(m, "description", d.description());
    if (!d.options().isEmpty()) {
      m.put("options", d.options());
    }
    putIfSet(m, "remote_state_sip_username", d.remoteStateSipUsername());
    putIfSet(m, "last_seen", d.lastSeen() == null ? null : d.lastSeen().toString());
    m.putAll(d.extra());
    return m;
  }

  public static Map<String, Object> toJson(Config c) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", c.id());
    m.put("parent_ids", c.parentIds());
    m.put("raw_config", c.rawConfig());
    putIfSet(m, "role", c.role());
    m.put("transient", c.transientConfig());
    m.put("deletable", c.deletable());
    putIfSet(m, "tenant_uuid", c.tenantUuid());
    m.putAll(c.extra());
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
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
    b.sn(string(doc, "sn", problems)).uuid(string(doc, "uuid", problems))
        .vendor(string(doc, "vendor", problems)).model(string(doc, "model", problems))
        .version(string(doc, "version", problems)).plugin(string(doc, "plugin", problems))
        .config(string(doc, "config", problems)).description(string(doc, "description", problems))
        .added(string(doc, "added", problems));
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
    String role = string(doc, "role", problems);
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

  private static String string(Map<String, Object> doc, String key, List<String> problems) {
    Object v = doc.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    problems.add(key + ": must be a string");
    return null;
  }
}
