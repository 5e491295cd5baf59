package io.autoprovd.server.app;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The lines of one device as tenants see them, for gateways whose ports are lines of different
 * tenants (docs/rest-api.md, "Lines of a device"). The owner of a device hands a line to another
 * tenant; that tenant then sees the device and writes that line, and nobody but a tenant above
 * both sees the other's line. A line's settings live where every other line's do: in
 * {@code sip_lines.<n>} of the device's config, so the phone path does not change.
 *
 * <p>Handing a line over or taking it back clears that line in the config: the new holder must
 * not read what the previous one wrote there (a SIP password).
 */
public final class DeviceLines {
  /** SIP line numbers as config-model.md keys them: "1", "2", … */
  public static final Pattern LINE = Pattern.compile("[1-9][0-9]{0,2}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /** "2" before "10". */
  private static final Comparator<String> LINE_ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private final DeviceStore devices;
  private final ConfigStore configs;
  private final ConfigAdmin configAdmin;

  public DeviceLines(DeviceStore devices, ConfigStore configs, ConfigAdmin configAdmin) {
    this.devices = devices;
    this.configs = configs;
    this.configAdmin = configAdmin;
  }

  /** The device's lines a request seeing the tenants {@code visible} may read: line → its settings. */
  public Outcome<Map<String, Object>> lines(String deviceId, Predicate<String> visible) {
    var device = devices.findById(deviceId).filter(d -> d.visibleIn(visible));
    if (device.isEmpty()) {
      return new Outcome.Missing<>("device " + deviceId);
    }
    var out = new TreeMap<String, Object>(LINE_ORDER);
    sipLines(device.get()).forEach((line, settings) -> {
      if (visible.test(device.get().lineTenant(line))) {
        out.put(line, settings);
      }
    });
    return new Outcome.Done<>(out);
  }

  /** Writes one line's settings into the device's config; the line must be the caller's. */
  public Outcome<Void> putLine(String deviceId, String line, Map<String, Object> settings, Predicate<String> visible) {
    return editLine(deviceId, line, visible, lines -> lines.put(line, settings));
  }

  public Outcome<Void> deleteLine(String deviceId, String line, Predicate<String> visible) {
    return editLine(deviceId, line, visible, lines -> lines.remove(line));
  }

  /** Hands {@code line} to {@code tenant}; only a request that sees the device's owner may. */
  public Outcome<Void> handOver(String deviceId, String line, Object tenant, Predicate<String> visible) {
    if (!(tenant instanceof String t) || !TENANT.matcher(t).matches()) {
      return new Outcome.Invalid<>(List.of("tenant_uuid: must be a tenant UUID"));
    }
    return setLineTenant(deviceId, line, t, visible);
  }

  /** Gives {@code line} back to the device's owner. */
  public Outcome<Void> takeBack(String deviceId, String line, Predicate<String> visible) {
    return setLineTenant(deviceId, line, null, visible);
  }

  private Outcome<Void> setLineTenant(String deviceId, String line, String tenant, Predicate<String> visible) {
    if (!LINE.matcher(line).matches()) {
      return new Outcome.Invalid<>(List.of("line: must be a line number (1, 2, …)"));
    }
    for (int attempt = 0; attempt < DeviceAdmin.ATTEMPTS; attempt++) {
      var current = devices.findById(deviceId).filter(d -> visible.test(d.tenantUuid()));
      if (current.isEmpty()) {
        return new Outcome.Missing<>("device " + deviceId);
      }
      Device d = current.get();
      var lineTenants = new LinkedHashMap<>(d.lineTenants());
      if (tenant == null || tenant.equals(d.tenantUuid())) {
        lineTenants.remove(line);
      } else {
        lineTenants.put(line, tenant);
      }
      if (lineTenants.equals(d.lineTenants())) {
        return new Outcome.Done<>(null);
      }
      if (devices.update(d.toBuilder().lineTenants(lineTenants).build()) instanceof DeviceStore.Update.Updated) {
        // The previous holder's settings of that line go with it.
        return d.config() == null ? new Outcome.Done<>(null) : clear(d.config(), line);
      }
    }
    return new Outcome.Conflict<>("device " + deviceId + " is being changed concurrently; retry");
  }

  private Outcome<Void> clear(String configId, String line) {
    var config = configs.findById(configId);
    if (config.isEmpty() || !(config.get().rawConfig().get("sip_lines") instanceof Map<?, ?> lines)
        || !lines.containsKey(line)) {
      return new Outcome.Done<>(null);
    }
    return writeLines(config.get(), edited(lines, m -> m.remove(line)));
  }

  private Outcome<Void> editLine(String deviceId, String line, Predicate<String> visible,
      Consumer<Map<String, Object>> edit) {
    if (!LINE.matcher(line).matches()) {
      return new Outcome.Invalid<>(List.of("line: must be a line number (1, 2, …)"));
    }
    var device = devices.findById(deviceId).filter(d -> d.visibleIn(visible));
    if (device.isEmpty() || !visible.test(device.get().lineTenant(line))) {
      return new Outcome.Missing<>(device.isEmpty() ? "device " + deviceId : "line " + line + " of device " + deviceId);
    }
    String configId = device.get().config();
    var config = configId == null ? Optional.<Config>empty() : configs.findById(configId);
    if (config.isEmpty()) {
      return new Outcome.Conflict<>("device " + deviceId + " has no config: its owner links it to one first");
    }
    Object lines = config.get().rawConfig().get("sip_lines");
    return writeLines(config.get(), edited(lines instanceof Map<?, ?> m ? m : Map.of(), edit));
  }

  private Outcome<Void> writeLines(Config config, Map<String, Object> lines) {
    var raw = new LinkedHashMap<>(config.rawConfig());
    raw.put("sip_lines", lines);
    var doc = new LinkedHashMap<>(DocumentMapping.toJson(config));
    doc.put("raw_config", raw);
    return switch (configAdmin.replace(config.id(), doc)) {
      case Outcome.Done<Config> done -> new Outcome.Done<>(null);
      case Outcome.Invalid<Config> invalid -> new Outcome.Invalid<>(invalid.problems());
      case Outcome.Missing<Config> missing -> new Outcome.Missing<>(missing.what());
      case Outcome.Conflict<Config> conflict -> new Outcome.Conflict<>(conflict.why());
      case Outcome.Forbidden<Config> forbidden -> new Outcome.Forbidden<>(forbidden.why());
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> edited(Map<?, ?> lines, Consumer<Map<String, Object>> edit) {
    var copy = new LinkedHashMap<String, Object>((Map<String, Object>) lines);
    edit.accept(copy);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sipLines(Device device) {
    return device.config() == null ? Map.of() : configs.findById(device.config())
        .map(c -> c.rawConfig().get("sip_lines"))
        .filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).orElse(Map.of());
  }


  /**
   * The lines of {@code config} a request seeing the tenants {@code visible} must not see: those
   * that a device using it holds for another tenant. Empty for a config no such device uses.
   */
  public Set<String> hiddenLines(Config config, Predicate<String> visible) {
    var hidden = new TreeSet<String>();
    if (!(config.rawConfig().get("sip_lines") instanceof Map<?, ?> lines) || lines.isEmpty()) {
      return hidden;
    }
    for (Device d : devices.findByConfig(config.id())) {
      for (Object line : lines.keySet()) {
        if (!visible.test(d.lineTenant(String.valueOf(line)))) {
          hidden.add(String.valueOf(line));
        }
      }
    }
    return hidden;
  }

  /** {@code config} without the lines {@link #hiddenLines} names. */
  public Config withoutHiddenLines(Config config, Predicate<String> visible) {
    var hidden = hiddenLines(config, visible);
    if (hidden.isEmpty()) {
      return config;
    }
    var raw = new LinkedHashMap<>(config.rawConfig());
    raw.put("sip_lines", edited((Map<?, ?>) raw.get("sip_lines"), m -> m.keySet().removeAll(hidden)));
    return config.withRawConfig(raw);
  }

  /**
   * A config document as a request that does not see some lines sends it: those lines keep their
   * stored settings, whatever the document says of them.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> keepingHiddenLines(Map<String, Object> doc, Config stored, Predicate<String> visible) {
    var hidden = hiddenLines(stored, visible);
    if (hidden.isEmpty() || !(doc.get("raw_config") instanceof Map<?, ?> raw)) {
      return doc;
    }
    var storedLines = (Map<String, Object>) stored.rawConfig().get("sip_lines");
    var newRaw = new LinkedHashMap<String, Object>((Map<String, Object>) raw);
    Map<?, ?> sent = newRaw.get("sip_lines") instanceof Map<?, ?> m ? m : Map.of();
    newRaw.put("sip_lines", edited(sent, lines -> {
      lines.keySet().removeAll(hidden);
      hidden.forEach(line -> lines.put(line, storedLines.get(line)));
    }));
    var out = new LinkedHashMap<>(doc);
    out.put("raw_config", newRaw);
    return out;
  }
}
