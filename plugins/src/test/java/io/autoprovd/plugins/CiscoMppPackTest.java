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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Cisco multiplatform (MPP/3PCC) pack: identification, file table, golden flat profiles. */
class CiscoMppPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("cisco-mpp");

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

  // ---- golden files, well-formed XML (Cisco publishes no XSD for flat profiles)

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macXml_isAWellFormedFlatProfile_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = GOLDEN.render(fixture.device().mac().compact() + ".xml", fixture);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").doesNotContain("{{", "{%", "{#");
    params(xml);
    GOLDEN.assertGolden(fixture, "xml", xml);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void modelFile_pointsTheProfileRulesHere_andMatchesItsGoldenFile(Fixture fixture) {
    String model = fixture.device().model();
    String xml = GOLDEN.render(model + "-3PCC.xml", fixture);
    var p = params(xml);
    assertThat(p).containsEntry("Profile_Rule", "http://10.0.0.10:8667/$PSN.xml")
        .containsEntry("Profile_Rule_B", "http://10.0.0.10:8667/mpp-defaults.xml")
        .containsEntry("Profile_Rule_C", "http://10.0.0.10:8667/$MA.xml");
    assertThat(xml).contains("Cisco IP Phone " + model);
    GOLDEN.assertGolden(fixture, "3pcc.xml", xml);
  }

  @Test
  void staticDefaults_areWellFormed_andTurnOnResyncFromSip() throws IOException {
    var p = params(Files.readString(Path.of("src/main/packs/cisco-mpp/static/mpp-defaults.xml"), StandardCharsets.UTF_8));
    assertThat(p).containsEntry("Resync_From_SIP", "Yes").containsEntry("Auth_Resync-Reboot", "No")
        .containsEntry("Resync_On_Reset", "Yes");
  }

  @Test
  void fixtures_coverTheBriefsCases() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    var all = fixtures().stream().map(f -> f.rawConfig().toString()).toList();
    assertThat(String.join("\n", all)).contains("speeddial", "blf", "park", "Europe/Paris", "Australia/Sydney",
        "America/Sao_Paulo", "vlan_enabled=true", "sip_backup_registrar_ip", "number=autoprov", "locale=fr_FR");
  }

  // ---- what the profiles say

  @Test
  void lines_carryTheirAccounts_andUnusedExtensionsAreDisabled() {
    var p = macXml("several-lines");
    assertThat(p).containsEntry("Line_Enable_1_", "Yes").containsEntry("User_ID_1_", "bob")
        .containsEntry("Auth_ID_1_", "bob").containsEntry("Password_1_", "pw<B>&")
        .containsEntry("Display_Name_1_", "Bob & \"Co\" <sales>").containsEntry("Proxy_1_", "10.0.0.1")
        .containsEntry("SIP_Transport_1_", "TLS").containsEntry("DTMF_Tx_Method_1_", "AVT")
        .containsEntry("DTMF_Tx_Method_2_", "InBand").containsEntry("Proxy_2_", "10.0.0.1:5061")
        .containsEntry("DTMF_Tx_Method_4_", "INFO")
        .containsEntry("Line_Enable_3_", "No").containsEntry("User_ID_3_", "").containsEntry("Line_Enable_10_", "No");
    assertThat(p).doesNotContainKey("Line_Enable_11_");
  }

  @Test
  void backupRegistrar_isAFailoverListInTheProxyField_andADifferentProxyTheOutboundProxy() {
    var p = macXml("backup-registrar-proxy");
    assertThat(p).containsEntry("Proxy_1_", "10.0.0.1:SRV=10.0.0.1:5060:p=0|10.0.1.1:5060:p=1")
        .containsEntry("Use_DNS_SRV_1_", "Yes")
        .containsEntry("Outbound_Proxy_1_", "10.0.0.2:5060").containsEntry("Use_Outbound_Proxy_1_", "Yes")
        .containsEntry("Outbound_Proxy_2_", "sbc.example.net:5065");
    assertThat(macXml("one-line-paris")).containsEntry("Proxy_1_", "10.0.0.1").containsEntry("Use_DNS_SRV_1_", "No")
        .containsEntry("Use_Outbound_Proxy_1_", "No");
  }

  @Test
  void functionKeys_useExtendedFunctions_andKeysBeyondThePhoneGoToExpansionUnits() {
    var p = macXml("funckeys-expansion");
    assertThat(p).containsEntry("Extension_1_", "1").containsEntry("Extension_2_", "2")
        .containsEntry("Extension_3_", "Disabled").containsEntry("Short_Name_3_", "Dave")
        .containsEntry("Extended_Function_3_", "fnc=sd;ext=1004@$PROXY;vid=1;nme=Dave")
        .containsEntry("Extended_Function_4_", "fnc=blf+sd+cp;sub=1005@$PROXY;ext=1005@$PROXY;vid=1;nme=Erin  Ops")
        .containsEntry("Extended_Function_5_", "fnc=prk;sub=701@$PROXY;vid=1;nme=Park 701")
        .containsEntry("Extended_Function_6_", "fnc=sd;ext=0612345678@$PROXY;vid=2;nme=Mobile")
        .containsEntry("Extension_7_", "7").containsEntry("Extended_Function_7_", "")
        .containsEntry("Unit_1_Key_1_", "fnc=blf+sd+cp;sub=1011@$PROXY;ext=1011@$PROXY;vid=1;nme=KEM 1 key 1")
        .containsEntry("Unit_2_Key_1_", "fnc=sd;ext=1047@$PROXY;vid=1;nme=KEM 2 key 1")
        .containsEntry("Number_of_Units", "2");
    assertThat(p.values()).noneMatch(v -> v.contains("1200"));
    assertThat(p).containsEntry("Call_Pickup_Code", "*8");
  }

  @Test
  void timeZones_useCiscosRule_weekday1IsMonday_dayMinus1IsLast_positiveDayIsOnOrAfter() {
    assertThat(macXml("one-line-paris")).containsEntry("Time_Zone", "GMT+01:00")
        .containsEntry("Daylight_Saving_Time_Enable", "Yes")
        .containsEntry("Daylight_Saving_Time_Rule", "start=3/-1/7/2:00:00;end=10/-1/7/3:00:00;save=1:00:00");
    assertThat(macXml("dst-south-sydney")).containsEntry("Time_Zone", "GMT+10:00")
        .containsEntry("Daylight_Saving_Time_Rule", "start=10/1/7/2:00:00;end=4/1/7/3:00:00;save=1:00:00");
    // New York: the second Sunday of March = the Sunday on or after the 8th
    assertThat(macXml("several-lines")).containsEntry("Time_Zone", "GMT-05:00")
        .containsEntry("Daylight_Saving_Time_Rule", "start=3/8/7/2:00:00;end=11/1/7/2:00:00;save=1:00:00");
    assertThat(macXml("no-dst-sao-paulo")).containsEntry("Time_Zone", "GMT-03:00")
        .containsEntry("Daylight_Saving_Time_Enable", "No").doesNotContainKey("Daylight_Saving_Time_Rule");
    assertThat(macXml("utc-no-locale")).containsEntry("Time_Zone", "GMT").containsEntry("Primary_NTP_Server", "");
  }

  @Test
  void santiagosOnOrAfterRule_isExactInCiscosFormat() {
    // Chile: DST starts on the first Sunday on or after September 2, ends the first Sunday on or after April 2
    assertThat(macXml("inexact-dst-santiago").get("Daylight_Saving_Time_Rule")).matches("start=9/2/7/.*;end=4/2/7/.*;save=1:00:00");
  }

  @Test
  void localeVlanSyslogAndPasswords() {
    assertThat(macXml("one-line-paris")).containsEntry("Language_Selection", "French").containsEntry("Locale", "fr-FR")
        .containsEntry("Enable_VLAN", "No").containsEntry("Admin_Password", "Adm1n!pass").containsEntry("User_Password", "4321");
    assertThat(macXml("vlan-syslog")).containsEntry("Language_Selection", "German").containsEntry("Locale", "de-DE")
        .containsEntry("Enable_VLAN", "Yes").containsEntry("VLAN_ID", "42")
        .containsEntry("Enable_PC_Port_VLAN_Tagging", "Yes").containsEntry("PC_Port_VLAN_ID", "100")
        .containsEntry("Syslog_Server", "10.0.0.20:514");
    assertThat(macXml("utc-no-locale")).doesNotContainKeys("Language_Selection", "Locale", "Admin_Password")
        .containsEntry("Syslog_Server", "");
  }

  @Test
  void autoprovLine_registersTheGuestAccount() {
    var p = macXml("autoprov");
    assertThat(p).containsEntry("User_ID_1_", "apq8x2k4r1").containsEntry("Password_1_", "autoprov")
        .containsEntry("Proxy_1_", "10.0.0.10").containsEntry("Line_Enable_2_", "No")
        .containsEntry("Voice_Mail_Number", "");
  }

  // ---- identification (real strings; sources in docs/vendors/cisco-mpp.md)

  @Test
  void identifies_theHttpUserAgentOfEveryProfileFetch() {
    // "Cisco-CP-7832-3PCC/11.0.1 (00562b043615)": the User-Agent quoted in wazo-provd-plugins' Cisco MPP plugin
    var info = byUserAgent(GOLDEN.pack, "Cisco-CP-7832-3PCC/11.0.1 (00562b043615)", "00562b043615.xml").orElseThrow();
    assertThat(info.vendor()).isEqualTo("Cisco");
    assertThat(info.model()).isEqualTo("7832");
    assertThat(info.version()).isEqualTo("11.0.1");
    assertThat(info.mac()).isEqualTo(Mac.parse("00:56:2b:04:36:15"));
    var later = byUserAgent(GOLDEN.pack, "Cisco-CP-8841-3PCC/11.3.7 (00562B043615)", "8841-3PCC.xml").orElseThrow();
    assertThat(later.model()).isEqualTo("8841");
    assertThat(later.version()).isEqualTo("11.3.7");
    assertThat(later.mac()).isEqualTo(Mac.parse("00562b043615"));
  }

  @Test
  void identifies_theFactoryProfileRuleNames_overTftp() {
    // Cisco's MPP migration guide: option 66 = 10.23.45.67 makes an 8851 with MAC 001234ab45de try
    // tftp://10.23.45.67/8851-3PCC.xml then tftp://10.23.45.67/Cisco/CP-8851-3PCC/001234ab45de.cfg
    var model = byTftp(GOLDEN.pack, "8851-3PCC.xml").orElseThrow();
    assertThat(model.vendor()).isEqualTo("Cisco");
    assertThat(model.model()).isEqualTo("8851");
    assertThat(model.mac()).isNull();
    var tail = byTftp(GOLDEN.pack, "Cisco/CP-8851-3PCC/001234ab45de.cfg").orElseThrow();
    assertThat(tail.model()).isEqualTo("8851");
    assertThat(tail.mac()).isEqualTo(Mac.parse("00:12:34:ab:45:de"));
  }

  @Test
  void identifies_theDhcpVendorClass() {
    // "CP-7841-3PCC": the option 60 value quoted in wazo-provd-plugins' Cisco MPP plugin
    var info = byDhcp(GOLDEN.pack, "CP-7841-3PCC").orElseThrow();
    assertThat(info.vendor()).isEqualTo("Cisco");
    assertThat(info.model()).isEqualTo("7841");
  }

  @Test
  void doesNotClaim_otherCiscoPhonesOrOtherVendors() {
    assertThat(byUserAgent(GOLDEN.pack, "Cisco/SPA112-1.4.1(SR5) (88755A2F6F50)(CCQ16210BJE)", "88755a2f6f50.xml")).isEmpty();
    assertThat(byUserAgent(GOLDEN.pack, "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56", "001565123456.cfg")).isEmpty();
    assertThat(byTftp(GOLDEN.pack, "SEP00562B043615.cnf.xml")).isEmpty();
    assertThat(byTftp(GOLDEN.pack, "spa112.cfg")).isEmpty();
  }

  @Test
  void claimsListedModels_completely() {
    var info = byTftp(GOLDEN.pack, "8841-3PCC.xml").orElseThrow();
    assertThat(GOLDEN.pack.score(info)).isEqualTo(500);
  }

  // ---- descriptor

  @Test
  void fileTable_routesThePathsMppPhonesRequest() {
    assertThat(GOLDEN.pack.route("00562b043615.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("8841-3PCC.xml").map(m -> m.vars())).contains(Map.of("model", "8841"));
    assertThat(GOLDEN.pack.route("mpp-defaults.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.STATIC);
    assertThat(GOLDEN.pack.route("Cisco/CP-8841-3PCC/00562b043615.cfg")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("{mac}\\.xml");
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::sensitive)).contains(true);
  }

  @Test
  void descriptor_vendorVersionSyncEventAndFeatureMatrix() {
    assertThat(GOLDEN.pack.id()).isEqualTo("cisco-mpp");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Cisco");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.models().keySet()).contains("6821", "6841", "6851", "6861", "7811", "7821", "7841", "7861",
        "8811", "8841", "8851", "8861");
    GOLDEN.pack.models().values().forEach(m -> assertThat(FeatureMatrix.problems(m)).as(m.name()).isEmpty());
    assertThat(GOLDEN.pack.models().get("8861").properties()).containsKey("expansion");
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/cisco-mpp/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/cisco-mpp/templates/mac.xml.j2")).isNotNull();
  }
}
