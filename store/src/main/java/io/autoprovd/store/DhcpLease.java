package io.autoprovd.store;

import io.autoprovd.core.device.Mac;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The latest event the site's DHCP server reported for one address.
 *
 * @param mac the client's MAC; null when the event named only the address (an ISC {@code on
 *     expiry} has no packet to take it from) and nothing was known before
 * @param vendorClass the client's vendor class (option 60) of the latest commit, NULs stripped; null
 *     when it sent none or the server does not report it (Kea's run_script hook)
 * @param at when autoprovd received the event, to the millisecond (what every store keeps)
 */
public record DhcpLease(String ip, Mac mac, Op op, String vendorClass, Instant at) {

  public DhcpLease {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(at, "at");
    at = Instant.ofEpochMilli(at.toEpochMilli());
  }

  /** What happened to the lease; the wire names are those of the {@code dhcpinfo} payload. */
  public enum Op {
    COMMIT,
    EXPIRY,
    RELEASE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Op ofWireName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }
}
