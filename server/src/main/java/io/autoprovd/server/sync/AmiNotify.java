package io.autoprovd.server.sync;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.server.app.DeviceSync;
import java.util.List;
import java.util.Map;

/**
 * Strategy 3: Asterisk sends the NOTIFY ({@code PJSIPNotify} over AMI), for a PBX that owns the
 * phones' registrations. By endpoint (the phone's SIP user name, which is its PJSIP endpoint in
 * Wazo), Asterisk uses the endpoint's registered contact and flow, so NAPT is no obstacle; by URI
 * ({@code sip:anonymous@<device address>}, the reference's fallback) an address several devices
 * share is refused as the direct strategy does. Success means Asterisk accepted the action
 * (provd-rest-api.md §7), not that the phone answered.
 */
public final class AmiNotify implements DeviceSync {
  private final AmiClient ami;
  private final SyncTargets targets;
  private final DeviceStore devices;
  private final boolean byUri;

  public AmiNotify(AmiClient ami, SyncTargets targets, DeviceStore devices, boolean byUri) {
    this.ami = ami;
    this.targets = targets;
    this.devices = devices;
    this.byUri = byUri;
  }

  @Override
  public SyncResult sync(Device device) {
    return targets.sendTo(device, this::send);
  }

  private SyncResult send(SyncTargets.Target target) {
    Map.Entry<String, String> where;
    if (byUri) {
      String ip = target.device().ip();
      if (ip == null) {
        return new SyncResult.Failed("device " + target.device().id() + " has no known address");
      }
      if (devices.findByIp(ip).size() > 1) {
        return new SyncResult.Failed("several devices share the address " + ip
            + " (NAPT): a NOTIFY by URI cannot tell them apart; use sync.ami.target endpoint");
      }
      where = Map.entry("URI", "sip:anonymous@" + ip);
    } else {
      if (target.user() == null) {
        return new SyncResult.Failed("device " + target.device().id() + " has no SIP user name: no endpoint to notify");
      }
      where = Map.entry("Endpoint", target.user());
    }
    var reply = ami.call("PJSIPNotify", List.of(where, Map.entry("Variable", "Event=" + target.event())));
    return switch (reply) {
      case AmiClient.Reply.Success s -> new SyncResult.Sent("AMI PJSIPNotify " + where.getKey() + " "
          + where.getValue() + " Event " + target.event() + ": " + s.fields().getOrDefault("message", "Success"));
      case AmiClient.Reply.Error e -> new SyncResult.Failed("AMI refused PJSIPNotify " + where.getKey() + " "
          + where.getValue() + ": " + e.message());
      case AmiClient.Reply.Unreachable u -> new SyncResult.Failed(u.reason());
    };
  }
}
