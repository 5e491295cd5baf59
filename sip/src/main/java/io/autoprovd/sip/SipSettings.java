package io.autoprovd.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * How autoprovd's SIP endpoint listens and behaves.
 *
 * @param bind the address the UDP and TCP sockets bind to
 * @param port the port of both (0: any free port, the same for UDP and TCP when possible)
 * @param advertisedHost the address phones reach this endpoint at, written in Via, Contact and SDP
 * @param realm the Digest realm of the autoprov accounts
 * @param maxTransactions server transactions kept at once; a request beyond that gets a stateless
 *     503 with Retry-After, so a flood cannot grow memory
 * @param maxConnections TCP connections open at once
 * @param connectionIdle a TCP connection silent for this long is closed
 */
public record SipSettings(String bind, int port, boolean udp, boolean tcp, String advertisedHost, String realm,
    SipTimers timers, int maxTransactions, int maxConnections, Duration connectionIdle) {

  public SipSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(advertisedHost, "advertisedHost");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(connectionIdle, "connectionIdle");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be 0..65535");
    }
    if (!udp && !tcp) {
      throw new IllegalArgumentException("transports: at least one of udp and tcp");
    }
    if (maxTransactions < 1 || maxConnections < 1) {
      throw new IllegalArgumentException("maxTransactions and maxConnections: must be >= 1");
    }
  }

  /** Both transports on 5060, RFC 3261 timers, 10 000 transactions, 2 048 connections idle up to 2 h. */
  public static SipSettings defaults(String advertisedHost) {
    return new SipSettings("0.0.0.0", 5060, true, true, advertisedHost, "autoprovd", SipTimers.RFC3261, 10_000, 2_048,
        Duration.ofHours(2));
  }

  public SipSettings withBind(String value) {
    return new SipSettings(value, port, udp, tcp, advertisedHost, realm, timers, maxTransactions, maxConnections,
        connectionIdle);
  }

  public SipSettings withPort(int value) {
    return new SipSettings(bind, value, udp, tcp, advertisedHost, realm, timers, maxTransactions, maxConnections,
        connectionIdle);
  }

  public SipSettings withTransports(boolean newUdp, boolean newTcp) {
    return new SipSettings(bind, port, newUdp, newTcp, advertisedHost, realm, timers, maxTransactions, maxConnections,
        connectionIdle);
  }

  public SipSettings withTimers(SipTimers value) {
    return new SipSettings(bind, port, udp, tcp, advertisedHost, realm, value, maxTransactions, maxConnections,
        connectionIdle);
  }

  public SipSettings withMaxTransactions(int value) {
    return new SipSettings(bind, port, udp, tcp, advertisedHost, realm, timers, value, maxConnections,
        connectionIdle);
  }
}
