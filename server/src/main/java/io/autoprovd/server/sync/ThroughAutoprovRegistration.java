package io.autoprovd.server.sync;

import io.autoprovd.core.device.Device;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.sip.Registrar;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipUri;

/**
 * A device registered to autoprovd's own SIP service (a phone in autoprov, or one that just
 * claimed a code) is reached through that registration: the NOTIFY goes to its contact over the
 * flow it registered from, which no NAPT confuses. Otherwise, or if that fails, the deployment's
 * strategy runs.
 */
public final class ThroughAutoprovRegistration implements DeviceSync {
  private final Registrar registrar;
  private final NotifySender sender;
  private final SipEndpoint endpoint;
  private final SyncTargets targets;
  private final DeviceSync otherwise;

  public ThroughAutoprovRegistration(Registrar registrar, SipEndpoint endpoint, SyncTargets targets,
      DeviceSync otherwise) {
    this.registrar = registrar;
    this.sender = new NotifySender(endpoint);
    this.endpoint = endpoint;
    this.targets = targets;
    this.otherwise = otherwise;
  }

  @Override
  public SyncResult sync(Device device) {
    var binding = registrar.bindingOf(device.id());
    if (binding.isEmpty()) {
      return otherwise.sync(device);
    }
    String event;
    switch (targets.resolve(device)) {
      case SyncTargets.Resolution.Unusable u -> {
        return new SyncResult.Failed(u.reason());
      }
      case SyncTargets.Resolution.Found f -> event = f.target().event();
    }
    var b = binding.get();
    SipUri aor = SipUri.of(b.user(), endpoint.settings().advertisedHost(), -1);
    SyncResult direct = sender.send(b.contact(), aor, event, b.target(), "its autoprov registration (" + b.target()
        + ")", null, null);
    if (direct instanceof SyncResult.Sent) {
      return direct;
    }
    return switch (otherwise.sync(device)) {
      case SyncResult.Sent s -> s;
      case SyncResult.Failed f -> new SyncResult.Failed(((SyncResult.Failed) direct).reason() + "; then: " + f.reason());
    };
  }
}
