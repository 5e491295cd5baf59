package io.autoprovd.server.phone;

import io.autoprovd.server.settings.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves the phone's address once, at the edge. {@code X-Forwarded-For} is honoured only when
 * the TCP peer is a configured trusted proxy, and then read from the right: the first entry that is
 * not itself a trusted proxy is the client. A phone cannot pick its own address by sending the
 * header (identification.md §2 describes how the reference gets this wrong).
 */
public final class ClientAddress {
  private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
  private final List<Cidr> trusted;

  public ClientAddress(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
  }

  public String resolve(String peer, String forwardedFor) {
    if (trusted.isEmpty() || forwardedFor == null || !isTrusted(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (hop.isEmpty() || !ADDRESS_LITERAL.matcher(hop).matches()) {
        return peer;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    try {
      InetAddress a = InetAddress.getByName(address);
      return trusted.stream().anyMatch(c -> c.contains(a));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
