package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Mac;
import java.util.Map;
import java.util.Objects;

/**
 * A lease event reported by the site's DHCP server: the {@code dhcp_info} object of {@code POST
 * /0.2/dev_mgr/dhcpinfo} (reference dhcp.md §4.1), parsed once, at the edge.
 */
public sealed interface LeaseReport {
  String ip();

  /** A lease was given or renewed: the device by this MAC holds this address. */
  record Commit(String ip, Mac mac, Map<Integer, String> options) implements LeaseReport {
    public Commit {
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(mac, "mac");
      options = Map.copyOf(options);
    }

    /** Option 60 as sent, one character per byte; trailing NULs (Cisco sends one) removed. */
    public String vendorClass() {
      String value = options.get(60);
      if (value == null) {
        return null;
      }
      int end = value.length();
      while (end > 0 && value.charAt(end - 1) == '\0') {
        end--;
      }
      return value.substring(0, end);
    }
  }

  /** The client gave the address back. {@code mac} is null when the server did not say. */
  record Release(String ip, Mac mac) implements LeaseReport {}

  /** The lease ran out. {@code mac} is null when the server did not say (ISC has no packet then). */
  record Expiry(String ip, Mac mac) implements LeaseReport {}
}
