package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.provisioning.Pipeline;
import io.autoprovd.core.provisioning.ProvisioningEvents;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import io.autoprovd.core.provisioning.Transport;
import io.autoprovd.store.DhcpLease;
import io.autoprovd.store.DhcpLeaseStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lease report does. A commit goes through the lease pipeline (Identify → OUI → Resolve →
 * Update, the phone path's own steps and policies): the device is found by MAC, or created when a
 * pack recognises its vendor and auto-creation is on, and takes the leased address. An expiry or a
 * release clears the address of the device that held it, if it still does. Every report is
 * recorded as the address's latest lease event; a commit no device answers to is also told to
 * {@link ProvisioningEvents#unclaimed} (the discovery log), as a phone request no pack claims is.
 *
 * <p>Thread-safe; runs on the REST request's thread and does only indexed look-ups and a few
 * writes, so that the hook's short timeout is never reached.
 */
public final class LeaseIngestion {
  private static final int MAX_ATTEMPTS = 8;

  private final Pipeline pipeline;
  private final DeviceStore devices;
  private final DhcpLeaseStore leases;
  private final ProvisioningEvents events;
  private final InstantSource clock;

  /** @param pipeline the lease pipeline, without a Serve step */
  public LeaseIngestion(Pipeline pipeline, DeviceStore devices, DhcpLeaseStore leases, ProvisioningEvents events,
      InstantSource clock) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What became of a report. */
  public sealed interface Outcome {
    /** The commit's device, now holding the address. */
    record Known(Device device, boolean created) implements Outcome {}

    /** A commit no device answers to: no pack recognises the vendor, or auto-creation is off. */
    record Unclaimed(Mac mac) implements Outcome {}

    /** The device that held the released or expired address no longer does. */
    record Cleared(Device device) implements Outcome {}

    /** Recorded only: no device holds the released or expired address (the reason says why). */
    record Recorded(String why) implements Outcome {}
  }

  public Outcome ingest(LeaseReport report, String requestId) {
    Instant now = clock.instant();
    return switch (report) {
      case LeaseReport.Commit commit -> commit(commit, requestId, now);
      case LeaseReport.Release release -> end(release.ip(), release.mac(), DhcpLease.Op.RELEASE, now);
      case LeaseReport.Expiry expiry -> end(expiry.ip(), expiry.mac(), DhcpLease.Op.EXPIRY, now);
    };
  }

  private Outcome commit(LeaseReport.Commit commit, String requestId, Instant now) {
    var headers = new HashMap<String, String>();
    headers.put(ProvisioningRequest.DHCP_MAC, commit.mac().value());
    String vendorClass = commit.vendorClass();
    if (vendorClass != null) {
      headers.put(ProvisioningRequest.DHCP_VENDOR_CLASS, vendorClass);
    }
    boolean existed = devices.findByMac(commit.mac()).isPresent();
    var request = new ProvisioningRequest(requestId, Transport.DHCP, commit.ip(), "", headers, now);
    // Nothing is served: the pipeline ends after Update, and its "no step answered" is expected.
    pipeline.handle(request);
    Optional<Device> device = devices.findByMac(commit.mac());
    leases.record(new DhcpLease(commit.ip(), commit.mac(), DhcpLease.Op.COMMIT, vendorClass, now));
    if (device.isEmpty()) {
      events.unclaimed(request, DeviceInfo.EMPTY.withMac(commit.mac()).withIp(commit.ip()));
      return new Outcome.Unclaimed(commit.mac());
    }
    return new Outcome.Known(device.get(), !existed);
  }

  private Outcome end(String ip, Mac mac, DhcpLease.Op op, Instant now) {
    DhcpLease stored = leases.record(new DhcpLease(ip, mac, op, null, now));
    if (stored.mac() == null) {
      return new Outcome.Recorded("no MAC known for " + ip);
    }
    Device device = devices.findByMac(stored.mac()).orElse(null);
    for (int attempt = 0; attempt < MAX_ATTEMPTS && device != null; attempt++) {
      if (!ip.equals(device.ip())) {
        return new Outcome.Recorded("device " + device.id() + " holds " + (device.ip() == null ? "no address" : device.ip()) + " now");
      }
      switch (devices.update(device.toBuilder().ip(null).build())) {
        case DeviceStore.Update.Updated updated -> {
          return new Outcome.Cleared(updated.device());
        }
        case DeviceStore.Update.Stale stale -> device = stale.current();
        case DeviceStore.Update.Rejected rejected -> {
          return new Outcome.Recorded("device " + device.id() + ": " + rejected.reason());
        }
      }
    }
    return new Outcome.Recorded(device == null ? "no device has MAC " + stored.mac()
        : "device " + device.id() + " kept changing; its address was left alone");
  }
}
