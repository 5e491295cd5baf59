package io.autoprovd.server.operation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection of operation monitors ({@code /dev_mgr/synchronize}, {@code /pg_mgr/install/install},
 * …): numbered from 1 as the reference does, each run on its own virtual thread. Unlike the
 * reference, a finished monitor is removed by itself once {@code retention} has passed, so
 * monitors nobody deletes never pile up. Thread-safe.
 */
public final class Operations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

  private record Entry(Operation operation, Instant started) {}

  private final String name;
  private final Duration retention;
  private final InstantSource clock;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
  private final Map<Long, Instant> finishedAt = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  public Operations(String name, Duration retention, InstantSource clock) {
    this.name = name;
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * Starts {@code work} on a virtual thread and returns the monitor's number. The work drives the
   * operation; if it returns without finishing it, the operation succeeds; if it throws, it fails.
   */
  public long start(String label, Consumer<Operation> work) {
    expire();
    long id = ids.incrementAndGet();
    var operation = new Operation(label);
    entries.put(id, new Entry(operation, clock.instant()));
    threads.submit(() -> {
      try {
        operation.progress();
        work.accept(operation);
        if (!operation.done()) {
          operation.succeed();
        }
      } catch (RuntimeException e) {
        LOG.warn("{} operation {} failed: {}", name, id, e.getMessage(), e);
        if (!operation.done()) {
          operation.fail(e.getMessage());
        }
      } finally {
        finishedAt.put(id, clock.instant());
      }
    });
    return id;
  }

  public Optional<Operation> find(long id) {
    expire();
    return Optional.ofNullable(entries.get(id)).map(Entry::operation);
  }

  /** Removes the monitor only; the work is not cancelled (as the reference). */
  public boolean delete(long id) {
    finishedAt.remove(id);
    return entries.remove(id) != null;
  }

  public int size() {
    expire();
    return entries.size();
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(retention);
    finishedAt.forEach((id, at) -> {
      if (at.isBefore(cutoff)) {
        entries.remove(id);
        finishedAt.remove(id);
      }
    });
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
