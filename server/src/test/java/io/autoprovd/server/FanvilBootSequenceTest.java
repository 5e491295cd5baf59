package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fanvil boot sequence against a real server (docs/vendors/fanvil.md). With option 66 =
 * http-uri/Fanvil/$mac.cfg an X-series phone first asks for its model's common file (X7:
 * {@code F0V00X700000.cfg}), then for {@code <mac>.cfg}, both under {@code Fanvil/}, over HTTP with
 * its User-Agent.
 */
class FanvilBootSequenceTest {
  static final String MAC = "0c383e7a8b9c";
  static final String UA = "Fanvil X7 2.12.1 " + MAC;

  @TempDir Path dataDir;
  @TempDir Path downloads;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void x7_isDiscovered_getsItsAutoprovLine_thenItsLines_andNeverAnotherPhonesFile() throws Exception {
    // 1. the common file: not served (the phone goes on), but the request names the phone
    assertThat(server.fetch("/Fanvil/F0V00X700000.cfg", UA).statusCode()).isEqualTo(404);
    var device = server.devices().getFirst();
    assertThat(device).containsEntry("mac", "0c:38:3e:7a:8b:9c").containsEntry("vendor", "Fanvil")
        .containsEntry("model", "X7").containsEntry("version", "2.12.1").containsEntry("plugin", "fanvil");

    var first = server.fetch("/Fanvil/" + MAC + ".cfg", UA);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(first)).startsWith("<?xml").contains("<sysConf>", "<FlashFileName>Fanvil/$mac.cfg</FlashFileName>")
        .containsPattern("<PhoneNumber>ap[a-z0-9]{10}</PhoneNumber>");
    assertThat(server.devices()).hasSize(1).first().satisfies(d -> assertThat(d).containsEntry("configured", true));

    // 2. a config with two lines, linked to the device
    String id = (String) device.get("id");
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "fanvil-two-lines", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of(
            "1", Map.of("username", "1001", "password", "s3cret", "display_name", "Alice", "proxy_ip", "10.0.0.5"),
            "2", Map.of("username", "1002", "password", "t0ps3cret", "display_name", "Bob", "proxy_ip", "10.0.0.5")),
            "funckeys", Map.of("3", Map.of("type", "blf", "value", "1003", "label", "Carol"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "0c:38:3e:7a:8b:9c", "vendor", "Fanvil", "model", "X7", "plugin", "fanvil", "config", "fanvil-two-lines")));
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(204);

    assertThat(server.fetch("/Fanvil/F0V00X700000.cfg", UA).statusCode()).isEqualTo(404);
    String file = TestServer.body(server.fetch("/Fanvil/" + MAC + ".cfg", UA));
    assertThat(file).contains("<PhoneNumber>1001</PhoneNumber>", "<RegisterPswd>s3cret</RegisterPswd>",
        "<RegisterAddr>10.0.0.5</RegisterAddr>", "<PhoneNumber>1002</PhoneNumber>",
        "<RegisterPswd>t0ps3cret</RegisterPswd>", "<Value>1003@1/ba").doesNotContain("Autoprov");

    // 3. another phone's file, asked for by this phone, is not served
    assertThat(server.fetch("/Fanvil/0c383e000001.cfg", UA).statusCode()).isEqualTo(404);
    assertThat(server.devices()).hasSize(1);
  }

  /** curl with the User-Agent header removed (Java's HttpClient always sends one). */
  @Test
  void aClientWithoutUserAgent_isRecognisedByTheFanvilMacInTheFileName() throws Exception {
    assertThat(curlWithoutUserAgent("/Fanvil/00a859123456.cfg")).isEqualTo("200");
    assertThat(server.devices()).singleElement().satisfies(d -> assertThat(d)
        .containsEntry("mac", "00:a8:59:12:34:56").containsEntry("vendor", "Fanvil").containsEntry("plugin", "fanvil"));
    assertThat(Files.readString(downloads.resolve("curl.out"))).contains("<sysConf>");
    // a name without a Fanvil OUI is nobody's
    assertThat(curlWithoutUserAgent("/Fanvil/020000123456.cfg")).isEqualTo("404");
    assertThat(server.devices()).hasSize(1);
  }

  private String curlWithoutUserAgent(String path) throws Exception {
    String url = "http://127.0.0.1:" + server.server.httpPort() + path;
    return PeerClients.run(List.of("curl", "-sS", "--max-time", "30", "-H", "User-Agent:",
        "-o", downloads.resolve("curl.out").toString(), "-w", "%{http_code}", url)).trim();
  }

}
