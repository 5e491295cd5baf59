package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following an operation: a small fake server answers the statuses a real one goes through. */
class OperationWatchTest {
  private static final String LOCATION = "/0.2/pg_mgr/install/install/1";

  private final ConcurrentLinkedQueue<String> statuses = new ConcurrentLinkedQueue<>();
  private final AtomicReference<String> last = new AtomicReference<>();
  private HttpServer server;
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(LOCATION, exchange -> {
      // Each poll takes the next status; the last one repeats.
      String status = statuses.isEmpty() ? last.get() : statuses.poll();
      last.set(status);
      byte[] body = ("{\"status\": \"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (var stream = exchange.getResponseBody()) {
        stream.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OperationWatch watch(boolean json, Duration wait, InstantSource clock) {
    var client = new RestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Optional.empty(), null);
    return new OperationWatch(client, new PrintWriter(out, true), json, wait, clock);
  }

  @Test
  void anOperationThatSucceeds_printsEachNewStatusOnce_andExits0() {
    // given
    statuses.addAll(List.of("install|waiting", "install|progress(download|progress;0/2000)",
        "install|progress(download|progress;0/2000)", "install|progress(download|progress;1000/2000)",
        "install|success(download|success;2000/2000)"));

    // when
    int code = watch(false, Duration.ofMinutes(1), InstantSource.system()).follow("install yealink", LOCATION);

    // then
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("""
        install yealink: install: waiting
        install yealink: install: progress, download progress 0/2000 (0%)
        install yealink: install: progress, download progress 1000/2000 (50%)
        install yealink: install: success, download success 2000/2000 (100%)
        """);
  }

  @Test
  void anOperationThatFails_exits1_andInJsonPrintsOnlyTheLastStatus() {
    // given
    statuses.addAll(List.of("update|progress", "update|fail"));

    // then
    assertThatThrownBy(() -> watch(true, Duration.ofMinutes(1), InstantSource.system()).follow("update", LOCATION))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessage("update failed (the server's log says why)");
    assertThat(out.toString()).isEqualTo("{\"status\":\"update|fail\",\"location\":\"" + LOCATION + "\"}\n");
  }

  @Test
  void anOperationStillRunningAfterTheWait_exits1_sayingWhereToFollowIt() {
    // given: a clock already past the deadline at its second reading
    statuses.add("progress");
    var readings = new ConcurrentLinkedQueue<>(List.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(61)));
    InstantSource clock = () -> readings.isEmpty() ? Instant.EPOCH.plusSeconds(61) : readings.poll();

    // then
    assertThatThrownBy(() -> watch(false, Duration.ofSeconds(60), clock).follow("synchronize d1", LOCATION))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessage("synchronize d1 still running after 60 s; follow it with GET " + LOCATION);
  }

  @Test
  void anAnswerThatIsNotAStatus_exits1_quotingIt() {
    // given
    statuses.add("done!");

    // then
    assertThatThrownBy(() -> watch(false, Duration.ofMinutes(1), InstantSource.system()).follow("x", LOCATION))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessageContaining("not an operation status");
  }
}
