package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.tenant.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Htek UC903 boots against a real server. Htek's provisioning guide ("UC900 Series IP Phones
 * Provisioning" §2.1): the phone asks, one after the other, cfg&lt;device code&gt;.xml (0016 for
 * the UC903), cfg&lt;mac&gt; (a binary backup format autoprovd does not serve: 404) and
 * cfg&lt;mac&gt;.xml, over HTTP by default (its User-Agent carries model, version and MAC), or over
 * TFTP when set to (no User-Agent: the MAC comes from the file names).
 */
class HtekBootSequenceTest {
  static final String MAC = "001fc11c22a9";
  /** A real UC903 User-Agent (wazo-provd-plugins' Htek plugin). */
  static final String UA = "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9";

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
  void unknownUc903_boots_isDiscovered_andGetsItsAutoprovAccount() throws Exception {
    var responses = boot();

    assertThat(statuses(responses)).containsExactly(
        "/cfg0016.xml 200", "/cfg001fc11c22a9 404", "/cfg001fc11c22a9.xml 200");
    assertThat(TestServer.body(responses.get(0))).contains("<hl_provision version=\"1\">",
        "<P237 para=\"FirmwareUpGrade_ConfigServerPath\">http://127.0.0.1:" + server.server.httpPort() + "/</P237>");
    var devices = server.devices();
    assertThat(devices).hasSize(1);
    assertThat(devices.getFirst()).containsEntry("mac", "00:1f:c1:1c:22:a9").containsEntry("vendor", "Htek")
        .containsEntry("model", "UC903").containsEntry("version", "2.0.4.2")
        .containsEntry("plugin", "htek").containsEntry("tenant_uuid", Tenant.MASTER_UUID)
        .containsEntry("configured", true);
    String autoprov = server.autoprovUsername(devices.getFirst());
    assertThat(TestServer.body(responses.get(2))).contains(
        "<P35 para=\"Account1_SipUserId\">" + autoprov + "</P35>",
        "<P47 para=\"Profile1_Sipserver\">127.0.0.1:5060</P47>",
        "<P24012 para=\"RemoteControl_Sipnotify\">1</P24012>");
  }

  @Test
  void afterLinkingToAOneLineConfig_theSameBoot_servesThatLine() throws Exception {
    boot();
    String id = (String) server.devices().getFirst().get("id");
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret",
            "display_name", "Alice", "number", "1001", "proxy_ip", "10.0.0.5"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "00:1f:c1:1c:22:a9", "plugin", "htek", "config", "alice")));
    assertThat(linked.statusCode()).isEqualTo(204);

    var responses = boot();

    assertThat(statuses(responses)).containsExactly(
        "/cfg0016.xml 200", "/cfg001fc11c22a9 404", "/cfg001fc11c22a9.xml 200");
    assertThat(TestServer.body(responses.get(2))).contains("<P35 para=\"Account1_SipUserId\">1001</P35>",
        "<P34 para=\"Account1_AuthenticatePassword\">s3cret</P34>",
        "<P47 para=\"Profile1_Sipserver\">10.0.0.5</P47>", "<P3 para=\"Account1_DispalyName\">Alice</P3>")
        .doesNotContain("Autoprov");
  }

  @Test
  void anotherPhonesFile_isNotServed() throws Exception {
    boot();

    var response = server.fetch("/cfg001fc1abcdef.xml", UA);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(server.devices()).hasSize(1);
  }

  @Test
  void overTftp_withRealClients_theSameFiles_namedByTheirMacs() throws Exception {
    int port = server.server.tftpPort();

    // Without a User-Agent the common file names no phone: no plugin claims it.
    assertThatThrownBy(() -> PeerClients.curlTftp(port, "cfg0016.xml", downloads)).isInstanceOf(AssertionError.class);
    // The binary backup name is Htek's: the phone is discovered by it, and gets nothing for it.
    assertThatThrownBy(() -> PeerClients.curlTftp(port, "cfg" + MAC, downloads)).isInstanceOf(AssertionError.class);
    byte[] overTftp = PeerClients.tftpHpa(port, "cfg" + MAC + ".xml", downloads);

    var devices = server.devices();
    assertThat(devices).hasSize(1);
    assertThat(devices.getFirst()).containsEntry("mac", "00:1f:c1:1c:22:a9").containsEntry("vendor", "Htek")
        .containsEntry("plugin", "htek");
    assertThat(new String(overTftp, StandardCharsets.UTF_8))
        .contains("<P35 para=\"Account1_SipUserId\">" + server.autoprovUsername(devices.getFirst()) + "</P35>");
    // Over TFTP the model stays unknown (one account, no keys); once an HTTP request named it, both
    // transports serve the same bytes.
    assertThat(new String(overTftp, StandardCharsets.UTF_8)).contains("for unknown model").doesNotContain("<P401 ");
    byte[] overHttp = server.fetch("/cfg" + MAC + ".xml", UA).body();
    assertThat(server.devices().getFirst()).containsEntry("model", "UC903");
    assertThat(PeerClients.atftp(port, "cfg" + MAC + ".xml", downloads)).isEqualTo(overHttp);
  }

  private List<HttpResponse<byte[]>> boot() throws Exception {
    var responses = new ArrayList<HttpResponse<byte[]>>();
    for (String path : List.of("/cfg0016.xml", "/cfg" + MAC, "/cfg" + MAC + ".xml")) {
      responses.add(server.fetch(path, UA));
    }
    return responses;
  }

  private static List<String> statuses(List<HttpResponse<byte[]>> responses) {
    return responses.stream().map(r -> r.uri().getPath() + " " + r.statusCode()).toList();
  }

}
