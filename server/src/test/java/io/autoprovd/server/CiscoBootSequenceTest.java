package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cisco multiplatform phones and two-port ATAs booting against a real server, over their real
 * transports (docs/vendors/cisco-mpp.md, cisco-ata.md):
 *
 * <ul>
 *   <li>A factory MPP phone evaluates its Profile_Rule "/$PSN.xml" ($PSN = "8841-3PCC") against
 *       the server DHCP option 66 names: over TFTP when it is an address (tftp-hpa here), over HTTP
 *       with its User-Agent when it is a URL. The file it gets points Profile_Rule at this server
 *       over HTTP and adds Profile_Rule_B (mpp-defaults.xml) and Profile_Rule_C ($MA.xml), which the
 *       phone then fetches over HTTP with its User-Agent, in that order.
 *   <li>A factory ATA fetches "/spa$PSN.cfg" or "/ata$PSN.cfg" over TFTP (tftp-hpa and atftp here),
 *       then Profile_Rule_B ($MA.xml) over HTTP.
 * </ul>
 *
 * Each profile rule is followed as the device would: the URL is read from the file it just got and
 * its macros ($PSN, $MA) are expanded.
 */
class CiscoBootSequenceTest {
  // MPP: the User-Agent format of wazo-provd-plugins' Cisco plugin ("Cisco-CP-7832-3PCC/11.0.1 (00562b043615)")
  static final String MPP_MAC = "00562b043615";
  static final String MPP_PSN = "8841-3PCC";
  static final String MPP_UA = "Cisco-CP-8841-3PCC/11.3.7 (00562b043615)";
  // ATA191 (multiplatform): serial number only in the User-Agent, the MAC comes from $MA.xml
  static final String ATA_MAC = "88755a2f6f50";
  static final String ATA191_UA = "Cisco/ATA191-MPP-11-1-0-MSR4 (FCH2443D9R4)";
  // SPA112 (Small Business firmware): MAC and serial number in the User-Agent
  static final String SPA_MAC = "88755a2f6f51";
  static final String SPA112_UA = "Cisco/SPA112-1.4.1(SR5) (88755A2F6F51)(CCQ16210BJE)";

  private static final Pattern PARAM = Pattern.compile("<(Profile_Rule(?:_[BCD])?)>([^<]*)</\\1>");

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

  // ---- MPP phones

  @Test
  void factoryMppPhone_withATftpServerInOption66_fetchesItsModelFileOverTftp_thenItsProfilesOverHttp() throws Exception {
    byte[] modelFile = PeerClients.tftpHpa(server.server.tftpPort(), "/" + MPP_PSN + ".xml", downloads);
    var rules = rules(text(modelFile));
    assertThat(rules.get("Profile_Rule")).isEqualTo(base() + "/$PSN.xml");
    assertThat(server.devices()).as("a TFTP name without a MAC makes no device").isEmpty();

    var defaults = fetch(rules.get("Profile_Rule_B"), MPP_UA, MPP_MAC);
    assertThat(defaults.statusCode()).isEqualTo(200);
    assertThat(text(defaults.body())).contains("<Resync_From_SIP>Yes</Resync_From_SIP>");

    var own = fetch(rules.get("Profile_Rule_C"), MPP_UA, MPP_MAC);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.uri().getPath()).isEqualTo("/" + MPP_MAC + ".xml");

    var device = server.onlyDevice();
    assertThat(device).containsEntry("mac", "00:56:2b:04:36:15").containsEntry("vendor", "Cisco")
        .containsEntry("model", "8841").containsEntry("version", "11.3.7").containsEntry("plugin", "cisco-mpp")
        .containsEntry("configured", true);
    assertThat(text(own.body())).contains("<Line_Enable_1_>Yes</Line_Enable_1_>",
        "<User_ID_1_>" + server.autoprovUsername(device) + "</User_ID_1_>", "<Line_Enable_2_>No</Line_Enable_2_>");
  }

  @Test
  void factoryMppPhone_withAUrlInOption66_triesTheBareUrl_thenPsnXml_overHttp() throws Exception {
    // Cisco's order for a URL option: <url>, then <url>/$PSN.xml, then <url>/Cisco/$PN/$MA.cfg
    var bare = server.fetch("/", MPP_UA);
    assertThat(bare.statusCode()).as("nothing is served at the root; the phone tries its next candidate").isEqualTo(404);
    var modelFile = server.fetch("/" + MPP_PSN + ".xml", MPP_UA);
    assertThat(modelFile.statusCode()).isEqualTo(200);
    var rules = rules(text(modelFile.body()));

    assertThat(fetch(rules.get("Profile_Rule_B"), MPP_UA, MPP_MAC).statusCode()).isEqualTo(200);
    var own = fetch(rules.get("Profile_Rule_C"), MPP_UA, MPP_MAC);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(text(own.body())).contains("<User_ID_1_>" + server.autoprovUsername(server.onlyDevice()) + "</User_ID_1_>");
  }

  @Test
  void afterLinkingToATwoLineConfig_theResyncOverHttpServesTheLines() throws Exception {
    bootMppOverTftp();
    String id = (String) server.onlyDevice().get("id");
    String guest = server.autoprovUsername(server.onlyDevice());
    createConfig("alice", Map.of(
        "1", Map.of("username", "1001", "password", "s3cret", "display_name", "Alice", "proxy_ip", "10.0.0.5"),
        "2", Map.of("username", "1002", "password", "s3cret2", "display_name", "Alice 2", "proxy_ip", "10.0.0.5")));
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "00:56:2b:04:36:15", "vendor", "Cisco", "model", "8841", "plugin", "cisco-mpp", "config", "alice")));
    assertThat(linked.statusCode()).isEqualTo(204);

    // check-sync: the phone runs its profile rules again, now all over HTTP
    var modelFile = server.fetch("/" + MPP_PSN + ".xml", MPP_UA);
    assertThat(modelFile.statusCode()).isEqualTo(200);
    var rules = rules(text(modelFile.body()));
    assertThat(fetch(rules.get("Profile_Rule_B"), MPP_UA, MPP_MAC).statusCode()).isEqualTo(200);
    String own = text(fetch(rules.get("Profile_Rule_C"), MPP_UA, MPP_MAC).body());
    assertThat(own).contains("<User_ID_1_>1001</User_ID_1_>", "<Password_1_>s3cret</Password_1_>",
        "<Proxy_1_>10.0.0.5</Proxy_1_>", "<User_ID_2_>1002</User_ID_2_>", "<Line_Enable_2_>Yes</Line_Enable_2_>");
    assertThat(own).doesNotContain(guest, "Autoprov");

    // a phone still following DHCP gets the same model file over TFTP: it is the known device by its address
    assertThat(PeerClients.tftpHpa(server.server.tftpPort(), "/" + MPP_PSN + ".xml", downloads))
        .isEqualTo(modelFile.body());
  }

  @Test
  void filesThePhoneMayAskForButWeDoNotServe_andAnotherPhonesFile_are404() throws Exception {
    bootMppOverTftp();
    // the factory rule's last fallback, only tried when $PSN.xml fails
    assertThat(server.fetch("/Cisco/CP-8841-3PCC/" + MPP_MAC + ".cfg", MPP_UA).statusCode()).isEqualTo(404);
    // another phone's profile, asked for by this phone
    assertThat(server.fetch("/00562b0436ff.xml", MPP_UA).statusCode()).isEqualTo(404);
    assertThat(server.fetch("/" + MPP_MAC + ".xml", MPP_UA).statusCode()).isEqualTo(200);
    // and over TFTP, where the requester is known by its address only: an error packet (atftp exits non-zero)
    assertThatThrownBy(() -> PeerClients.atftp(server.server.tftpPort(), "/00562b0436ff.xml", downloads))
        .isInstanceOf(AssertionError.class);
    assertThat(server.devices()).hasSize(1);
  }

  // ---- two-port ATAs

  @Test
  void factoryAta191_fetchesAtaPsnCfgOverTftp_thenItsProfileOverHttp_andIsKnownByMacAndSerial() throws Exception {
    byte[] common = PeerClients.tftpHpa(server.server.tftpPort(), "/ata191.cfg", downloads);
    var rules = rules(text(common));
    assertThat(rules.get("Profile_Rule")).isEqualTo(base() + "/ata$PSN.cfg");
    assertThat(server.devices()).isEmpty();

    var own = fetch(rules.get("Profile_Rule_B"), ATA191_UA, ATA_MAC);
    assertThat(own.statusCode()).isEqualTo(200);
    var device = server.onlyDevice();
    assertThat(device).containsEntry("mac", "88:75:5a:2f:6f:50").containsEntry("sn", "FCH2443D9R4")
        .containsEntry("vendor", "Cisco").containsEntry("model", "ATA191").containsEntry("version", "11-1-0-MSR4")
        .containsEntry("plugin", "cisco-ata");
    assertThat(text(own.body())).contains("<User_ID_1_>" + server.autoprovUsername(device) + "</User_ID_1_>",
        "<Line_Enable_2_>No</Line_Enable_2_>");
  }

  @Test
  void factorySpa112_fetchesSpaPsnCfgWithAtftp_andBothPortsGetTheirLinesOnceLinked() throws Exception {
    byte[] common = PeerClients.atftp(server.server.tftpPort(), "/spa112.cfg", downloads);
    assertThat(common).isEqualTo(PeerClients.tftpHpa(server.server.tftpPort(), "/spa112.cfg", downloads));
    var rules = rules(text(common));
    assertThat(rules.get("Profile_Rule")).isEqualTo(base() + "/spa$PSN.cfg");
    assertThat(fetch(rules.get("Profile_Rule_B"), SPA112_UA, SPA_MAC).statusCode()).isEqualTo(200);
    var device = server.onlyDevice();
    assertThat(device).containsEntry("mac", "88:75:5a:2f:6f:51").containsEntry("model", "SPA112")
        .containsEntry("version", "1.4.1(SR5)").containsEntry("sn", "CCQ16210BJE").containsEntry("plugin", "cisco-ata");

    createConfig("frontdesk", Map.of(
        "1", Map.of("username", "2001", "password", "fax1", "display_name", "Fax", "proxy_ip", "10.0.0.5"),
        "2", Map.of("username", "2002", "password", "door2", "display_name", "Door", "proxy_ip", "10.0.0.5")));
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + device.get("id"), Map.of("device", Map.of(
        "mac", "88:75:5a:2f:6f:51", "vendor", "Cisco", "model", "SPA112", "plugin", "cisco-ata", "config", "frontdesk")));
    assertThat(linked.statusCode()).isEqualTo(204);

    // check-sync: Profile_Rule (now HTTP), then Profile_Rule_B
    var again = server.fetch("/spa112.cfg", SPA112_UA);
    assertThat(again.statusCode()).isEqualTo(200);
    String own = text(fetch(rules(text(again.body())).get("Profile_Rule_B"), SPA112_UA, SPA_MAC).body());
    assertThat(own).contains("<User_ID_1_>2001</User_ID_1_>", "<User_ID_2_>2002</User_ID_2_>",
        "<Line_Enable_2_>Yes</Line_Enable_2_>", "<Proxy_2_>10.0.0.5</Proxy_2_>");
    assertThat(server.fetch("/88755a2f6f50.xml", SPA112_UA).statusCode()).as("another adapter's profile").isEqualTo(404);
  }

  // ---- helpers

  private void bootMppOverTftp() throws Exception {
    var rules = rules(text(PeerClients.tftpHpa(server.server.tftpPort(), "/" + MPP_PSN + ".xml", downloads)));
    assertThat(fetch(rules.get("Profile_Rule_B"), MPP_UA, MPP_MAC).statusCode()).isEqualTo(200);
    assertThat(fetch(rules.get("Profile_Rule_C"), MPP_UA, MPP_MAC).statusCode()).isEqualTo(200);
  }

  private void createConfig(String id, Map<String, Object> lines) throws Exception {
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", id, "parent_ids", List.of("base", "defaultconfigdevice"), "raw_config", Map.of("sip_lines", lines))));
    assertThat(created.statusCode()).isEqualTo(201);
  }

  /** The profile rules a flat profile sets. */
  private static Map<String, String> rules(String profile) {
    var found = new java.util.LinkedHashMap<String, String>();
    var m = PARAM.matcher(profile);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  /** Follows a profile rule as the device does: its macros expanded, over HTTP with its User-Agent. */
  private HttpResponse<byte[]> fetch(String rule, String userAgent, String mac) throws Exception {
    assertThat(rule).as("profile rule").startsWith(base() + "/");
    String url = rule.replace("$MA", mac).replace("$PSN", MPP_PSN);
    return server.fetch(URI.create(url).getPath(), userAgent);
  }

  private String base() {
    return "http://127.0.0.1:" + server.server.httpPort();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
