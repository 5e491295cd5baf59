package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation's promise, over real sockets: an unknown Yealink boots, then gets its real line. */
class PhoneAcceptanceTest {
  private static final String MAC_FILE = "/001565123456.cfg";

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
  void unknownYealink_fetchingItsFile_isDiscoveredInTheMasterTenant_andGetsItsOwnAutoprovAccount() throws Exception {
    var response = server.fetch(MAC_FILE, TestServer.YEALINK_UA);

    assertThat(response.statusCode()).isEqualTo(200);
    var devices = server.devices();
    assertThat(devices).hasSize(1);
    var device = devices.getFirst();
    assertThat(device).containsEntry("mac", "00:15:65:12:34:56").containsEntry("vendor", "Yealink")
        .containsEntry("model", "T46S").containsEntry("version", "66.86.0.15")
        .containsEntry("plugin", "yealink").containsEntry("tenant_uuid", Tenant.MASTER_UUID)
        .containsEntry("is_new", true).containsEntry("configured", true).containsEntry("ip", "127.0.0.1");
    String autoprovUser = autoprovUsername(device);
    assertThat(body(response)).contains("account.1.user_name = " + autoprovUser);
  }

  @Test
  void afterLinkingToAOneLineConfig_theSameRequest_returnsThatLinesAccount() throws Exception {
    server.fetch(MAC_FILE, TestServer.YEALINK_UA);
    String id = (String) server.devices().getFirst().get("id");
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret",
            "display_name", "Alice", "proxy_ip", "10.0.0.5"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/0.2/cfg_mgr/configs/alice");

    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "00:15:65:12:34:56", "plugin", "yealink", "config", "alice")));
    assertThat(linked.statusCode()).isEqualTo(204);

    String file = body(server.fetch(MAC_FILE, TestServer.YEALINK_UA));
    assertThat(file).contains("account.1.user_name = 1001", "account.1.password = s3cret",
        "account.1.sip_server.1.address = 10.0.0.5");
    assertThat(file).doesNotContain("Autoprov");
  }

  @Test
  void tftpFetches_withTftpHpa_atftp_andCurl_areByteIdenticalToHttp() throws Exception {
    byte[] overHttp = server.fetch(MAC_FILE, TestServer.YEALINK_UA).body();
    int port = server.server.tftpPort();

    assertThat(PeerClients.tftpHpa(port, "001565123456.cfg", downloads)).isEqualTo(overHttp);
    assertThat(PeerClients.atftp(port, "001565123456.cfg", downloads)).isEqualTo(overHttp);
    assertThat(PeerClients.curlTftp(port, "001565123456.cfg", downloads)).isEqualTo(overHttp);
  }

  @Test
  void fiftyConcurrentFirstRequests_fromOneNewPhone_createExactlyOneDevice() throws Exception {
    var start = new CountDownLatch(1);
    var results = new ArrayList<Future<Integer>>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        results.add(threads.submit(() -> {
          start.await();
          return server.fetch(MAC_FILE, TestServer.YEALINK_UA).statusCode();
        }));
      }
      start.countDown();
      for (var result : results) {
        assertThat(result.get()).isEqualTo(200);
      }
    }

    assertThat(server.devices()).hasSize(1);
    var configs = server.rest("GET", "/0.2/cfg_mgr/configs", null).body();
    assertThat(configs.split("\"autoprov[0-9a-f]{8}-", -1)).hasSize(2);
  }

  @Test
  void anotherPhonesFile_isNotServed_evenToAKnownPhone() throws Exception {
    server.fetch(MAC_FILE, TestServer.YEALINK_UA);

    var response = server.fetch("/001565abcdef.cfg", TestServer.YEALINK_UA);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void aPhoneOfAnUnknownVendor_getsNotFound_andNoDevice() throws Exception {
    var response = server.fetch("/whatever.cfg", "SomePhone/1.0");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(server.devices()).isEmpty();
  }

  private String autoprovUsername(Map<String, Object> device) throws Exception {
    var raw = server.rest("GET", "/0.2/cfg_mgr/configs/" + device.get("config") + "/raw", null).body();
    var m = java.util.regex.Pattern.compile("\"username\":\"(ap[a-z0-9]{10})\"").matcher(raw);
    assertThat(m.find()).as("autoprov config carries a per-device username: %s", raw).isTrue();
    return m.group(1);
  }

  private static String body(java.net.http.HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
