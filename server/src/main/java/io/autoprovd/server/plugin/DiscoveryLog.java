package io.autoprovd.server.plugin;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.provisioning.ProvisioningEvents;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What phones nobody supports yet asked for, and how they named themselves: every phone request
 * no installed plugin claims (HTTP, HTTPS, TFTP), and every DHCP lease of a vendor no plugin
 * recognises. It answers the new-phone guide's questions ("what files does it want, over what,
 * with which User-Agent and vendor class") without a hand-built lab.
 *
 * <p>Bounded: a ring of the last {@code capacity} sightings, in memory (a flood of requests only
 * pushes old sightings out). Thread-safe; {@link #record} is cheap and called on request threads.
 */
public final class DiscoveryLog implements ProvisioningEvents {
  public static final int DEFAULT_CAPACITY = 4096;
  /** Requests kept per device in {@link #byDevice()}, newest last. */
  static final int REQUESTS_PER_DEVICE = 50;
  private static final int MAX_TEXT = 300;

  /**
   * One request or lease.
   *
   * @param mac the MAC if the request or lease named one, else null
   * @param channel {@code http}, {@code https}, {@code tftp} or {@code dhcp}
   * @param path the requested path or TFTP file name; null for a lease
   */
  public record Sighting(Instant at, String ip, Mac mac, String channel, String path, String userAgent,
      String vendorClass) {
    public Sighting {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(channel, "channel");
      path = clip(path);
      userAgent = clip(userAgent);
      vendorClass = clip(vendorClass);
    }

    /** The device this sighting belongs to: its MAC when known, else its address. */
    public String deviceKey() {
      return mac != null ? mac.value() : "ip:" + ip;
    }

    Map<String, Object> toJson() {
      var json = new LinkedHashMap<String, Object>();
      json.put("time", at.toString());
      json.put("ip", ip);
      json.put("mac", mac == null ? null : mac.value());
      json.put("transport", channel);
      json.put("path", path);
      json.put("user_agent", userAgent);
      json.put("vendor_class", vendorClass);
      return json;
    }
  }

  /** Everything seen of one device, for the guide's questions. */
  public record Device(String key, Mac mac, Set<String> ips, Set<String> userAgents, Set<String> vendorClasses,
      Set<String> transports, Instant firstSeen, Instant lastSeen, int count, List<Sighting> requests) {

    public Map<String, Object> toJson() {
      var json = new LinkedHashMap<String, Object>();
      json.put("key", key);
      json.put("mac", mac == null ? null : mac.value());
      json.put("ips", List.copyOf(ips));
      json.put("user_agents", List.copyOf(userAgents));
      json.put("vendor_classes", List.copyOf(vendorClasses));
      json.put("transports", List.copyOf(transports));
      json.put("first_seen", firstSeen.toString());
      json.put("last_seen", lastSeen.toString());
      json.put("count", count);
      json.put("requests", requests.stream().map(Sighting::toJson).toList());
      return json;
    }
  }

  private final int capacity;
  private final InstantSource clock;
  private final ArrayDeque<Sighting> ring;

  public DiscoveryLog(int capacity, InstantSource clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: must be >= 1");
    }
    this.capacity = capacity;
    this.clock = clock;
    this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  @Override
  public void unclaimed(ProvisioningRequest request, DeviceInfo info) {
    String channel = request.transport().name().toLowerCase(Locale.ROOT);
    // A DHCP lease run through the pipeline carries its vendor class as a pseudo-header.
    String vendorClass = request.header("dhcp-vendor-class").orElse(null);
    boolean lease = "dhcp".equals(channel);
    record(new Sighting(request.receivedAt(), request.peerIp(), info.mac(), channel,
        lease ? null : request.path(), request.userAgent().orElse(null), vendorClass));
  }

  /**
   * A DHCP lease whose vendor no plugin recognises (for the DHCP glue).
   *
   * @param mac the leased MAC, or null
   * @param vendorClass option 60, or null
   */
  public void dhcpLease(String ip, Mac mac, String vendorClass) {
    record(new Sighting(clock.instant(), ip, mac, "dhcp", null, null, vendorClass));
  }

  public void record(Sighting sighting) {
    synchronized (ring) {
      if (ring.size() == capacity) {
        ring.removeFirst();
      }
      ring.addLast(sighting);
    }
  }

  /** Every sighting kept, oldest first. */
  public List<Sighting> sightings() {
    synchronized (ring) {
      return List.copyOf(ring);
    }
  }

  public void clear() {
    synchronized (ring) {
      ring.clear();
    }
  }

  /**
   * Sightings grouped by device (MAC when known, else address), the most recently seen first. A
   * sighting without a MAC from an address that some sighting with a MAC also came from joins
   * that device.
   */
  public List<Device> byDevice() {
    List<Sighting> all = sightings();
    var macByIp = new LinkedHashMap<String, Mac>();
    for (Sighting s : all) {
      if (s.mac() != null && s.ip() != null) {
        macByIp.put(s.ip(), s.mac());
      }
    }
    var groups = new LinkedHashMap<String, List<Sighting>>();
    for (Sighting s : all) {
      Mac mac = s.mac() != null ? s.mac() : macByIp.get(s.ip());
      String key = mac != null ? mac.value() : "ip:" + s.ip();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    var devices = new ArrayList<Device>();
    groups.forEach((key, sightings) -> devices.add(device(key, sightings)));
    devices.sort(Comparator.comparing(Device::lastSeen).reversed());
    return devices;
  }

  private static Device device(String key, List<Sighting> sightings) {
    Mac mac = null;
    var ips = new LinkedHashSet<String>();
    var agents = new LinkedHashSet<String>();
    var classes = new LinkedHashSet<String>();
    var transports = new LinkedHashSet<String>();
    for (Sighting s : sightings) {
      mac = s.mac() != null ? s.mac() : mac;
      addIfPresent(ips, s.ip());
      addIfPresent(agents, s.userAgent());
      addIfPresent(classes, s.vendorClass());
      transports.add(s.channel());
    }
    List<Sighting> recent = sightings.subList(Math.max(0, sightings.size() - REQUESTS_PER_DEVICE), sightings.size());
    return new Device(key, mac, ips, agents, classes, transports, sightings.getFirst().at(),
        sightings.getLast().at(), sightings.size(), List.copyOf(recent));
  }

  private static void addIfPresent(Set<String> set, String value) {
    if (value != null && !value.isBlank()) {
      set.add(value);
    }
  }

  /** Phones send anything: keep what is printable, and not too much of it. */
  private static String clip(String s) {
    if (s == null) {
      return null;
    }
    var sb = new StringBuilder();
    s.codePoints().limit(MAX_TEXT).forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return sb.toString();
  }
}
