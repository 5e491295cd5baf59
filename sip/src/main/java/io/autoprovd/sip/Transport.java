package io.autoprovd.sip;

import java.util.Locale;

/** The transports autoprovd's SIP speaks. TLS is left to a proxy in front. */
public enum Transport {
  UDP,
  TCP;

  /** True for TCP: no retransmissions, Timers E/G/A do not run (RFC 3261 §17.1.1.2, §17.1.2.2). */
  public boolean reliable() {
    return this == TCP;
  }

  public static Transport parse(String text) {
    return switch (text.strip().toUpperCase(Locale.ROOT)) {
      case "UDP" -> UDP;
      case "TCP" -> TCP;
      default -> throw new IllegalArgumentException("transport: must be udp or tcp, got " + text);
    };
  }
}
