package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grandstream boot sequences against a real server (docs/vendors/grandstream.md).
 *
 * <p>A GXP/GRP phone (HTTP, option 66 = http-uri/Grandstream) asks for {@code cfg<mac>} (the
 * proprietary binary file), then {@code cfg<mac>.xml}; only when that fails does it try
 * {@code cfg<model>.xml} and {@code cfg.xml}. An HT ATA pointed at a TFTP server asks for the same
 * two names at the root, over TFTP, without a User-Agent.
 */
class GrandstreamBootSequenceTest {
  static final String GXP_MAC = "000b82aabbcc";
  static final String GXP_UA = "Grandstream Model HW GXP2170 SW 1.0.11.74 DevId " + GXP_MAC;
  static final String ATA_MAC = "c074ad123456";

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
  void gxp2170_overHttp_isDiscovered_getsItsAutoprovAccount_thenItsLines_andNeverAnotherPhonesFile() throws Exception {
    // 1. the binary cfg<mac>: not served, the phone goes on with cfg<mac>.xml
    assertThat(server.fetch("/Grandstream/cfg" + GXP_MAC, GXP_UA).statusCode()).isEqualTo(404);
    var first = server.fetch("/Grandstream/cfg" + GXP_MAC + ".xml", GXP_UA);
    assertThat(first.statusCode()).isEqualTo(200);

    var devices = server.devices();
    assertThat(devices).hasSize(1);
    var device = devices.getFirst();
    assertThat(device).containsEntry("mac", "00:0b:82:aa:bb:cc").containsEntry("vendor", "Grandstream")
        .containsEntry("model", "GXP2170").containsEntry("version", "1.0.11.74")
        .containsEntry("plugin", "grandstream").containsEntry("configured", true);
    String autoprov = TestServer.body(first);
    assertThat(autoprov).contains("<mac>" + GXP_MAC + "</mac>", "<P271>1</P271>", "<P401>0</P401>")
        .containsPattern("<P35>ap[a-z0-9]{10}</P35>");

    // the fallbacks it would ask for if cfg<mac>.xml failed are not served
    assertThat(server.fetch("/Grandstream/cfggxp2170.xml", GXP_UA).statusCode()).isEqualTo(404);
    assertThat(server.fetch("/Grandstream/cfg.xml", GXP_UA).statusCode()).isEqualTo(404);

    // 2. a config with two lines, linked to the device
    link((String) device.get("id"), "00:0b:82:aa:bb:cc", "GXP2170", Map.of(
        "1", Map.of("username", "1001", "password", "s3cret", "display_name", "Alice", "proxy_ip", "10.0.0.5"),
        "2", Map.of("username", "1002", "password", "t0ps3cret", "display_name", "Bob", "proxy_ip", "10.0.0.5")));

    assertThat(server.fetch("/Grandstream/cfg" + GXP_MAC, GXP_UA).statusCode()).isEqualTo(404);
    String file = TestServer.body(server.fetch("/Grandstream/cfg" + GXP_MAC + ".xml", GXP_UA));
    assertThat(file).contains("<P35>1001</P35>", "<P34>s3cret</P34>", "<P47>10.0.0.5</P47>",
        "<P401>1</P401>", "<P404>1002</P404>", "<P406>t0ps3cret</P406>").doesNotContain("Autoprov");

    // 3. another phone's file, asked for by this phone, is not served
    assertThat(server.fetch("/Grandstream/cfg000b82abcdef.xml", GXP_UA).statusCode()).isEqualTo(404);
    assertThat(server.devices()).hasSize(1);
  }

  @Test
  void ht802_overTftp_withTftpHpaAndAtftp_isDiscoveredByItsFileName_thenServesBothPorts() throws Exception {
    int port = server.server.tftpPort();

    // 1. cfg<mac> (binary) is not served: TFTP error "file not found" (curl exits non-zero on it;
    //    tftp-hpa reports it but exits 0, so it cannot be asserted through PeerClients.tftpHpa)
    assertThatThrownBy(() -> PeerClients.curlTftp(port, "cfg" + ATA_MAC, downloads))
        .isInstanceOf(AssertionError.class).hasMessageContaining("exited");
    String autoprov = new String(PeerClients.tftpHpa(port, "cfg" + ATA_MAC + ".xml", downloads), StandardCharsets.UTF_8);

    var device = server.devices().getFirst();
    assertThat(device).containsEntry("mac", "c0:74:ad:12:34:56").containsEntry("vendor", "Grandstream")
        .containsEntry("plugin", "grandstream");
    assertThat(device.get("model")).isNull(); // a TFTP file name says nothing of the model
    assertThat(autoprov).contains("<mac>" + ATA_MAC + "</mac>", "<P271>1</P271>").containsPattern("<P35>ap[a-z0-9]{10}</P35>");

    // 2. the administrator names the model and links a two-line config: one account per FXS port
    link((String) device.get("id"), "c0:74:ad:12:34:56", "HT802", Map.of(
        "1", Map.of("username", "2001", "password", "fxs1pw", "display_name", "Fax", "proxy_ip", "10.0.0.5"),
        "2", Map.of("username", "2002", "password", "fxs2pw", "display_name", "Door", "proxy_ip", "10.0.0.5")));
    byte[] overHpa = PeerClients.tftpHpa(port, "cfg" + ATA_MAC + ".xml", downloads);
    String ports = new String(overHpa, StandardCharsets.UTF_8);
    assertThat(ports).contains("<P35>2001</P35>", "<P34>fxs1pw</P34>", "<P47>10.0.0.5</P47>",
        "<P401>1</P401>", "<P735>2002</P735>", "<P734>fxs2pw</P734>", "<P747>10.0.0.5</P747>");
    // atftp (blksize 1428, windowsize 16) gets the same bytes, and so does HTTP
    assertThat(PeerClients.atftp(port, "cfg" + ATA_MAC + ".xml", downloads)).isEqualTo(overHpa);
    assertThat(server.fetch("/Grandstream/cfg" + ATA_MAC + ".xml",
        "Grandstream Model HW HT802 V2.1A SW 1.0.27.2 DevId " + ATA_MAC).body()).isEqualTo(overHpa);

    // 3. a name no installed pack claims is not served and makes no device
    assertThatThrownBy(() -> PeerClients.curlTftp(port, "cfg020000123456.xml", downloads))
        .isInstanceOf(AssertionError.class).hasMessageContaining("exited");
    assertThat(server.devices()).hasSize(1);
  }

  private void link(String id, String mac, String model, Map<String, Object> lines) throws Exception {
    String configId = "cfg-" + id;
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", configId, "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", lines))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", mac, "vendor", "Grandstream", "model", model, "plugin", "grandstream", "config", configId)));
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(204);
  }

}
