package io.autoprovd.server.app;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.provisioning.ProvisioningEvents;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security log: the lines fail2ban jails written for wazo-provd already match ("New device
 * created automatically from", "Sensitive file requested from"), plus refused requests. Logger
 * {@code autoprovd.security}, so it can be routed to its own file.
 */
public final class SecurityLog implements ProvisioningEvents {
  private static final Logger LOG = LoggerFactory.getLogger("autoprovd.security");

  @Override
  public void deviceCreated(ProvisioningRequest request, Device device) {
    LOG.info("New device created automatically from {}: {}", request.peerIp(), device.id());
  }

  @Override
  public void sensitiveFileServed(ProvisioningRequest request, Device device, String path) {
    LOG.info("Sensitive file requested from {}: {}", request.peerIp(), path);
  }

  @Override
  public void denied(ProvisioningRequest request, String reason) {
    LOG.warn("Refused request from {} over {}: {}: {}", request.peerIp(), request.transport(), reason,
        printable(request.path()));
  }

  /** Hostile names may carry control characters; never write them raw into a log. */
  static String printable(String s) {
    var sb = new StringBuilder();
    int limit = Math.min(s.length(), 300);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return s.length() > limit ? sb + "…(" + s.length() + " chars)" : sb.toString();
  }
}
