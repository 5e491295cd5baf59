package io.autoprovd.server.sync;

import io.autoprovd.core.device.Device;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.sip.Flow;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipUri;
import io.autoprovd.sip.Transport;
import java.net.InetSocketAddress;

/**
 * Strategy 2: a NOTIFY for the phone's address of record ({@code sip:<user>@<domain>}), sent to
 * the outbound proxy / registrar the phones register with. The proxy looks the AOR up in its
 * location table and relays the NOTIFY over the flow the phone registered from, so it reaches
 * each phone individually even when several share one NAPT address. The domain is {@code
 * sync.proxy.domain}, else the line's registrar. A proxy that challenges gets the configured
 * credentials once.
 */
public final class ProxyNotify implements DeviceSync {
  private final NotifySender sender;
  private final SyncTargets targets;
  private final ServerSettings.Sync.Proxy proxy;
  private final Transport transport;

  public ProxyNotify(SipEndpoint endpoint, SyncTargets targets, ServerSettings.Sync.Proxy proxy, Transport transport) {
    this.sender = new NotifySender(endpoint);
    this.targets = targets;
    this.proxy = proxy;
    this.transport = transport;
  }

  @Override
  public SyncResult sync(Device device) {
    return targets.sendTo(device, this::send);
  }

  private SyncResult send(SyncTargets.Target target) {
    if (target.user() == null) {
      return new SyncResult.Failed("device " + target.device().id()
          + " has no SIP user name (no line 1 in its config): no address of record to notify");
    }
    String domain = !proxy.domain().isEmpty() ? proxy.domain() : target.domain() != null ? target.domain() : proxy.host();
    SipUri aor;
    try {
      aor = SipUri.of(target.user(), domain, -1);
    } catch (IllegalArgumentException e) {
      return new SyncResult.Failed("address of record " + target.user() + "@" + domain + " is not a SIP URI");
    }
    var destination = new Flow(transport, new InetSocketAddress(proxy.host(), proxy.port()));
    return sender.send(aor, aor, target.event(), destination, "proxy " + proxy.host() + ":" + proxy.port(),
        proxy.username(), proxy.password());
  }
}
