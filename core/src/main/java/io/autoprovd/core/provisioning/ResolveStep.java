package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.tenant.Tenant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Retrieve: find the stored device by MAC, then serial number, then UUID, then — only outside NAT
 * mode — an IP that exactly one compatible device holds; else create it when the policy allows, the
 * request names the phone (MAC, serial or UUID) and an installed pack recognised its vendor: a
 * request for any twelve-hex-digit name does not make a device. Creation is atomic: of many concurrent first requests from one new
 * phone, one inserts and the others get the winner's device.
 */
public final class ResolveStep implements Step {
  private final DeviceStore devices;
  // Read per request: the NAT parameter can change while the server runs (PUT /0.2/configure/NAT).
  private final Supplier<ProvisioningPolicy> policy;
  private final ProvisioningEvents events;
  private final InstantSource clock;

  public ResolveStep(DeviceStore devices, ProvisioningPolicy policy, ProvisioningEvents events, InstantSource clock) {
    this(devices, () -> policy, events, clock);
  }

  /** @param policy read on every request */
  public ResolveStep(DeviceStore devices, Supplier<ProvisioningPolicy> policy, ProvisioningEvents events,
      InstantSource clock) {
    this.devices = devices;
    this.policy = policy;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Delivery handle(Exchange exchange, Chain chain) {
    DeviceInfo info = exchange.info();
    Device device = find(info).orElse(null);
    if (device == null && policy.get().autocreate() && info.hasIdentity() && info.vendor() != null) {
      device = create(exchange.request(), info);
    }
    return chain.proceed(exchange.withDevice(device));
  }

  public Optional<Device> find(DeviceInfo info) {
    if (info.mac() != null) {
      var byMac = devices.findByMac(info.mac());
      if (byMac.isPresent()) {
        return byMac;
      }
    }
    if (info.sn() != null) {
      var bySn = devices.findBySerial(info.sn());
      if (bySn.isPresent()) {
        return bySn;
      }
    }
    if (info.uuid() != null) {
      var byUuid = devices.findByUuid(info.uuid());
      if (byUuid.isPresent()) {
        return byUuid;
      }
    }
    if (!policy.get().natMode() && info.ip() != null) {
      List<Device> candidates = devices.findByIp(info.ip()).stream()
          .filter(d -> compatible(d, info))
          .toList();
      if (candidates.size() == 1) {
        return Optional.of(candidates.getFirst());
      }
    }
    return Optional.empty();
  }

  /**
   * A device held by this IP is still a candidate unless it provably is another phone: another
   * MAC, serial or UUID (two softphones behind one address name themselves by UUID only), vendor
   * or model.
   */
  private static boolean compatible(Device d, DeviceInfo info) {
    return agree(d.mac(), info.mac()) && agree(d.sn(), info.sn()) && agree(d.uuid(), info.uuid())
        && agree(d.vendor(), info.vendor()) && agree(d.model(), info.model());
  }

  private static boolean agree(Object stored, Object requested) {
    return stored == null || requested == null || Objects.equals(stored, requested);
  }

  private Device create(ProvisioningRequest request, DeviceInfo info) {
    Device candidate = Device.newBuilder(UUID.randomUUID().toString().replace("-", ""), Tenant.MASTER_UUID)
        .mac(info.mac()).sn(info.sn()).uuid(info.uuid())
        .vendor(info.vendor()).model(info.model()).version(info.version()).ip(info.ip())
        .isNew(true).added("auto").lastSeen(clock.instant())
        .configured(false, "no plugin or config yet")
        .build();
    return switch (devices.insertIfAbsent(candidate)) {
      case DeviceStore.Insertion.Inserted inserted -> {
        events.deviceCreated(request, inserted.device());
        yield inserted.device();
      }
      case DeviceStore.Insertion.Existing existing -> existing.device();
    };
  }
}
