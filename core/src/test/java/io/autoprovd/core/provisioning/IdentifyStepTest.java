package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** identification.md §3: what a request says about its sender. */
class IdentifyStepTest {
  @TempDir Path dir;
  IdentifyStep step;
  PluginCatalog catalog;

  @BeforeEach
  void setUp() throws IOException {
    Path root = Files.createDirectories(dir.resolve("yealink-test"));
    Files.writeString(root.resolve("plugin.yml"), """
        id: yealink-test
        version: 1.0.0
        vendor: Yealink
        identify:
          - user_agent: '^[yY]ealink\\s+SIP-(?<model>\\w+)\\s+(?<version>[\\d.]+)\\s+(?<mac>[\\da-fA-F:]{17})$'
          - path: '^(?<mac>(?:001565|805ec0)[0-9a-f]{6})\\.cfg$'
            without_user_agent: true
          - dhcp_vendor_class: '^yealink'
        files: []
        """);
    catalog = new PluginCatalog(List.of(PluginPack.load(root)));
    step = new IdentifyStep(catalog);
  }

  static ProvisioningRequest request(Transport transport, String userAgent) {
    Map<String, String> headers = userAgent == null ? Map.of() : Map.of("user-agent", userAgent);
    return new ProvisioningRequest("r", transport, "10.0.0.7", "/ignored", headers, Instant.EPOCH);
  }

  @Test
  void aRememberedAnswer_keepsTheRequestsOwnAddress_andAPackInstalledSinceIsAskedAtOnce() throws IOException {
    // given: a phone no pack knows, asked twice from two addresses
    String ua = "Acme Phone 1.2 0a:0b:0c:0d:0e:0f";
    var fromA = new ProvisioningRequest("r1", Transport.HTTP, "10.0.0.1", "/x", Map.of("user-agent", ua), Instant.EPOCH);
    var fromB = new ProvisioningRequest("r2", Transport.HTTP, "10.0.0.2", "/x", Map.of("user-agent", ua), Instant.EPOCH);
    assertThat(step.identify(fromA, "acme.cfg").vendor()).isNull();
    assertThat(step.identify(fromB, "acme.cfg").ip()).isEqualTo("10.0.0.2");

    // when: a pack for it is installed
    Path root = Files.createDirectories(dir.resolve("acme"));
    Files.writeString(root.resolve("plugin.yml"), """
        id: acme
        version: 1.0.0
        vendor: Acme
        identify:
          - user_agent: '^Acme Phone (?<version>[\\d.]+) (?<mac>[\\da-f:]{17})$'
        files: []
        """);
    catalog.put(PluginPack.load(root));

    // then
    assertThat(step.identify(fromA, "acme.cfg")).isEqualTo(new DeviceInfo(
        Mac.parse("0a0b0c0d0e0f"), null, null, "Acme", null, "1.2", "10.0.0.1"));
  }

  @Test
  void thePathAndTheUserAgentRulesOfOnePack_eachAddWhatTheOtherLeavesOpen() throws IOException {
    // given: a softphone named by the UUID in its path, its version in its User-Agent
    Path root = Files.createDirectories(dir.resolve("softphone"));
    Files.writeString(root.resolve("plugin.yml"), """
        id: softphone
        version: 1.0.0
        vendor: Linphone
        identify:
          - path: '^linphone/(?<uuid>[0-9a-f]{32})\\.xml$'
          - user_agent: '^Linphone(?:Desktop)?/(?<version>[\\d.]+)'
            set: { model: Linphone }
        files: []
        """);
    var softphones = new IdentifyStep(new PluginCatalog(List.of(PluginPack.load(root))));

    // when
    DeviceInfo info = softphones.identify(request(Transport.HTTP, "LinphoneDesktop/5.2.6 (Debian) LinphoneCore/5.3.0"),
        "linphone/0123456789abcdef0123456789abcdef.xml");

    // then
    assertThat(info).isEqualTo(new DeviceInfo(
        null, null, "0123456789abcdef0123456789abcdef", "Linphone", "Linphone", "5.2.6", "10.0.0.7"));
  }

  @Test
  void aPacksUserAgentRule_namesVendorModelVersionAndMac_andTheRequestGivesTheIp() {
    // when
    DeviceInfo info = step.identify(request(Transport.HTTP, "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56"),
        "y000000000028.cfg");

    // then
    assertThat(info).isEqualTo(new DeviceInfo(
        Mac.parse("001565123456"), null, null, "Yealink", "T46S", "66.86.0.15", "10.0.0.7"));
  }

  @Test
  void aRuleForRequestsWithoutUserAgent_isSkippedWhenThereIsOne() {
    // when
    DeviceInfo withUa = step.identify(request(Transport.HTTP, "curl/8.0"), "001565123456.cfg");
    DeviceInfo withoutUa = step.identify(request(Transport.TFTP, null), "001565123456.cfg");

    // then the standard rule still reads the MAC in the name, but only the pack names the vendor
    assertThat(withUa.mac()).isEqualTo(Mac.parse("001565123456"));
    assertThat(withUa.vendor()).isNull();
    assertThat(withoutUa.mac()).isEqualTo(Mac.parse("001565123456"));
    assertThat(withoutUa.vendor()).isEqualTo("Yealink");
  }

  static ProvisioningRequest leaseReport(String mac, String vendorClass) {
    var headers = new java.util.HashMap<String, String>();
    headers.put(ProvisioningRequest.DHCP_MAC, mac);
    if (vendorClass != null) {
      headers.put(ProvisioningRequest.DHCP_VENDOR_CLASS, vendorClass);
    }
    return new ProvisioningRequest("d", Transport.DHCP, "10.0.0.42", "", headers, Instant.EPOCH);
  }

  @Test
  void aLeaseReport_isReadByTheDhcpVendorClassRules_andNamesTheLeasedMacAndAddress() {
    // when
    DeviceInfo info = step.identify(leaseReport("02:00:00:00:00:01", "yealink"), null);

    // then
    assertThat(info).isEqualTo(new DeviceInfo(
        Mac.parse("02:00:00:00:00:01"), null, null, "Yealink", null, null, "10.0.0.42"));
  }

  @Test
  void aLeaseReportWithAnUnknownVendorClass_namesOnlyTheMacAndAddress() {
    // when
    DeviceInfo info = step.identify(leaseReport("02:00:00:00:00:01", "MSFT 5.0"), null);

    // then
    assertThat(info).isEqualTo(DeviceInfo.EMPTY.withMac(Mac.parse("02:00:00:00:00:01")).withIp("10.0.0.42"));
  }

  @Test
  void aPhoneRequest_carryingTheDhcpHeaders_isNotTakenForALeaseReport() {
    // given an HTTP request that sends the headers a lease report carries
    var spoofed = new ProvisioningRequest("r", Transport.HTTP, "10.0.0.7", "/x",
        Map.of(ProvisioningRequest.DHCP_VENDOR_CLASS, "yealink", ProvisioningRequest.DHCP_MAC, "02:00:00:00:00:01"),
        Instant.EPOCH);

    // when
    DeviceInfo info = step.identify(spoofed, "x");

    // then
    assertThat(info).isEqualTo(DeviceInfo.EMPTY.withIp("10.0.0.7"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "001565123456.cfg, 00:15:65:12:34:56",
      "SEP001122334455.cnf.xml, 00:11:22:33:44:55",
      "cfg0c383e07e16c.xml, 0c:38:3e:07:e1:6c",
      "config.805ec0112233.xml, 80:5e:c0:11:22:33",
      "ATA00AABBCCDDEE.cnf.xml, 00:aa:bb:cc:dd:ee",
      "0004F2ABCDEF-user.cfg, 00:04:f2:ab:cd:ef",
      "Cisco/805EC0112233.xml, 80:5e:c0:11:22:33"})
  void aMacAsTheFileName_identifiesThePhone(String path, String mac) {
    // when
    DeviceInfo info = step.identify(request(Transport.HTTP, "SomePhone/1.0"), path);

    // then
    assertThat(info.mac()).isEqualTo(Mac.parse(mac));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "000000000000.cfg", "y000000000028.cfg", "Cisco/CP-8841-3PCC/abc.cfg", "firmware.rom",
      "snomD785-000413AABBCC.htm", "0015651234567.cfg"})
  void aNameThatIsNotAMac_identifiesNobody(String path) {
    // when
    DeviceInfo info = step.identify(request(Transport.HTTP, "SomePhone/1.0"), path);

    // then
    assertThat(info).isEqualTo(DeviceInfo.EMPTY.withIp("10.0.0.7"));
  }
}
