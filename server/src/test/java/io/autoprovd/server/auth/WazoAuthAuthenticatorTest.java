package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WazoAuthAuthenticator against a small fake wazo-auth on a real socket: the HTTP edge is the one
 * thing faked. Cache time is a fake ticker; the only real time is the authenticator's own timeout,
 * kept short, and @Timeout guards that nothing hangs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WazoAuthAuthenticatorTest {
  private static final String TENANT = "6a2f3a5e-1111-4c1b-9a5e-0c1f4f8c2a10";
  private static final String TOKEN = "3d7c3e6a-2b9f-4b44-8a63-5c1a51b2f0e7";
  private static final Duration TTL = Duration.ofSeconds(10);
  // Generous where an answer is expected (a loaded two-core machine is slow to start a JVM's
  // first HTTP exchange); short where the test waits for the timeout itself.
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

  private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final Map<String, Consumer<HttpExchange>> answers = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer wazoAuth;
  private HttpClient http;

  @BeforeEach
  void startFakeWazoAuth() throws IOException {
    wazoAuth = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    wazoAuth.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    wazoAuth.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getRawPath();
      paths.add(path);
      String token = path.substring(path.lastIndexOf('/') + 1);
      answers.getOrDefault(token, e -> respond(e, 404, "{\"reason\": [\"No such token\"], \"status_code\": 404}"))
          .accept(exchange);
    });
    wazoAuth.start();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    wazoAuth.stop(0);
    http.close();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + wazoAuth.getAddress().getPort());
  }

  private WazoAuthAuthenticator authenticator(URI url) {
    return new WazoAuthAuthenticator(url, TTL, TIMEOUT, http, time, time);
  }

  private WazoAuthAuthenticator impatientAuthenticator(URI url) {
    return new WazoAuthAuthenticator(url, TTL, SHORT_TIMEOUT, http, time, time);
  }

  private static void respond(HttpExchange exchange, int status, String body) {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException e) {
      // the client went away (timeout tests): nothing to answer
    }
  }

  /** wazo-auth's Token.to_dict, shortened. */
  private static String tokenBody(String tenant, String acls, String utcExpiresAt) {
    return """
        {"data": {"token": "%s", "auth_id": "a1b2", "xivo_uuid": "x", "issued_at": "2026-03-01T05:00:00",
         "expires_at": "2026-03-01T07:00:00", "utc_issued_at": "2026-03-01T10:00:00.000123",
         "utc_expires_at": %s, "acl": %s,
         "metadata": {"uuid": "a1b2", "tenant_uuid": %s, "auth_id": "a1b2", "pbx_user_uuid": null},
         "session_uuid": "s1", "remote_addr": "10.0.0.1", "user_agent": "wazo-confd"}}
        """.formatted(TOKEN, utcExpiresAt == null ? "null" : "\"" + utcExpiresAt + "\"", acls,
        tenant == null ? "null" : "\"" + tenant + "\"");
  }

  private void answer(String token, int status, String body) {
    answers.put(token, e -> respond(e, status, body));
  }

  @Test
  void aValidToken_becomesAPrincipalWithTheTokensTenantAndAcls() {
    // given
    answer(TOKEN, 200, tokenBody(TENANT, "[\"provd.#\", \"!provd.configure.#\"]", "2026-03-01T12:00:00.000456"));

    // when
    var principal = authenticator(url()).authenticate(TOKEN);

    // then
    assertThat(paths).containsExactly("/0.1/token/" + TOKEN);
    assertThat(principal).hasValueSatisfying(p -> {
      assertThat(p.tenantUuid()).isEqualTo(TENANT);
      assertThat(p.acls()).containsExactly("provd.#", "!provd.configure.#");
      assertThat(p.allows("provd.dev_mgr.devices.read")).isTrue();
      assertThat(p.allows("provd.configure.x.NAT.update")).isFalse();
      assertThat(p.subject()).isEqualTo("wazo-auth a1b2");
    });
  }

  @Test
  void aBaseUrlWithAPathAndATrailingSlash_keepsItsPath() {
    // given
    answer(TOKEN, 200, tokenBody(TENANT, "[\"provd.#\"]", null));

    // when
    authenticator(URI.create(url() + "/api/auth/")).authenticate(TOKEN);

    // then
    assertThat(paths).containsExactly("/api/auth/0.1/token/" + TOKEN);
  }

  @Test
  void aValidToken_isAskedOnce_thenAgainOnlyAfterTheCacheTtl() {
    // given
    answer(TOKEN, 200, tokenBody(TENANT, "[\"provd.#\"]", null));
    var authenticator = authenticator(url());

    // when
    authenticator.authenticate(TOKEN);
    time.advance(TTL.minusSeconds(1));
    authenticator.authenticate(TOKEN);
    int callsWithinTtl = paths.size();
    time.advance(Duration.ofSeconds(1));
    var afterTtl = authenticator.authenticate(TOKEN);

    // then
    assertThat(callsWithinTtl).isEqualTo(1);
    assertThat(paths).hasSize(2);
    assertThat(afterTtl).isPresent();
  }

  @Test
  void aTokenExpiringBeforeTheTtl_isNotTrustedBeyondItsExpiry() {
    // given: wazo-auth says it expires in 3 s (UTC, Python isoformat, no offset)
    String expires = LocalDateTime.ofInstant(time.instant().plusSeconds(3), ZoneOffset.UTC).toString();
    answer(TOKEN, 200, tokenBody(TENANT, "[\"provd.#\"]", expires));
    var authenticator = authenticator(url());
    authenticator.authenticate(TOKEN);

    // when: past the expiry, wazo-auth now answers 404
    time.advance(Duration.ofSeconds(3));
    answer(TOKEN, 404, "{}");
    var after = authenticator.authenticate(TOKEN);

    // then
    assertThat(after).isEmpty();
    assertThat(paths).hasSize(2);
  }

  @Test
  void anUnknownToken_isEmpty_andIsAskedAgainNextTime() {
    // given: no answer configured: the fake says 404
    var authenticator = authenticator(url());

    // when
    var first = authenticator.authenticate(TOKEN);
    var second = authenticator.authenticate(TOKEN);

    // then
    assertThat(first).isEmpty();
    assertThat(second).isEmpty();
    assertThat(paths).hasSize(2);
  }

  @Test
  void aTokenWithoutATenant_orAnAnswerThatIsNotATokenDocument_isEmpty_andLogged() {
    // given
    answer("no-tenant", 200, tokenBody(null, "[\"provd.#\"]", null));
    answer("garbage", 200, "<html>proxy error</html>");
    var authenticator = authenticator(url());

    // when
    String log;
    try (var logs = new LogCapture()) {
      assertThat(authenticator.authenticate("no-tenant")).isEmpty();
      time.advance(WazoAuthAuthenticator.LOG_EVERY);
      assertThat(authenticator.authenticate("garbage")).isEmpty();
      log = logs.text();
    }

    // then
    assertThat(log).contains("without metadata.tenant_uuid").contains("without a {\"data\"");
  }

  @Test
  void aServerError_isEmpty_andLoggedWithTheStatus() {
    // given
    answer(TOKEN, 500, "{\"reason\": [\"db down\"]}");

    // when
    String log;
    try (var logs = new LogCapture()) {
      assertThat(authenticator(url()).authenticate(TOKEN)).isEmpty();
      log = logs.text();
    }

    // then
    assertThat(log).contains("WARN").contains("answered 500");
  }

  @Test
  void tokensThatCouldChangeThePath_areRefusedWithoutAsking() {
    // given
    var authenticator = authenticator(url());

    // when / then
    for (String token : List.of("..", ".", "a/b", "a?scope=x", "a%2Fb", "a b", "", "x".repeat(513))) {
      assertThat(authenticator.authenticate(token)).as(token).isEmpty();
    }
    assertThat(authenticator.authenticate(null)).isEmpty();
    assertThat(paths).isEmpty();
  }

  @Test
  void wazoAuthDown_isEmpty_andLogged() throws IOException {
    // given: a port nobody listens on
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    // when
    String log;
    try (var logs = new LogCapture()) {
      assertThat(authenticator(URI.create("http://127.0.0.1:" + closedPort)).authenticate(TOKEN)).isEmpty();
      log = logs.text();
    }

    // then
    assertThat(log).contains("WARN").contains("unreachable").doesNotContain(TOKEN);
  }

  @Test
  void wazoAuthThatNeverAnswers_isEmptyAfterTheTimeout_notAHang() throws Exception {
    // given: accepts the connection, reads nothing, answers nothing
    try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket ignored = silent.accept()) {
          release.await();
        } catch (IOException | InterruptedException e) {
          // test over
        }
      });

      // when
      String log;
      try (var logs = new LogCapture()) {
        var result = impatientAuthenticator(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
            .authenticate(TOKEN);
        log = logs.text();

        // then
        assertThat(result).isEmpty();
      }
      assertThat(log).contains("no answer within 500 ms");
    }
  }

  @Test
  void wazoAuthThatSendsHeadersThenStalls_isEmptyAfterTheTimeout_notAHang() {
    // given: 200 and a length, then no body
    answers.put(TOKEN, exchange -> {
      try {
        exchange.sendResponseHeaders(200, 1000);
        exchange.getResponseBody().write('{');
        exchange.getResponseBody().flush();
        release.await();
      } catch (IOException | InterruptedException e) {
        // test over
      }
    });

    // when
    var result = impatientAuthenticator(url()).authenticate(TOKEN);

    // then
    assertThat(result).isEmpty();
  }

  @Test
  void failures_areLoggedAtMostOncePerMinute_withTheCountInBetween() throws IOException {
    // given
    answer(TOKEN, 503, "{}");
    var authenticator = authenticator(url());

    // when
    List<String> lines;
    try (var logs = new LogCapture()) {
      for (int i = 0; i < 5; i++) {
        authenticator.authenticate(TOKEN);
      }
      time.advance(WazoAuthAuthenticator.LOG_EVERY);
      authenticator.authenticate(TOKEN);
      lines = logs.lines().stream().filter(l -> l.contains("answered 503")).toList();
    }

    // then
    assertThat(paths).hasSize(6);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("(4 more failures not logged)");
  }
}
