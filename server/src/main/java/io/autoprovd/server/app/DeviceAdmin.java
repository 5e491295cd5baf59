package io.autoprovd.server.app;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.provisioning.Readiness;
import io.autoprovd.core.tenant.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Administrative device writes (REST and CLI). Server-owned fields never come from a client: the
 * tenant follows the product rules (identification.md §9) and {@code configured} is recomputed.
 * Writes are compare-and-set on the device's revision: a write that loses a race re-reads and
 * applies itself again to the fresh state, and gives up with a conflict only after {@link
 * #ATTEMPTS} lost races. Thread-safe.
 */
public final class DeviceAdmin {
  static final int ATTEMPTS = 16;

  private final DeviceStore devices;
  private final Readiness readiness;
  private final ConfigAdmin configs;

  public DeviceAdmin(DeviceStore devices, Readiness readiness, ConfigAdmin configs) {
    this.devices = devices;
    this.readiness = readiness;
    this.configs = configs;
  }

  /**
   * A new device in {@code requestTenant}, whatever the body says; {@code is_new} when that is the
   * master tenant (identification.md §9, rule 3).
   */
  public Outcome<Device> create(Map<String, Object> doc, String requestTenant) {
    Object idValue = doc.get("id");
    String id = idValue == null ? UUID.randomUUID().toString().replace("-", "") : String.valueOf(idValue);
    if (!(idValue == null || idValue instanceof String) || !DocumentMapping.ID.matcher(id).matches()) {
      return new Outcome.Invalid<>(List.of("device.id: must match " + DocumentMapping.ID.pattern()));
    }
    var parsed = DocumentMapping.parseDevice(doc, id, requestTenant);
    if (!parsed.ok()) {
      return new Outcome.Invalid<>(parsed.problems());
    }
    Device device = readiness.refresh(parsed.value().toBuilder()
        .isNew(Tenant.MASTER_UUID.equals(requestTenant)).build());
    return switch (devices.insertIfAbsent(device)) {
      case DeviceStore.Insertion.Inserted i -> new Outcome.Done<>(i.device());
      case DeviceStore.Insertion.Existing e -> new Outcome.Conflict<>(e.device().id().equals(id)
          ? "device " + id + " already exists" : "mac " + device.mac() + " belongs to device " + e.device().id());
    };
  }

  /**
   * Full replacement, as wazo-provd's PUT. A device still {@code is_new} moves to the request's
   * tenant (the one transfer the product allows); otherwise its tenant never changes, and a device
   * outside {@code visible} is missing.
   */
  public Outcome<Device> replace(String id, Map<String, Object> doc, String requestTenant, Predicate<String> visible) {
    if (doc.get("id") != null && !(doc.get("id") instanceof String)) {
      return new Outcome.Invalid<>(List.of("device.id: must be a string (the path's id is used)"));
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      var current = devices.findById(id);
      if (current.isEmpty() || !(current.get().isNew() || visible.test(current.get().tenantUuid()))) {
        return new Outcome.Missing<>("device " + id);
      }
      Device stored = current.get();
      String tenant = stored.isNew() ? requestTenant : stored.tenantUuid();
      var parsed = DocumentMapping.parseDevice(doc, id, tenant);
      if (!parsed.ok()) {
        return new Outcome.Invalid<>(parsed.problems());
      }
      Device next = readiness.refresh(parsed.value().toBuilder()
          .isNew(Tenant.MASTER_UUID.equals(tenant))
          .lastSeen(stored.lastSeen())
          .remoteStateSipUsername(stored.remoteStateSipUsername())
          .lineTenants(stored.lineTenants())
          .revision(stored.revision())
          .build());
      switch (devices.update(next)) {
        case DeviceStore.Update.Updated u -> {
          configs.dropIfUnusedTransient(stored.config(), u.device().config());
          return new Outcome.Done<>(u.device());
        }
        case DeviceStore.Update.Stale s -> { }
        case DeviceStore.Update.Rejected r -> {
          return devices.findById(id).isEmpty() ? new Outcome.Missing<>("device " + id) : new Outcome.Conflict<>(r.reason());
        }
      }
    }
    return new Outcome.Conflict<>("device " + id + " is being changed concurrently; retry");
  }

  public Outcome<Void> delete(String id, Predicate<String> visible) {
    var current = devices.findById(id);
    if (current.isEmpty() || !visible.test(current.get().tenantUuid()) || !devices.delete(id)) {
      return new Outcome.Missing<>("device " + id);
    }
    configs.dropIfUnusedTransient(current.get().config(), null);
    return new Outcome.Done<>(null);
  }

  /** Recomputes {@code configured}; stores it only if it changed. */
  public Outcome<Device> reconfigure(String id) {
    return reconfigure(id, tenant -> true);
  }

  public Outcome<Device> reconfigure(String id, Predicate<String> visible) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      var current = devices.findById(id);
      if (current.isEmpty() || !visible.test(current.get().tenantUuid())) {
        return new Outcome.Missing<>("device " + id);
      }
      Device refreshed = readiness.refresh(current.get());
      if (refreshed.equals(current.get())) {
        return new Outcome.Done<>(refreshed);
      }
      if (devices.update(refreshed) instanceof DeviceStore.Update.Updated u) {
        return new Outcome.Done<>(u.device());
      }
    }
    return new Outcome.Conflict<>("device " + id + " is being changed concurrently; retry");
  }
}
