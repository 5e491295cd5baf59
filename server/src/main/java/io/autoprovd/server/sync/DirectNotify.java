package io.autoprovd.server.sync;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.sip.Flow;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipUri;
import io.autoprovd.sip.Transport;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Strategy 1: a NOTIFY straight to the device's address (the one it last fetched its files from)
 * on {@code sync.direct_port}, over UDP (retransmitted per RFC 3261) or TCP.
 *
 * <p>An address several devices share is refused, not guessed: behind NAPT every phone shows the
 * NAT's public address, and a NOTIFY sent there reaches whichever phone the NAT picks, or none
 * (identification.md §10). The failure says so and names the strategy that works there.
 */
public final class DirectNotify implements DeviceSync {
  private final NotifySender sender;
  private final SyncTargets targets;
  private final DeviceStore devices;
  private final Transport transport;
  private final int port;

  public DirectNotify(SipEndpoint endpoint, SyncTargets targets, DeviceStore devices, Transport transport, int port) {
    this.sender = new NotifySender(endpoint);
    this.targets = targets;
    this.devices = devices;
    this.transport = transport;
    this.port = port;
  }

  @Override
  public SyncResult sync(Device device) {
    return targets.sendTo(device, this::send);
  }

  private SyncResult send(SyncTargets.Target target) {
    Device device = target.device();
    if (device.ip() == null || device.ip().isBlank()) {
      return new SyncResult.Failed("device " + device.id() + " has no known address to send a NOTIFY to");
    }
    List<Device> sharing = devices.findByIp(device.ip());
    if (sharing.size() > 1) {
      return new SyncResult.Failed(sharing.size() + " devices share the address " + device.ip()
          + " (NAPT): a NOTIFY sent directly to it cannot tell them apart; use sync.strategy proxy (through "
          + "each phone's registration) or ami");
    }
    String user = target.user() == null ? "anonymous" : target.user();
    SipUri uri;
    try {
      uri = SipUri.of(user, device.ip(), port);
    } catch (IllegalArgumentException e) {
      return new SyncResult.Failed("device " + device.id() + " address " + device.ip() + " is not usable: "
          + e.getMessage());
    }
    var destination = new Flow(transport, new InetSocketAddress(device.ip(), port));
    return sender.send(uri, uri, target.event(), destination, device.ip() + ":" + port + "/" + transport, null, null);
  }
}
