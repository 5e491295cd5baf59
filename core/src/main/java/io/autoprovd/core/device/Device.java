package io.autoprovd.core.device;

import io.autoprovd.core.document.Documents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A device as stored: a phone, DECT base, ATA or softphone. Field names follow wazo-provd's device
 * document (config-model.md §5). Immutable; change it with {@link #toBuilder()}.
 *
 * @param mac canonical MAC, or null when the device was identified another way
 * @param configured computed by the server, never taken from a client
 * @param configuredReason why {@code configured} is false; null when it is true
 * @param extra free keys ({@code X_*} and others a client stored), kept verbatim
 * @param lineTenants lines (SIP line numbers, e.g. an ATA's ports) the owner handed to another
 *     tenant: line → tenant UUID. A line not listed belongs to {@code tenantUuid}. Changed only
 *     through the device's lines API, never through a device body (docs/rest-api.md).
 * @param revision incremented by the store on every write; used for compare-and-set updates
 */
public record Device(
    String id,
    Mac mac,
    String sn,
    String uuid,
    String ip,
    String vendor,
    String model,
    String version,
    String plugin,
    String config,
    boolean configured,
    String configuredReason,
    String tenantUuid,
    boolean isNew,
    String added,
    String description,
    Map<String, Object> options,
    Map<String, Object> extra,
    Map<String, String> lineTenants,
    String remoteStateSipUsername,
    Instant lastSeen,
    long revision) {

  public Device {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: must not be blank");
    }
    Objects.requireNonNull(tenantUuid, "tenant_uuid");
    options = Documents.freeze(options);
    extra = Documents.freeze(extra);
    lineTenants = Map.copyOf(lineTenants == null ? Map.of() : lineTenants);
    // Every store keeps milliseconds; truncating here makes a device equal to itself read back.
    lastSeen = lastSeen == null ? null : lastSeen.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The tenant a line belongs to: the one it was handed to, else the device's owner. */
  public String lineTenant(String line) {
    return lineTenants.getOrDefault(line, tenantUuid);
  }

  /** Whether a request that sees the tenants {@code visible} admits sees this device: it owns it or one of its lines. */
  public boolean visibleIn(Predicate<String> visible) {
    return visible.test(tenantUuid) || lineTenants.values().stream().anyMatch(visible);
  }

  public static Builder newBuilder(String id, String tenantUuid) {
    return new Builder(id, tenantUuid);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable, not thread-safe; each {@link #build()} returns a new immutable device. */
  public static final class Builder {
    private String id;
    private Mac mac;
    private String sn;
    private String uuid;
    private String ip;
    private String vendor;
    private String model;
    private String version;
    private String plugin;
    private String config;
    private boolean configured;
    private String configuredReason;
    private String tenantUuid;
    private boolean isNew;
    private String added;
    private String description;
    private Map<String, Object> options = Map.of();
    private Map<String, Object> extra = Map.of();
    private Map<String, String> lineTenants = Map.of();
    private String remoteStateSipUsername;
    private Instant lastSeen;
    private long revision;

    private Builder(String id, String tenantUuid) {
      this.id = id;
      this.tenantUuid = tenantUuid;
    }

    private Builder(Device d) {
      id = d.id;
      mac = d.mac;
      sn = d.sn;
      uuid = d.uuid;
      ip = d.ip;
      vendor = d.vendor;
      model = d.model;
      version = d.version;
      plugin = d.plugin;
      config = d.config;
      configured = d.configured;
      configuredReason = d.configuredReason;
      tenantUuid = d.tenantUuid;
      isNew = d.isNew;
      added = d.added;
      description = d.description;
      options = d.options;
      extra = d.extra;
      lineTenants = d.lineTenants;
      remoteStateSipUsername = d.remoteStateSipUsername;
      lastSeen = d.lastSeen;
      revision = d.revision;
    }

    public Builder id(String v) { id = v; return this; }
    public Builder mac(Mac v) { mac = v; return this; }
    public Builder sn(String v) { sn = v; return this; }
    public Builder uuid(String v) { uuid = v; return this; }
    public Builder ip(String v) { ip = v; return this; }
    public Builder vendor(String v) { vendor = v; return this; }
    public Builder model(String v) { model = v; return this; }
    public Builder version(String v) { version = v; return this; }
    public Builder plugin(String v) { plugin = v; return this; }
    public Builder config(String v) { config = v; return this; }
    public Builder configured(boolean v, String reason) { configured = v; configuredReason = v ? null : reason; return this; }
    public Builder tenantUuid(String v) { tenantUuid = v; return this; }
    public Builder isNew(boolean v) { isNew = v; return this; }
    public Builder added(String v) { added = v; return this; }
    public Builder description(String v) { description = v; return this; }
    public Builder options(Map<String, Object> v) { options = v; return this; }
    public Builder extra(Map<String, Object> v) { extra = v; return this; }
    public Builder lineTenants(Map<String, String> v) { lineTenants = v; return this; }
    public Builder remoteStateSipUsername(String v) { remoteStateSipUsername = v; return this; }
    public Builder lastSeen(Instant v) { lastSeen = v; return this; }
    public Builder revision(long v) { revision = v; return this; }

    public Device build() {
      return new Device(id, mac, sn, uuid, ip, vendor, model, version, plugin, config, configured,
          configuredReason, tenantUuid, isNew, added, description, options, extra, lineTenants,
          remoteStateSipUsername, lastSeen, revision);
    }
  }
}
