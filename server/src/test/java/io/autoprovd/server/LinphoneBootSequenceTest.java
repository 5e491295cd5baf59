package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Linphone client's boot over real HTTP: when its core starts, liblinphone fetches the one file
 * its {@code [misc] config-uri} names, {@code /linphone/<uuid>.xml}, nothing else. A client with a
 * fresh configuration sends {@code User-Agent: Unknown} (liblinphone sets the application's
 * User-Agent only after that fetch; observed with Debian's linphonec 5.1.65), a client that ran
 * before sends its own ({@code Linphonec/5.1.65}). The UUID in the path is the client's identity.
 */
class LinphoneBootSequenceTest {
  static final String UUID_A = "3f2504e04f8911d39a0c0305e82c3301";
  static final String UUID_B = "0f8fad5bd9cb469fa16570867728950e";
  static final String FIRST_START_UA = "Unknown";
  static final String LINPHONEC_UA = "Linphonec/5.1.65";

  @TempDir Path dataDir;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anUnknownClient_isDiscoveredByTheUuidOfItsConfigUri_andGetsItsOwnAutoprovAccount() throws Exception {
    server = TestServer.start(dataDir);

    var response = server.fetch("/linphone/" + UUID_A + ".xml", FIRST_START_UA);

    assertThat(response.statusCode()).isEqualTo(200);
    var devices = server.devices();
    assertThat(devices).hasSize(1);
    assertThat(devices.getFirst()).containsEntry("uuid", UUID_A).containsEntry("vendor", "Linphone")
        .containsEntry("model", "Linphone").containsEntry("plugin", "linphone")
        .containsEntry("tenant_uuid", Tenant.MASTER_UUID).containsEntry("configured", true)
        .containsEntry("ip", "127.0.0.1").doesNotContainKey("mac");
    String body = TestServer.body(response);
    assertThat(body).startsWith("<?xml").contains("<section name=\"proxy_0\">", "<section name=\"auth_info_0\">")
        .containsPattern("<entry name=\"username\" overwrite=\"true\">ap[a-z0-9]{10}</entry>")
        .contains("&quot;Autoprov&quot;")
        .contains("<entry name=\"media_encryption\" overwrite=\"true\">none</entry>");
  }

  @Test
  void afterLinkingToATwoLineConfig_theNextStart_getsBothAccounts() throws Exception {
    server = TestServer.start(dataDir);
    server.fetch("/linphone/" + UUID_A + ".xml", FIRST_START_UA);
    String id = (String) server.devices().getFirst().get("id");

    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_transport", "tcp", "sip_lines", Map.of(
            "1", Map.of("username", "1001", "password", "s3cret", "display_name", "Alice", "proxy_ip", "10.0.0.5"),
            "2", Map.of("username", "1002", "password", "0ther", "display_name", "Desk", "proxy_ip", "10.0.0.6"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "uuid", UUID_A, "plugin", "linphone", "config", "alice")));
    assertThat(linked.statusCode()).isEqualTo(204);

    var response = server.fetch("/linphone/" + UUID_A + ".xml", LINPHONEC_UA);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(response))
        .contains("<entry name=\"reg_proxy\" overwrite=\"true\">&lt;sip:10.0.0.5;transport=tcp&gt;</entry>")
        .contains("<entry name=\"reg_proxy\" overwrite=\"true\">&lt;sip:10.0.0.6;transport=tcp&gt;</entry>")
        .contains("<entry name=\"passwd\" overwrite=\"true\">s3cret</entry>")
        .contains("<entry name=\"passwd\" overwrite=\"true\">0ther</entry>")
        .doesNotContain("Autoprov");
    // The path rule identifies the client, so its User-Agent's version is not read (docs/vendors/linphone.md).
    assertThat(server.devices().getFirst()).containsEntry("uuid", UUID_A).containsEntry("config", "alice");
  }

  @Test
  void aPathThatIsNotAConfigUriOfThePack_is404_andMakesNoDevice() throws Exception {
    server = TestServer.start(dataDir);

    assertThat(server.fetch("/linphone/not-a-uuid.xml", FIRST_START_UA).statusCode()).isEqualTo(404);
    assertThat(server.fetch("/linphone/" + UUID_A.toUpperCase() + ".xml", LINPHONEC_UA).statusCode()).isEqualTo(404);
    assertThat(server.fetch("/linphone/" + UUID_A + ".cfg", LINPHONEC_UA).statusCode()).isEqualTo(404);
    assertThat(server.devices()).isEmpty();
  }

  /**
   * Softphones share addresses (a PC, an office NAT): with {@code provisioning.nat} on, an address
   * never identifies a device, and each client gets the file of its own UUID only.
   */
  @Test
  void twoClientsBehindOneAddress_eachGetTheFileOfTheirOwnUuid() throws Exception {
    server = TestServer.start(dataDir, Map.of("provisioning.nat", "true"));
    server.fetch("/linphone/" + UUID_A + ".xml", FIRST_START_UA);
    String idA = (String) server.devices().getFirst().get("id");
    server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of(
            "1", Map.of("username", "1001", "password", "s3cret", "proxy_ip", "10.0.0.5"))))));
    server.rest("PUT", "/0.2/dev_mgr/devices/" + idA, Map.of("device", Map.of(
        "uuid", UUID_A, "plugin", "linphone", "config", "alice")));
    assertThat(TestServer.body(server.fetch("/linphone/" + UUID_A + ".xml", LINPHONEC_UA))).contains("s3cret");

    var b = server.fetch("/linphone/" + UUID_B + ".xml", FIRST_START_UA);

    assertThat(b.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(b)).doesNotContain("s3cret", "1001").contains("&quot;Autoprov&quot;");
    assertThat(server.devices()).extracting(d -> d.get("uuid")).containsExactlyInAnyOrder(UUID_A, UUID_B);
    assertThat(TestServer.body(server.fetch("/linphone/" + UUID_A + ".xml", LINPHONEC_UA))).contains("s3cret");
  }

}
