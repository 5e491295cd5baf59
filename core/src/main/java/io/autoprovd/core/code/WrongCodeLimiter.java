package io.autoprovd.core.code;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force protection for provisioning codes: a device that dialed {@code maxWrong} wrong codes
 * within {@code window} is refused until the oldest of them leaves the window, whatever code it
 * dials next (a right code too: otherwise guessing would just continue). Per device, so one phone
 * cannot lock out another. Thread-safe without a global lock (one atomic update per device); the
 * clock is injected.
 */
public final class WrongCodeLimiter {
  /** A limiter that never refuses. */
  public static final WrongCodeLimiter NONE = new WrongCodeLimiter(Integer.MAX_VALUE, Duration.ZERO, InstantSource.system());

  private final int maxWrong;
  private final Duration window;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, ArrayDeque<Instant>> failures = new ConcurrentHashMap<>();

  public WrongCodeLimiter(int maxWrong, Duration window, InstantSource clock) {
    if (maxWrong < 1) {
      throw new IllegalArgumentException("maxWrong: must be >= 1");
    }
    if (window.isNegative()) {
      throw new IllegalArgumentException("window: must not be negative");
    }
    this.maxWrong = maxWrong;
    this.window = window;
    this.clock = clock;
  }

  /** How long the device must wait, or empty if it may try a code now. */
  public Optional<Duration> refusal(String deviceId) {
    Instant now = clock.instant();
    var wait = new Duration[1];
    failures.computeIfPresent(deviceId, (id, times) -> {
      prune(times, now);
      if (times.size() >= maxWrong) {
        wait[0] = Duration.between(now, times.peekFirst().plus(window));
      }
      return times.isEmpty() ? null : times;
    });
    return Optional.ofNullable(wait[0]);
  }

  public void recordWrong(String deviceId) {
    Instant now = clock.instant();
    failures.compute(deviceId, (id, times) -> {
      var t = times == null ? new ArrayDeque<Instant>() : times;
      prune(t, now);
      t.addLast(now);
      while (t.size() > maxWrong) {
        t.removeFirst();
      }
      return t;
    });
  }

  /** A successful claim forgets the device's wrong codes. */
  public void recordSuccess(String deviceId) {
    failures.remove(deviceId);
  }

  private void prune(ArrayDeque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
      times.removeFirst();
    }
  }
}
