package io.autoprovd.plugins;

import static io.autoprovd.plugins.SnomXml.identify;
import static io.autoprovd.plugins.SnomXml.parse;
import static io.autoprovd.plugins.SnomXml.setting;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule.Source;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The Snom desk-phone pack (D7xx/D8xx): identification, file table and golden setting files. */
class SnomPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("snom");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  static String macUpper(Fixture fixture) {
    return fixture.device().mac().compact().toUpperCase(Locale.ROOT);
  }

  static Fixture fixture(String name) {
    return GOLDEN.fixture(name);
  }

  static Document macXml(String fixtureName) {
    Fixture f = fixture(fixtureName);
    return parse(GOLDEN.render(macUpper(f) + ".xml", f));
  }

  // ---- golden files, well-formed XML

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macXml_isWellFormed_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = GOLDEN.render(macUpper(fixture) + ".xml", fixture);
    Document doc = parse(xml);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("settings");
    assertThat(doc.getElementsByTagName("phone-settings").getLength()).isEqualTo(1);
    assertThat(doc.getElementsByTagName("functionKeys").getLength()).isEqualTo(1);
    GOLDEN.assertGolden(fixture, "xml", xml);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macHtm_listsTheDevicesOwnXmlFile(Fixture fixture) {
    String htm = GOLDEN.render("snom" + fixture.device().model() + "-" + macUpper(fixture) + ".htm", fixture);
    Document doc = parse(htm);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("setting-files");
    var files = doc.getElementsByTagName("file");
    assertThat(files.getLength()).isEqualTo(1);
    assertThat(((Element) files.item(0)).getAttribute("url"))
        .isEqualTo("http://10.0.0.10:8667/" + macUpper(fixture) + ".xml");
    GOLDEN.assertGolden(fixture, "htm", htm);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void commonFiles_nameTheirModel_andPointTheSettingServerHere(Fixture fixture) {
    String model = fixture.device().model();
    Document htm = parse(GOLDEN.render("snom" + model + ".htm", fixture));
    assertThat(((Element) htm.getElementsByTagName("file").item(0)).getAttribute("url"))
        .isEqualTo("http://10.0.0.10:8667/snom" + model + ".xml");
    Document xml = parse(GOLDEN.render("snom" + model + ".xml", fixture));
    assertThat(setting(xml, "setting_server", null)).contains("http://10.0.0.10:8667/");
    assertThat(setting(xml, "update_policy", null)).contains("settings_only");
  }

  // ---- what the settings say

  @Test
  void lines_becomeIdentities_andUnusedIdentitiesAreSwitchedOff() {
    Document doc = macXml("several-lines-funckeys-sydney");
    assertThat(setting(doc, "user_active", "1")).contains("on");
    assertThat(setting(doc, "user_name", "2")).contains("bob2");
    assertThat(setting(doc, "user_pname", "2")).contains("auth-bob2");
    assertThat(setting(doc, "user_dtmf_info", "1")).contains("off");
    assertThat(setting(doc, "user_dtmf_info", "2")).contains("sip_info_only");
    assertThat(setting(doc, "user_host", "3")).contains("10.0.0.6:5070");
    assertThat(setting(doc, "user_outbound", "3")).contains("10.0.0.6:5070;transport=udp");
    assertThat(setting(doc, "user_active", "4")).contains("off");
    assertThat(setting(doc, "user_active", "12")).contains("off");
    assertThat(setting(doc, "user_active", "13")).isEmpty();
  }

  @Test
  void functionKeys_speedDialBlfAndPark_atIdxPositionMinusOne() {
    Document doc = macXml("several-lines-funckeys-sydney");
    assertThat(fkey(doc, 0)).isEqualTo("speed 1003");
    assertThat(fkey(doc, 1)).isEqualTo("blf 1004|*8");
    assertThat(fkeyAttr(doc, 1, "context")).isEqualTo("1");
    assertThat(fkey(doc, 2)).isEqualTo("orbit 701");
    assertThat(fkey(doc, 3)).isEqualTo("line");
    assertThat(fkeyAttr(doc, 4, "label")).isEqualTo("*98");
    assertThat(fkeyAttr(doc, 9, "label")).isEqualTo("Eve & Co <sales>");
    assertThat(fkey(doc, 23)).isEqualTo("line");
    assertThat(doc.getElementsByTagName("fkey").getLength()).as("D785: 24 keys, position 30 is not written").isEqualTo(24);
  }

  @Test
  void backupRegistrar_isASecondIdentity_namedAsTheLinesFailover() {
    Document doc = macXml("backup-registrar-proxy-tokyo");
    assertThat(setting(doc, "user_failover_identity", "1")).contains("3");
    assertThat(setting(doc, "user_failover_identity", "2")).contains("4");
    assertThat(setting(doc, "user_host", "1")).contains("10.0.0.1:5060");
    assertThat(setting(doc, "user_outbound", "1")).contains("10.0.0.2:5060;transport=tcp");
    assertThat(setting(doc, "user_outbound", "2")).contains("sbc.example.net:5065;transport=tcp");
    assertThat(setting(doc, "user_name", "3")).contains("ivan");
    assertThat(setting(doc, "user_host", "3")).contains("10.0.1.1:5060");
    assertThat(setting(doc, "user_outbound", "3")).contains("10.0.1.2:5070;transport=tcp");
    assertThat(setting(doc, "user_failover_identity", "3")).contains("none");
    assertThat(setting(doc, "msgs_blocked", null)).contains("Identity03IsNotRegistered Identity04IsNotRegistered");
    assertThat(setting(doc, "timezone", null)).contains("JPN+9");
  }

  @Test
  void timeZone_languageAndTones_fromTheConfig() {
    Document paris = macXml("one-line-paris");
    assertThat(setting(paris, "timezone", null)).contains("FRA+1");
    assertThat(setting(paris, "language", null)).contains("Francais");
    assertThat(setting(paris, "tone_scheme", null)).contains("FRA");
    assertThat(setting(paris, "user_pass", "1")).contains("pw&<A>");
    Document sydney = macXml("several-lines-funckeys-sydney");
    assertThat(setting(sydney, "timezone", null)).contains("AUS+10");
    assertThat(setting(sydney, "tone_scheme", null)).contains("AUS");
    Document santiago = macXml("vlan-tls-srtp-santiago");
    assertThat(setting(santiago, "timezone", null)).as("no Snom name for America/Santiago").isEmpty();
  }

  @Test
  void vlanTlsAndSrtp() {
    Document doc = macXml("vlan-tls-srtp-santiago");
    assertThat(setting(doc, "vlan_id", null)).contains("100");
    assertThat(setting(doc, "vlan_qos", null)).contains("5");
    assertThat(setting(doc, "vlan_pc_id", null)).contains("200");
    assertThat(setting(doc, "user_host", "1")).contains("pbx.example.net:5061");
    assertThat(setting(doc, "user_outbound", "1")).contains("pbx.example.net:5061;transport=tls");
    assertThat(setting(doc, "user_srtp", "1")).contains("on");
    assertThat(setting(doc, "user_savp", "1")).contains("mandatory");
    assertThat(setting(macXml("unlisted-model-vlan-0"), "vlan_id", null)).as("VLAN 0 is a VLAN").contains("0");
  }

  @Test
  void autoprovLine_neverNegotiatesSrtp_andHasNoMailbox() {
    Document doc = macXml("autoprov");
    assertThat(setting(doc, "user_name", "1")).contains("apq8x2k4r1");
    assertThat(setting(doc, "user_srtp", "1")).contains("off");
    assertThat(setting(doc, "user_mailbox", "1")).contains("");
  }

  private static Element fkeyElement(Document doc, int idx) {
    var keys = doc.getElementsByTagName("fkey");
    for (int i = 0; i < keys.getLength(); i++) {
      var e = (Element) keys.item(i);
      if (e.getAttribute("idx").equals(String.valueOf(idx))) {
        return e;
      }
    }
    throw new AssertionError("no fkey idx " + idx);
  }

  private static String fkey(Document doc, int idx) {
    return fkeyElement(doc, idx).getTextContent();
  }

  private static String fkeyAttr(Document doc, int idx, String attr) {
    return fkeyElement(doc, idx).getAttribute(attr);
  }

  // ---- fixtures

  @Test
  @SuppressWarnings("unchecked")
  void fixtures_coverEveryDocumentedCase() {
    var all = fixtures();
    assertThat(all).hasSizeGreaterThanOrEqualTo(5);
    var raws = all.stream().map(Fixture::rawConfig).toList();
    var keyTypes = raws.stream().flatMap(r -> ((Map<String, Map<String, Object>>) r.get("funckeys")).values().stream())
        .map(k -> k.get("type")).distinct().toList();
    assertThat(keyTypes).contains("speeddial", "blf", "park");
    assertThat(raws.stream().map(r -> r.get("timezone")).toList())
        .contains("Europe/Paris", "Australia/Sydney", "Asia/Tokyo");
    assertThat(raws).anyMatch(r -> ((Map<?, ?>) r.get("sip_lines")).size() >= 3);
    assertThat(raws).anyMatch(r -> Boolean.TRUE.equals(r.get("vlan_enabled")));
    assertThat(raws).anyMatch(r -> r.containsKey("sip_backup_registrar_ip") && r.containsKey("sip_backup_proxy_ip"));
    assertThat(raws).anyMatch(r -> r.get("sip_lines").toString().contains("number=autoprov"));
    assertThat(raws.stream().map(r -> r.get("locale")).filter(java.util.Objects::nonNull).distinct().count()).isGreaterThan(3);
  }

  // ---- identification (pack.rules(), as the server applies them)

  @Test
  void identifiesD785_fromItsRealUserAgent() {
    // wazo-provd-plugins, plugins/wazo-snom/common/common.py, comment of _extract_from_ua
    var info = identify(GOLDEN.pack, Source.USER_AGENT,
        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g9ba52f5 000413922D24 SXM:0 UXM:0)").orElseThrow();
    assertThat(info.vendor()).isEqualTo("Snom");
    assertThat(info.model()).isEqualTo("D785");
    assertThat(info.version()).isEqualTo("10.1.33.33");
    assertThat(info.mac()).isEqualTo(Mac.parse("00:04:13:92:2d:24"));
  }

  @Test
  void identifiesD785_withABuildDateInTheUserAgent() {
    // FusionPBX, app/provision/index.php, comment on the Snom User-Agent
    var info = identify(GOLDEN.pack, Source.USER_AGENT,
        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 (Feb 25 2019 - 14:19:43) 00041396D9B4 SXM:0 UXM:0 UXMC:0)")
        .orElseThrow();
    assertThat(info.model()).isEqualTo("D785");
    assertThat(info.version()).isEqualTo("10.1.169.16");
    assertThat(info.mac()).isEqualTo(Mac.parse("00:04:13:96:d9:b4"));
  }

  @Test
  void identifiesOlderModels_withAndWithoutAMacInTheUserAgent() {
    // wazo-provd-plugins, same comment: firmware 8.7 puts the MAC last, 8.4 does not send it
    var snom710 = identify(GOLDEN.pack, Source.USER_AGENT,
        "Mozilla/4.0 (compatible; snom710-SIP 8.7.5.35 1.1.5-IFX-05.01.12 000413741767)").orElseThrow();
    assertThat(snom710.model()).isEqualTo("710");
    assertThat(snom710.version()).isEqualTo("8.7.5.35");
    assertThat(snom710.mac()).isEqualTo(Mac.parse("00:04:13:74:17:67"));
    var snom870 = identify(GOLDEN.pack, Source.USER_AGENT,
        "Mozilla/4.0 (compatible; snom870-SIP 8.4.35 SPEAr300 SNOM 1.4)").orElseThrow();
    assertThat(snom870.model()).isEqualTo("870");
    assertThat(snom870.version()).isEqualTo("8.4.35");
    assertThat(snom870.mac()).isNull();
  }

  @Test
  void identifiesTheMac_fromTheDeviceFileName_andTheModel_fromDhcpOption60() {
    // Snom "Auto Provisioning": a D345 with MAC 000413A11FA7 fetches snomD345-000413A11FA7.htm
    assertThat(identify(GOLDEN.pack, Source.PATH, "snomD345-000413A11FA7.htm").map(DeviceInfo::mac))
        .contains(Mac.parse("00:04:13:a1:1f:a7"));
    assertThat(identify(GOLDEN.pack, Source.DHCP_VENDOR_CLASS, "snomD785").map(DeviceInfo::model)).contains("D785");
  }

  @Test
  void leavesTheDectBasesToTheSnomDectPack() {
    assertThat(identify(GOLDEN.pack, Source.USER_AGENT, "Mozilla/4.0 (compatible; Snom M900 05.20.0001 000413b60680)")).isEmpty();
    assertThat(identify(GOLDEN.pack, Source.PATH, "snomM900-000413B60680.htm")).isEmpty();
    assertThat(identify(GOLDEN.pack, Source.DHCP_VENDOR_CLASS, "snomM900")).isEmpty();
    assertThat(identify(GOLDEN.pack, Source.USER_AGENT, "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56")).isEmpty();
  }

  // ---- descriptor

  @Test
  void syncEvent_resyncsWithoutReboot() {
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync;reboot=false");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Snom");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
    assertThat(GOLDEN.pack.models().keySet())
        .contains("D713", "D717", "D735", "D765", "D785", "D812", "D815", "D862", "D865");
  }

  @Test
  void fileTable_routesThePathsSnomPhonesRequest() {
    var common = GOLDEN.pack.route("snomD785.htm").orElseThrow();
    assertThat(common.entry().scope()).isEqualTo(FileEntry.Scope.COMMON);
    assertThat(common.vars()).containsEntry("model", "D785");
    assertThat(GOLDEN.pack.route("snomD785.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.COMMON);
    var htm = GOLDEN.pack.route("snomD785-000413922D24.htm").orElseThrow();
    assertThat(htm.entry().scope()).isEqualTo(FileEntry.Scope.DEVICE);
    assertThat(htm.macInPath()).isEqualTo("000413922D24");
    var xml = GOLDEN.pack.route("000413922D24.xml").orElseThrow();
    assertThat(xml.entry().scope()).isEqualTo(FileEntry.Scope.DEVICE);
    assertThat(xml.entry().sensitive()).isTrue();
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("{MAC}\\.xml");
    assertThat(GOLDEN.pack.route("000413922d24.xml")).as("Snom asks for the MAC in upper case").isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("snomM900.htm")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("gui_lang.xml")).isEqualTo(Optional.empty());
  }

  @Test
  void timeZoneTable_statesEachZonesStandardOffset() {
    var table = SnomXml.timeZoneTable(GOLDEN.pack);
    assertThat(table).hasSizeGreaterThan(30).containsEntry("Europe/Paris", "FRA+1");
    table.forEach((zone, snom) -> assertThat(SnomXml.snomOffsetHours(snom))
        .as("%s → %s", zone, snom).isEqualTo(SnomXml.standardOffsetHours(zone)));
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/snom/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/snom/templates/mac.xml.j2")).isNotNull();
  }
}
