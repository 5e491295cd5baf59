package io.autoprovd.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * The base values of RFC 3261's timers (§17.1.1.1, Table 4). Every other timer is derived: A and E
 * start at T1 and double (E and G up to T2), B, F, H and J are 64×T1, K and I are T4 over UDP and
 * zero over TCP, D is 32 s over UDP.
 */
public record SipTimers(Duration t1, Duration t2, Duration t4) {
  /** RFC 3261's recommended values: T1 500 ms (an RTT estimate), T2 4 s, T4 5 s. */
  public static final SipTimers RFC3261 = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4),
      Duration.ofSeconds(5));

  public SipTimers {
    Objects.requireNonNull(t1, "t1");
    Objects.requireNonNull(t2, "t2");
    Objects.requireNonNull(t4, "t4");
    if (t1.isNegative() || t1.isZero()) {
      throw new IllegalArgumentException("t1: must be positive");
    }
    if (t2.compareTo(t1) < 0) {
      throw new IllegalArgumentException("t2: must be >= t1");
    }
  }

  /** Timers B, F, H and J: 64×T1, how long a transaction may take. */
  public Duration transactionTimeout() {
    return t1.multipliedBy(64);
  }

  /** Timer D (§17.1.1.2): at least 32 s over UDP, zero over TCP. */
  public Duration timerD(Transport transport) {
    if (transport.reliable()) {
      return Duration.ZERO;
    }
    Duration d = Duration.ofSeconds(32);
    return d.compareTo(transactionTimeout()) > 0 ? d : transactionTimeout();
  }

  /** Timers K and I: T4 over UDP, zero over TCP. */
  public Duration t4For(Transport transport) {
    return transport.reliable() ? Duration.ZERO : t4;
  }

  /** The next retransmission interval after {@code current}: doubled, capped at T2 (Timers E and G). */
  public Duration backoffCapped(Duration current) {
    Duration doubled = current.multipliedBy(2);
    return doubled.compareTo(t2) > 0 ? t2 : doubled;
  }
}
