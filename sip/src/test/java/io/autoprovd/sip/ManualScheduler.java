package io.autoprovd.sip;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scheduler and clock that move only when the test says so: {@link #advance} runs every task
 * that falls due, in time order, on the calling thread. No sleeping, no timed assertions.
 */
public final class ManualScheduler implements Scheduler, InstantSource {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Task> tasks = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long sequence;

  private final class Task implements Cancellable {
    final Instant due;
    final long order;
    final Runnable run;
    boolean cancelled;

    Task(Instant due, long order, Runnable run) {
      this.due = due;
      this.order = order;
      this.run = run;
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        cancelled = true;
        tasks.remove(this);
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    lock.lock();
    try {
      var t = new Task(now.plus(delay), sequence++, task);
      tasks.add(t);
      return t;
    } finally {
      lock.unlock();
    }
  }

  /** Moves time forward by {@code step}, running each task as its time comes. */
  public void advance(Duration step) {
    Instant target;
    lock.lock();
    try {
      target = now.plus(step);
    } finally {
      lock.unlock();
    }
    while (true) {
      Task next;
      lock.lock();
      try {
        next = tasks.stream().filter(t -> !t.due.isAfter(target))
            .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        tasks.remove(next);
        now = next.due.isAfter(now) ? next.due : now;
      } finally {
        lock.unlock();
      }
      next.run.run();
    }
  }

  public int pending() {
    lock.lock();
    try {
      return tasks.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Instant instant() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
  }
}
