package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.PeerClients;
import io.autoprovd.core.device.Mac;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discovery log: what phones no plugin claims ask for, grouped by device, bounded. */
class DiscoveryLogTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dataDir;
  @TempDir Path downloads;

  static DiscoveryLog.Sighting at(int second, String ip, String mac, String channel, String path, String ua, String vc) {
    return new DiscoveryLog.Sighting(T0.plusSeconds(second), ip, mac == null ? null : Mac.parse(mac), channel, path,
        ua, vc);
  }

  @Test
  void sightings_areGroupedByMac_andAnAddressSeenWithAMacJoinsIt() {
    // given a lease with a MAC, then fetches from the same address without one, and another phone
    var log = new DiscoveryLog(100, InstantSource.fixed(T0));
    log.record(at(0, "10.0.0.7", "00:04:13:aa:bb:cc", "dhcp", null, null, "snom-D785"));
    log.record(at(1, "10.0.0.7", null, "tftp", "snomD785.htm", null, null));
    log.record(at(2, "10.0.0.7", null, "http", "snomD785-000413AABBCC.htm", "Mozilla/4.0 (compatible; snomD785-SIP 10.1)", null));
    log.record(at(3, "10.0.0.9", null, "http", "boot.cfg", "Foo/1.0", null));

    // when
    List<DiscoveryLog.Device> devices = log.byDevice();

    // then
    assertThat(devices).extracting(DiscoveryLog.Device::key).containsExactly("ip:10.0.0.9", "00:04:13:aa:bb:cc");
    var snom = devices.get(1);
    assertThat(snom.count()).isEqualTo(3);
    assertThat(snom.transports()).containsExactly("dhcp", "tftp", "http");
    assertThat(snom.vendorClasses()).containsExactly("snom-D785");
    assertThat(snom.userAgents()).containsExactly("Mozilla/4.0 (compatible; snomD785-SIP 10.1)");
    assertThat(snom.requests()).extracting(DiscoveryLog.Sighting::path)
        .containsExactly(null, "snomD785.htm", "snomD785-000413AABBCC.htm");
    assertThat(snom.firstSeen()).isEqualTo(T0);
    assertThat(snom.lastSeen()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void theLogIsBounded_theOldestSightingsLeaveFirst() {
    var log = new DiscoveryLog(3, InstantSource.fixed(T0));
    for (int i = 0; i < 10; i++) {
      log.record(at(i, "10.0.0." + i, null, "http", "f" + i, null, null));
    }
    assertThat(log.sightings()).extracting(DiscoveryLog.Sighting::path).containsExactly("f7", "f8", "f9");
  }

  @Test
  void whatPhonesSend_isKeptPrintableAndShort() {
    var s = at(0, "10.0.0.1", null, "http", "a\u0000b\nc", "x".repeat(1000), null);
    assertThat(s.path()).isEqualTo("a?b?c");
    assertThat(s.userAgent()).hasSize(300);
  }

  @Test
  void aDhcpLeaseOfAnUnknownVendor_isRecordedThroughTheApiTheDhcpGlueCalls() {
    var log = new DiscoveryLog(10, InstantSource.fixed(T0));
    log.dhcpLease("10.0.0.30", Mac.parse("00:1a:2b:3c:4d:5e"), "Zorglub-ZX");
    assertThat(log.byDevice().getFirst().toJson()).containsEntry("mac", "00:1a:2b:3c:4d:5e")
        .containsEntry("vendor_classes", List.of("Zorglub-ZX")).containsEntry("transports", List.of("dhcp"));
  }

  @Test
  void phoneRequestsNoPluginClaims_overHttpAndTftp_areShownByTheApiGroupedByDevice() throws Exception {
    try (var server = Server.start(dataDir)) {
      // given an unknown phone asks over HTTP, then over TFTP, then a Yealink (claimed) asks too
      server.fetch("/cfg/0004f2aabbcc.cfg", "Foophone FP-1 1.2.3");
      try {
        PeerClients.curlTftp(server.autoprovd.tftpPort(), "fp1-boot.bin", downloads);
      } catch (AssertionError notFound) {
        // curl exits non-zero on the TFTP error the server answers: expected
      }
      server.fetch("/001565123456.cfg", "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56");

      // when
      @SuppressWarnings("unchecked")
      var devices = (List<Map<String, Object>>) server.json("/0.2/pg_mgr/discovery").get("devices");

      // then one device, by its MAC, with what it asked for and how it named itself
      assertThat(devices).hasSize(1);
      var device = devices.getFirst();
      assertThat(device).containsEntry("mac", "00:04:f2:aa:bb:cc").containsEntry("count", 2)
          .containsEntry("user_agents", List.of("Foophone FP-1 1.2.3"))
          .containsEntry("transports", List.of("http", "tftp"));
      @SuppressWarnings("unchecked")
      var requests = (List<Map<String, Object>>) device.get("requests");
      assertThat(requests).extracting(r -> r.get("path")).containsExactly("/cfg/0004f2aabbcc.cfg", "fp1-boot.bin");
      assertThat(requests).extracting(r -> r.get("ip")).containsOnly("127.0.0.1");

      // and the CLI shows the same, then clears the log
      var shown = PackToolingTest.cli("plugin", "discovered", "--url", "http://127.0.0.1:" + server.autoprovd.restPort(),
          "--data-dir", dataDir.toString(), "--clear");
      assertThat(shown.code()).as(shown.err()).isZero();
      assertThat(shown.out()).startsWith("00:04:f2:aa:bb:cc  (2 requests, ")
          .contains("  user agents:    Foophone FP-1 1.2.3\n").contains("  http  /cfg/0004f2aabbcc.cfg\n")
          .contains("  tftp  fp1-boot.bin\n");
      assertThat(server.json("/0.2/pg_mgr/discovery/sightings").get("sightings")).isEqualTo(List.of());
    }
  }
}
