package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped hook scripts (contrib/dhcp) against a stand-in for autoprovd: what they send, and
 * that the DHCP server never waits for autoprovd nor sees a failure.
 */
class HookScriptTest {
  @TempDir Path hooks;
  HttpServer autoprovd;
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<String> tokens = new CopyOnWriteArrayList<>();
  volatile int status = 204;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Peers.installed("curl"), "curl is not installed: apt-get install curl");
    autoprovd = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    autoprovd.createContext("/0.2/dev_mgr/dhcpinfo", exchange -> {
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Auth-Token")));
      byte[] body = status == 204 ? new byte[0] : "{\"message\": \"op: invalid operation value\"}".getBytes();
      exchange.sendResponseHeaders(status, status == 204 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    autoprovd.start();
    install("http://127.0.0.1:" + autoprovd.getAddress().getPort(), "s3cret-token", 2);
  }

  @AfterEach
  void stop() {
    if (autoprovd != null) {
      autoprovd.stop(0);
    }
  }

  void install(String url, String token, int timeout) throws IOException {
    DhcpAcceptance.installHooks(hooks, url, token);
    Files.writeString(hooks.resolve("dhcp-hook.conf"), "url=" + url + "\ntoken=" + token + "\ntimeout=" + timeout + "\n");
  }

  /** Runs a script as the DHCP server does: waits for it to exit, never reads its output to the end. */
  Run run(Map<String, String> environment, String script, String... args) throws Exception {
    var command = new ArrayList<>(List.of(hooks.resolve(script).toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(hooks, "stderr", ".txt");
    var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile());
    if (environment != null) {
      // Kea starts its hooks with only its own variables.
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    Process p = builder.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(script + " exited").isTrue();
    return new Run(p.exitValue(), err);
  }

  record Run(int exitCode, Path stderr) {
    String errors() throws IOException {
      return Files.readString(stderr);
    }
  }

  static Map<String, Object> dhcpInfo(String request) {
    return Documents.parseObject(request.substring(request.indexOf('{')));
  }

  @Test
  void theIscHook_sendsTheLeaseAsDhcpinfo_withTheTokenFromItsSettings() throws Exception {
    // when dhcpd runs it as the generated 'on commit' does (an absent option is an empty argument)
    var run = run(null, "autoprovd-isc-hook", "commit", "10.0.0.42", "0:15:65:a:b:c", "06079.65.61", "");

    // then
    assertThat(run.exitCode()).isZero();
    org.awaitility.Awaitility.await().until(() -> received.size() == 1);
    assertThat(received.getFirst()).startsWith("POST application/vnd.proformatique.provd+json ");
    assertThat(dhcpInfo(received.getFirst())).isEqualTo(Map.of("dhcp_info", Map.of(
        "op", "commit", "ip", "10.0.0.42", "mac", "0:15:65:a:b:c", "options", List.of("06079.65.61"))));
    assertThat(tokens).containsExactly("s3cret-token");
  }

  @Test
  void theIscHook_returnsWhileAutoprovdHasNotAnswered() throws Exception {
    // given an autoprovd that accepts the connection and never answers
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      install("http://127.0.0.1:" + silent.getLocalPort(), "", 10);

      // when
      var run = run(null, "autoprovd-isc-hook", "release", "10.0.0.42");

      // then the hook has exited, and the report it handed off is still waiting for its answer
      assertThat(run.exitCode()).isZero();
      silent.setSoTimeout(20_000);
      try (Socket pending = silent.accept()) {
        assertThat(pending.isClosed()).isFalse();
      }
    }
  }

  @Test
  void theReport_givesUpOnAnAutoprovdThatNeverAnswers_logsWhy_andExitsZero() throws Exception {
    // given
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      install("http://127.0.0.1:" + silent.getLocalPort(), "", 1);

      // when
      var run = run(null, "autoprovd-dhcp-report", "commit", "10.0.0.42", "00:15:65:0a:0b:0c");

      // then
      assertThat(run.exitCode()).isZero();
      assertThat(run.errors()).contains("autoprovd-dhcp: commit 10.0.0.42: autoprovd at http://127.0.0.1:"
          + silent.getLocalPort() + " not reached");
    }
  }

  @Test
  void theReport_withAutoprovdDown_exitsZero_andLogsWhy() throws Exception {
    // given nothing listens there
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    install("http://127.0.0.1:" + port, "", 2);

    // when
    var run = run(null, "autoprovd-dhcp-report", "expiry", "10.0.0.42");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.errors()).contains("expiry 10.0.0.42: autoprovd at http://127.0.0.1:" + port + " not reached");
  }

  @Test
  void theReport_refusedByAutoprovd_logsItsAnswer_andExitsZero() throws Exception {
    // given
    status = 400;

    // when
    var run = run(null, "autoprovd-dhcp-report", "renew", "10.0.0.42");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.errors()).contains("renew 10.0.0.42: autoprovd answered 400: {\"message\": \"op: invalid operation value\"}");
  }

  @Test
  void whatTheDhcpServerPasses_cannotBreakTheJson() throws Exception {
    // when
    run(null, "autoprovd-dhcp-report", "commit", "10.0.0.42\", \"x\": \"y", "00:15:65:0a:0b:0c", "060.41\"]}");

    // then
    org.awaitility.Awaitility.await().until(() -> received.size() == 1);
    assertThat(dhcpInfo(received.getFirst())).isEqualTo(Map.of("dhcp_info", Map.of(
        "op", "commit", "ip", "10.0.0.42x:y", "mac", "00:15:65:0a:0b:0c", "options", List.of("060.41"))));
  }

  @Test
  void theKeaHook_reportsEachCommittedLease_fromKeasEnvironmentAlone() throws Exception {
    // when Kea runs it with its variables only (no PATH)
    var run = run(Map.of("LEASES4_SIZE", "2",
        "LEASES4_AT0_ADDRESS", "10.0.0.42", "LEASES4_AT0_HWADDR", "00:15:65:0a:0b:0c",
        "LEASES4_AT1_ADDRESS", "10.0.0.43", "LEASES4_AT1_HWADDR", "00:15:65:0a:0b:0d",
        "QUERY4_TYPE", "DHCPREQUEST"), "autoprovd-kea-hook", "leases4_committed");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(received).extracting(HookScriptTest::dhcpInfo).containsExactly(
        Map.of("dhcp_info", Map.of("op", "commit", "ip", "10.0.0.42", "mac", "00:15:65:0a:0b:0c", "options", List.of())),
        Map.of("dhcp_info", Map.of("op", "commit", "ip", "10.0.0.43", "mac", "00:15:65:0a:0b:0d", "options", List.of())));
  }

  @Test
  void theKeaHook_reportsReleasesAndExpiries_andIgnoresOtherHookPoints() throws Exception {
    // when
    run(Map.of("LEASE4_ADDRESS", "10.0.0.42", "LEASE4_HWADDR", "00:15:65:0a:0b:0c"), "autoprovd-kea-hook", "lease4_release");
    run(Map.of("LEASE4_ADDRESS", "10.0.0.43", "LEASE4_HWADDR", "00:15:65:0a:0b:0d"), "autoprovd-kea-hook", "lease4_expire");
    run(Map.of("LEASE4_ADDRESS", "10.0.0.44", "LEASE4_HWADDR", "00:15:65:0a:0b:0e"), "autoprovd-kea-hook", "lease4_renew");
    run(Map.of("LEASES4_SIZE", "1; touch /tmp/pwned"), "autoprovd-kea-hook", "leases4_committed");

    // then
    assertThat(received).extracting(HookScriptTest::dhcpInfo).containsExactly(
        Map.of("dhcp_info", Map.of("op", "release", "ip", "10.0.0.42", "mac", "00:15:65:0a:0b:0c")),
        Map.of("dhcp_info", Map.of("op", "expiry", "ip", "10.0.0.43", "mac", "00:15:65:0a:0b:0d")));
  }
}
