package io.autoprovd.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message came from or goes: a transport and the peer's address. For TCP, sending to a
 * flow reuses the open connection to that address if there is one (the phone's own connection, the
 * only way through its NAT), and opens one otherwise.
 */
public record Flow(Transport transport, InetSocketAddress remote) {
  public Flow {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(remote, "remote");
  }

  public static Flow udp(String host, int port) {
    return new Flow(Transport.UDP, new InetSocketAddress(host, port));
  }

  public static Flow tcp(String host, int port) {
    return new Flow(Transport.TCP, new InetSocketAddress(host, port));
  }

  @Override
  public String toString() {
    return transport.name().toLowerCase(java.util.Locale.ROOT) + ":" + remote.getAddress().getHostAddress() + ":"
        + remote.getPort();
  }
}
