package io.autoprovd.server.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OperationsTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;

  @Test
  void theStatusString_followsTheReferenceGrammar() {
    var install = new Operation("install");
    install.progress();
    var download = install.sub("download");
    download.progress(13818, 54000);
    assertThat(install.format()).isEqualTo("install|progress(download|progress;13818/54000)");

    var pkg = new Operation("install_pkg");
    pkg.progress();
    var d1 = pkg.sub("download");
    d1.progress(1024, 1024);
    d1.succeed();
    pkg.sub("download").progress(10, 99);
    pkg.sub("install");
    assertThat(pkg.format()).isEqualTo("install_pkg|progress(download|success;1024/1024)(download|progress;10/99)(install|waiting)");

    var sync = new Operation(null);
    sync.progress(0, 0);
    assertThat(sync.format()).isEqualTo("progress;0");
  }

  @Test
  void statesOnlyMoveForward() {
    var op = new Operation("x");
    op.progress();
    op.succeed();
    assertThatThrownBy(op::progress).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> op.fail("late")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void monitorsAreNumberedFromOne_runTheirWork_andReportFailureWithoutItsCause() throws Exception {
    try (var ops = new Operations("test", Duration.ofMinutes(10), clock)) {
      var release = new CountDownLatch(1);
      long first = ops.start(null, op -> waitFor(release));
      long second = ops.start("update", op -> {
        throw new IllegalStateException("boom");
      });

      assertThat(first).isEqualTo(1);
      assertThat(second).isEqualTo(2);
      await().until(() -> ops.find(second).orElseThrow().done());
      assertThat(ops.find(second).orElseThrow().format()).isEqualTo("update|fail");
      assertThat(ops.find(first).orElseThrow().format()).isEqualTo("progress");
      release.countDown();
      await().until(() -> ops.find(first).orElseThrow().format().equals("success"));
    }
  }

  @Test
  void finishedMonitors_areRemovedAfterTheRetention_unfinishedOnesStay() throws Exception {
    try (var ops = new Operations("test", Duration.ofMinutes(10), clock)) {
      var release = new CountDownLatch(1);
      long done = ops.start(null, op -> { });
      long running = ops.start(null, op -> waitFor(release));
      await().until(() -> ops.find(done).orElseThrow().done());

      now.set(now.get().plus(Duration.ofMinutes(11)));

      assertThat(ops.find(done)).isEmpty();
      assertThat(ops.find(running)).isPresent();
      assertThat(ops.delete(running)).isTrue();
      assertThat(ops.delete(running)).isFalse();
      release.countDown();
    }
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
