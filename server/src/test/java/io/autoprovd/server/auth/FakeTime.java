package io.autoprovd.server.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** One fake time for both the wall clock (expiry) and the cache ticker; moved only by the test. */
final class FakeTime implements InstantSource, Ticker {
  private final Instant start;
  private final AtomicLong nanos = new AtomicLong();

  FakeTime(Instant start) {
    this.start = start;
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanos.get());
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
