package io.autoprovd.sip;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: the one source of time for SIP timers, so tests replace it with a
 * manual clock and assert retransmission schedules without sleeping. Implementations are
 * thread-safe; a task may run on any thread and must not block for long.
 */
public interface Scheduler extends AutoCloseable {

  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that has not run yet can be cancelled; cancelling later does nothing. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();

    Cancellable NONE = () -> { };
  }

  @Override
  default void close() {}

  /**
   * The real clock: one platform thread keeps the timetable and each due task runs on its own
   * virtual thread, so a slow send never delays another transaction's timer.
   */
  static Scheduler system() {
    return new Scheduler() {
      private final ScheduledExecutorService timetable = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sip-timers");
        t.setDaemon(true);
        return t;
      });

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timetable.schedule(() -> Thread.ofVirtual().name("sip-timer").start(task),
            Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public void close() {
        timetable.shutdownNow();
      }
    };
  }
}
