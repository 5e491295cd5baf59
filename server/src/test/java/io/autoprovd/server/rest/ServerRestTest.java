package io.autoprovd.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root, status, plugins (read), the API document, CORS and methods; test_status.py, test_plugins.py. */
class ServerRestTest {
  @TempDir Path dataDir;
  RestFixture f;

  @BeforeEach
  void start() {
    f = RestFixture.start(dataDir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void theRoot_linksToEveryManager() {
    assertThat(f.api.get("/0.2").send().list("links")).containsExactlyInAnyOrder(
        Map.of("rel", "dev", "href", "/0.2/dev_mgr"), Map.of("rel", "cfg", "href", "/0.2/cfg_mgr"),
        Map.of("rel", "pg", "href", "/0.2/pg_mgr"), Map.of("rel", "status", "href", "/0.2/status"),
        Map.of("rel", "srv.configure", "href", "/0.2/configure"));
  }

  @Test
  void status_isOk_withTheStoresHealth() {
    var status = f.api.get("/0.2/status").send().json();

    assertThat(status).containsEntry("rest_api", "ok").containsEntry("bus_consumer", Map.of("status", "ok"));
    assertThat(f.api.get("/0.2/status").send().object("store")).containsEntry("status", "ok");
  }

  @Test
  void plugins_listTheInstalledPacks_withLinks() {
    var plugins = f.api.get("/0.2/pg_mgr/plugins").send().object("plugins");

    assertThat(plugins).containsEntry("yealink", Map.of("links",
        List.of(Map.of("rel", "pg.plugin", "href", "/0.2/pg_mgr/plugins/yealink"))));
    assertThat(f.api.get("/0.2/pg_mgr/plugins/yealink").send().list("links"))
        .contains(Map.of("rel", "pg.info", "href", "/0.2/pg_mgr/plugins/yealink/info"));
    assertThat(f.api.get("/0.2/pg_mgr").send().list("links")).extracting(l -> l.get("rel"))
        .containsExactlyInAnyOrder("srv.install", "pg.plugins", "pg.reload");
  }

  @Test
  void theApiDocument_isServedWithoutAToken_andIsTheOneTheTestsValidateAgainst() throws IOException {
    var reply = f.api.get("/0.2/api/api.yml").token(null).send();

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/yaml");
    try (var in = getClass().getResourceAsStream("/openapi/api.yml")) {
      assertThat(reply.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theValidator_refusesAnAnswerTheDocumentDoesNotDescribe() {
    var report = ApiClient.VALIDATOR.validateResponse("/0.2/dev_mgr/devices", Request.Method.GET,
        new SimpleResponse.Builder(200).withContentType(ApiClient.PROVD).withBody("{\"devices\": 5}").build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void options_isAnsweredAtOnceWithoutAToken_andEveryAnswerCarriesCors() {
    var preflight = f.api.call("OPTIONS", "/0.2/dev_mgr/devices").token(null).undocumented().send();
    var refused = f.api.get("/0.2/dev_mgr/devices").token(null).invalid().send();

    assertThat(preflight.status()).isEqualTo(200);
    for (var reply : List.of(preflight, refused)) {
      assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
      assertThat(reply.header("Access-Control-Allow-Headers")).contains("X-Auth-Token", "Wazo-Tenant");
      assertThat(reply.header("Access-Control-Expose-Headers")).isEqualTo("Location");
    }
  }

  @Test
  void anotherMethodOnAKnownPath_is405_andAnUnknownPath404() {
    assertThat(f.api.call("PATCH", "/0.2/dev_mgr/devices").undocumented().send().status()).isEqualTo(405);
    assertThat(f.api.get("/0.2/nothing/here").token(null).undocumented().send().status()).isEqualTo(404);
  }

  /** curl, a client nobody here wrote, on the wire: HTTP/1.0, a chunked body over the limit. */
  @Test
  void curl_http10_andAChunkedBodyOverOneMebibyte_get200And413() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl (Debian package curl)");
    String base = "http://127.0.0.1:" + f.server.port();

    var http10 = curl("--http1.0", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "X-Auth-Token: " + RestFixture.MASTER_TOKEN, base + "/0.2/status");
    Path big = dataDir.resolve("big.json");
    Files.writeString(big, "{\"device\": {\"description\": \"" + "x".repeat(1 << 20) + "\"}}");
    var chunked = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
        "-H", "X-Auth-Token: " + RestFixture.MASTER_TOKEN, "-H", "Content-Type: application/json",
        "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + big, base + "/0.2/dev_mgr/devices");

    assertThat(http10).isEqualTo("200");
    assertThat(chunked).isEqualTo("413");
    assertThat(f.api.get("/0.2/dev_mgr/devices").send().list("devices")).isEmpty();
  }

  private static String curl(String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>(List.of("/usr/bin/curl"));
    command.addAll(List.of(args));
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out.strip();
  }
}
