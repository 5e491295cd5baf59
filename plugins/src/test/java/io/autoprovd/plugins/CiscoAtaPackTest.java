package io.autoprovd.plugins;

import static io.autoprovd.plugins.CiscoProfiles.byDhcp;
import static io.autoprovd.plugins.CiscoProfiles.byTftp;
import static io.autoprovd.plugins.CiscoProfiles.byUserAgent;
import static io.autoprovd.plugins.CiscoProfiles.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FeatureMatrix;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Cisco two-port ATA pack (SPA112/SPA122, ATA191/ATA192): identification, files, golden profiles. */
class CiscoAtaPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("cisco-ata");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  static Fixture fixture(String name) {
    return GOLDEN.fixture(name);
  }

  static Map<String, String> macXml(String fixtureName) {
    Fixture f = fixture(fixtureName);
    return params(GOLDEN.render(f.device().mac().compact() + ".xml", f));
  }

  static String commonName(Fixture fixture) {
    return fixture.device().model().toLowerCase(java.util.Locale.ROOT) + ".cfg";
  }

  // ---- golden files, well-formed XML (Cisco publishes no XSD for flat profiles)

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macXml_isAWellFormedFlatProfile_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = GOLDEN.render(fixture.device().mac().compact() + ".xml", fixture);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").doesNotContain("{{", "{%", "{#");
    var p = params(xml);
    assertThat(p).containsKeys("Line_Enable_1_", "Line_Enable_2_").doesNotContainKey("Line_Enable_3_");
    GOLDEN.assertGolden(fixture, "xml", xml);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void commonFile_pointsTheProfileRulesHere_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = GOLDEN.render(commonName(fixture), fixture);
    var p = params(xml);
    String family = commonName(fixture).substring(0, 3);
    assertThat(p).containsEntry("Profile_Rule", "http://10.0.0.10:8667/" + family + "$PSN.cfg")
        .containsEntry("Profile_Rule_B", "http://10.0.0.10:8667/$MA.xml")
        .containsEntry("Resync_From_SIP", "Yes");
    GOLDEN.assertGolden(fixture, "cfg", xml);
  }

  @Test
  void fixtures_coverTheBriefsCases() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    var all = String.join("\n", fixtures().stream().map(f -> f.rawConfig().toString()).toList());
    assertThat(all).contains("Europe/Paris", "Australia/Sydney", "America/Sao_Paulo", "sip_backup_registrar_ip",
        "number=autoprov");
    assertThat(fixtures().stream().map(f -> f.device().model()).distinct())
        .contains("SPA112", "SPA122", "ATA191", "ATA192");
  }

  // ---- what the profiles say

  @Test
  void eachFxsPort_isItsOwnLine() {
    var p = macXml("two-ports-paris");
    assertThat(p).containsEntry("Line_Enable_1_", "Yes").containsEntry("User_ID_1_", "door")
        .containsEntry("Line_Enable_2_", "Yes").containsEntry("User_ID_2_", "fax")
        .containsEntry("Display_Name_2_", "Fax & scanner").containsEntry("DTMF_Tx_Method_2_", "InBand")
        .containsEntry("DTMF_Tx_Method_1_", "INFO");
    var second = macXml("no-dst-sao-paulo");
    assertThat(second).containsEntry("Line_Enable_1_", "No").containsEntry("User_ID_1_", "")
        .containsEntry("Line_Enable_2_", "Yes").containsEntry("User_ID_2_", "shop")
        .containsEntry("SIP_Transport_2_", "TCP").containsEntry("DTMF_Tx_Method_2_", "AVT");
  }

  @Test
  void backupRegistrar_isAFailoverListInTheProxyField() {
    var p = macXml("backup-registrar-proxy");
    assertThat(p).containsEntry("Proxy_1_", "10.0.0.1:SRV=10.0.0.1:5060:p=0|10.0.1.1:5060:p=1")
        .containsEntry("Use_DNS_SRV_1_", "Yes").containsEntry("Outbound_Proxy_1_", "10.0.0.2")
        .containsEntry("Outbound_Proxy_2_", "sbc.example.net:5065");
    assertThat(macXml("utc-tls")).containsEntry("SIP_Transport_1_", "TLS").containsEntry("Proxy_1_", "10.0.0.1")
        .containsEntry("Use_DNS_SRV_1_", "No");
  }

  @Test
  void timeZones_useCiscosRule_inBothHemispheres() {
    assertThat(macXml("two-ports-paris")).containsEntry("Time_Zone", "GMT+01:00")
        .containsEntry("Daylight_Saving_Time_Rule", "start=3/-1/7/2:00:00;end=10/-1/7/3:00:00;save=1:00:00");
    assertThat(macXml("one-port-sydney")).containsEntry("Time_Zone", "GMT+10:00")
        .containsEntry("Daylight_Saving_Time_Rule", "start=10/1/7/2:00:00;end=4/1/7/3:00:00;save=1:00:00");
    assertThat(macXml("no-dst-sao-paulo")).containsEntry("Time_Zone", "GMT-03:00")
        .containsEntry("Daylight_Saving_Time_Enable", "No");
    assertThat(macXml("backup-registrar-proxy")).containsEntry("Time_Zone", "GMT-06:00")
        .containsEntry("Daylight_Saving_Time_Rule", "start=3/8/7/2:00:00;end=11/1/7/2:00:00;save=1:00:00");
    assertThat(macXml("utc-tls")).containsEntry("Time_Zone", "GMT").containsEntry("Primary_NTP_Server", "");
  }

  @Test
  void autoprovPort_registersTheGuestAccount() {
    assertThat(macXml("autoprov")).containsEntry("User_ID_1_", "apq8x2k4r2").containsEntry("Password_1_", "autoprov")
        .containsEntry("Line_Enable_2_", "No");
  }

  // ---- identification (real strings; sources in docs/vendors/cisco-ata.md)

  @Test
  void identifies_theFactoryProfileRuleNames_overTftp() {
    // SPA100 series administration guide: Profile Rule default "/spa$PSN.cfg"; ATA 191/192 MPP
    // provisioning guide: default "/ata$PSN.cfg", $PSN "for example, 191"
    assertThat(byTftp(GOLDEN.pack, "spa112.cfg").orElseThrow().model()).isEqualTo("SPA112");
    assertThat(byTftp(GOLDEN.pack, "spa122.cfg").orElseThrow().model()).isEqualTo("SPA122");
    var ata = byTftp(GOLDEN.pack, "ata191.cfg").orElseThrow();
    assertThat(ata.vendor()).isEqualTo("Cisco");
    assertThat(ata.model()).isEqualTo("ATA191");
    assertThat(ata.mac()).isNull();
    assertThat(byTftp(GOLDEN.pack, "ata192.cfg").orElseThrow().model()).isEqualTo("ATA192");
  }

  @Test
  void identifies_theMultiplatformAtaUserAgent_bySerialNumber() {
    // "Cisco/ATA191-MPP-11-1-0-MSR4 (FCH2443D9R4)": quoted in wazo-provd-plugins' ATA191/192 plugin
    var info = byUserAgent(GOLDEN.pack, "Cisco/ATA191-MPP-11-1-0-MSR4 (FCH2443D9R4)", "88755a2f6f50.xml").orElseThrow();
    assertThat(info.vendor()).isEqualTo("Cisco");
    assertThat(info.model()).isEqualTo("ATA191");
    assertThat(info.version()).isEqualTo("11-1-0-MSR4");
    assertThat(info.sn()).isEqualTo("FCH2443D9R4");
    assertThat(info.mac()).isNull(); // the server takes it from the requested <mac>.xml
  }

  @Test
  void identifies_theSmallBusinessAtaUserAgent_withMacAndSerialNumber() {
    // Cisco SPA User-Agent: "Cisco/<model>-<version> (<MAC>)(<serial>)" (e.g. "Cisco/SPA501G-7.4.4
    // (8843E157DDCC)(CBT141100HR)" in wazo-provd-plugins); SPA122 1.4.1(SR5) as its SIP banner says
    var info = byUserAgent(GOLDEN.pack, "Cisco/SPA122-1.4.1(SR5) (88755A2F6F50)(CCQ16210BJE)", "88755a2f6f50.xml")
        .orElseThrow();
    assertThat(info.model()).isEqualTo("SPA122");
    assertThat(info.version()).isEqualTo("1.4.1(SR5)");
    assertThat(info.mac()).isEqualTo(Mac.parse("88:75:5a:2f:6f:50"));
    assertThat(info.sn()).isEqualTo("CCQ16210BJE");
  }

  @Test
  void identifies_theDhcpVendorClass() {
    // "CISCO SPA122" and "CISCO ATA191-MPP": option 60 values quoted in wazo-provd-plugins
    assertThat(byDhcp(GOLDEN.pack, "CISCO SPA122").orElseThrow().model()).isEqualTo("SPA122");
    assertThat(byDhcp(GOLDEN.pack, "CISCO ATA191-MPP").orElseThrow().model()).isEqualTo("ATA191");
    assertThat(byDhcp(GOLDEN.pack, "Cisco SPA112").orElseThrow().model()).isEqualTo("SPA112");
  }

  @Test
  void doesNotClaim_ciscoPhones() {
    assertThat(byUserAgent(GOLDEN.pack, "Cisco/SPA501G-7.4.4 (8843E157DDCC)(CBT141100HR)", "8843e157ddcc.xml")).isEmpty();
    assertThat(byUserAgent(GOLDEN.pack, "Cisco-CP-8841-3PCC/11.3.7 (00562b043615)", "00562b043615.xml")).isEmpty();
    assertThat(byTftp(GOLDEN.pack, "spa504G.cfg")).isEmpty();
    assertThat(byTftp(GOLDEN.pack, "8841-3PCC.xml")).isEmpty();
    assertThat(byDhcp(GOLDEN.pack, "CP-8841-3PCC")).isEmpty();
  }

  // ---- descriptor

  @Test
  void fileTable_routesThePathsTheAdaptersRequest() {
    assertThat(GOLDEN.pack.route("88755a2f6f50.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    for (String name : List.of("spa112.cfg", "spa122.cfg", "ata191.cfg", "ata192.cfg")) {
      assertThat(GOLDEN.pack.route(name).map(m -> m.entry().scope())).as(name).contains(FileEntry.Scope.COMMON);
    }
    assertThat(GOLDEN.pack.route("ata112.cfg")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("spa504G.cfg")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("{mac}\\.xml");
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::sensitive)).contains(true);
  }

  @Test
  void descriptor_vendorVersionSyncEventAndFeatureMatrix() {
    assertThat(GOLDEN.pack.id()).isEqualTo("cisco-ata");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Cisco");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.models().keySet()).containsExactlyInAnyOrder("SPA112", "SPA122", "ATA191", "ATA192");
    GOLDEN.pack.models().values().forEach(m -> {
      assertThat(m.lines()).isEqualTo(2);
      assertThat(FeatureMatrix.problems(m)).as(m.name()).isEmpty();
    });
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/cisco-ata/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/cisco-ata/templates/mac.xml.j2")).isNotNull();
  }
}
