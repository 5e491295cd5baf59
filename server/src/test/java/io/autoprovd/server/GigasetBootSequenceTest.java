package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gigaset DECT bases booting over real HTTP with their real User-Agents. An Nx70 base (N670/N870)
 * asks its provisioning server for {@code <mac>.xml}; an N510 asks its data server for Gigaset's
 * firmware index {@code 42/2/master.bin} (which autoprovd does not serve: 404) and fetches its
 * profile {@code <MAC>.xml} from the URL it was given (Gigaset's redirect service or its web UI).
 * Unknown bases are discovered and get one autoprov handset; once linked to a config, the same
 * request serves the config's lines; another base's file is 404.
 */
class GigasetBootSequenceTest {
  static final String N870_UA = "Gigaset N870 IP PRO/83.V2.49.1+build.d2d8ee9;7C2F80E0D605";
  static final String N870_FILE = "/7c2f80e0d605.xml";
  static final String N510_UA = "N510 IP PRO/42.250.00.000.000;7C2F804DF9A9";
  static final String N510_FILE = "/7C2F804DF9A9.xml";

  @TempDir Path dataDir;
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
  void unknownN870_isDiscovered_andItsFileAddsOneAutoprovHandset() throws Exception {
    var response = server.fetch(N870_FILE, N870_UA);

    assertThat(response.statusCode()).isEqualTo(200);
    var device = server.onlyDevice();
    assertThat(device).containsEntry("mac", "7c:2f:80:e0:d6:05").containsEntry("vendor", "Gigaset")
        .containsEntry("model", "N870 IP PRO").containsEntry("version", "83.V2.49.1")
        .containsEntry("plugin", "gigaset").containsEntry("configured", true);
    assertThat(TestServer.body(response)).startsWith("<?xml").contains("<provisioning version=\"1.1\" productID=\"e2\">")
        .contains("<oper name=\"add_hs\" value=\"00001\">", "<param name=\"hs.00001.DECT_AC\" value=\"0000\"/>")
        .containsPattern("<param name=\"SipAccount.00001.UserName\" value=\"ap[a-z0-9]{10}\"/>")
        .doesNotContain("SipAccount.00002");
  }

  @Test
  void afterLinkingToATwoLineConfig_theN870sSameRequest_servesTwoHandsets() throws Exception {
    server.fetch(N870_FILE, N870_UA);
    link(server.onlyDevice(), "7c:2f:80:e0:d6:05");

    String file = TestServer.body(server.fetch(N870_FILE, N870_UA));

    assertThat(file).contains("<param name=\"SipAccount.00001.UserName\" value=\"1001\"/>",
        "<param name=\"SipAccount.00001.AuthPassword\" value=\"s3cret\"/>",
        "<param name=\"hs.00001.DECT_AC\" value=\"1001\"/>",
        "<param name=\"SipAccount.00002.UserName\" value=\"1002\"/>",
        "<param name=\"SipProvider.0.RegServerAddress\" value=\"10.0.0.5\"/>")
        .doesNotContain("Autoprov");
  }

  @Test
  void anotherBasesFile_is404_evenToAKnownBase() throws Exception {
    server.fetch(N870_FILE, N870_UA);

    assertThat(server.fetch("/7c2f80e0d606.xml", N870_UA).statusCode()).isEqualTo(404);
    assertThat(server.fetch("/7C2F80E0D606.xml", N870_UA).statusCode()).isEqualTo(404);
    assertThat(server.devices()).hasSize(1);
  }

  @Test
  void n510_firmwareIndexIs404_itsProfileIsItsProviderFrame_andAfterLinkingItsAccounts() throws Exception {
    assertThat(server.fetch("/42/2/master.bin", N510_UA).statusCode()).isEqualTo(404);

    var first = server.fetch(N510_FILE, N510_UA);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(server.onlyDevice()).containsEntry("mac", "7c:2f:80:4d:f9:a9").containsEntry("model", "N510 IP PRO")
        .containsEntry("version", "42.250.00.000.000").containsEntry("plugin", "gigaset");
    assertThat(TestServer.body(first)).contains("<ProviderFrame", "<MAC_ADDRESS value=\"7C2F804DF9A9\"/>",
        "<SYMB_ITEM ID=\"BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_1\" class=\"symb_item\" value=\"0x1\"/>",
        "<SYMB_ITEM ID=\"BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_2\" class=\"symb_item\" value=\"0x0\"/>");

    link(server.onlyDevice(), "7c:2f:80:4d:f9:a9");
    String linked = TestServer.body(server.fetch(N510_FILE, N510_UA));

    assertThat(linked).contains(
        "<SYMB_ITEM ID=\"BS_IP_Data1.aucS_SIP_USER_ID\" class=\"symb_item\" value='\"1001\"'/>",
        "<SYMB_ITEM ID=\"BS_IP_Data1.aucS_SIP_PASSWORD_2\" class=\"symb_item\" value='\"0ther\"'/>",
        "<SYMB_ITEM ID=\"BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_2\" class=\"symb_item\" value=\"0x1\"/>")
        .doesNotContain("Autoprov");
    assertThat(server.fetch("/7C2F804DF9AA.xml", N510_UA).statusCode()).isEqualTo(404);
  }

  private void link(Map<String, Object> device, String mac) throws Exception {
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "dect", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of(
            "1", Map.of("username", "1001", "number", "1001", "password", "s3cret", "display_name", "Alice",
                "proxy_ip", "10.0.0.5"),
            "2", Map.of("username", "1002", "number", "1002", "password", "0ther", "display_name", "Bob",
                "proxy_ip", "10.0.0.5"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + device.get("id"), Map.of("device", Map.of(
        "mac", mac, "plugin", "gigaset", "config", "dect")));
    assertThat(linked.statusCode()).isEqualTo(204);
  }

}
