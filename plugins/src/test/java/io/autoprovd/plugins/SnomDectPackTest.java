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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The Snom M-series DECT pack (snom-dect): identification, file table and golden setting files. */
class SnomDectPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("snom-dect");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  static String macUpper(Fixture fixture) {
    return fixture.device().mac().compact().toUpperCase(Locale.ROOT);
  }

  static Document macXml(String fixtureName) {
    Fixture f = fixtures().stream().filter(x -> x.name().equals(fixtureName)).findFirst().orElseThrow();
    return parse(GOLDEN.render(macUpper(f) + ".xml", f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macXml_isWellFormed_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = GOLDEN.render(macUpper(fixture) + ".xml", fixture);
    Document doc = parse(xml);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("settings");
    assertThat(doc.getElementsByTagName("fkey").getLength()).as("handset keys are not provisioned").isZero();
    GOLDEN.assertGolden(fixture, "xml", xml);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macHtm_andCommonFiles_chainToTheSettings(Fixture fixture) {
    String model = fixture.device().model();
    String htm = GOLDEN.render("snom" + model + "-" + macUpper(fixture) + ".htm", fixture);
    assertThat(((Element) parse(htm).getElementsByTagName("file").item(0)).getAttribute("url"))
        .isEqualTo("http://10.0.0.10:8667/" + macUpper(fixture) + ".xml");
    GOLDEN.assertGolden(fixture, "htm", htm);
    assertThat(((Element) parse(GOLDEN.render("snom" + model + ".htm", fixture)).getElementsByTagName("file").item(0))
        .getAttribute("url")).isEqualTo("http://10.0.0.10:8667/snom" + model + ".xml");
    assertThat(setting(parse(GOLDEN.render("snom" + model + ".xml", fixture)), "setting_server", null))
        .contains("http://10.0.0.10:8667/");
  }

  @Test
  void eachLine_isAnExtensionOnTheHandsetOfItsNumber_andLinesShareServers() {
    Document doc = macXml("three-handsets-paris");
    assertThat(setting(doc, "user_host", "1")).contains("10.0.0.5:5060");
    assertThat(setting(doc, "user_host", "2")).contains("10.0.0.6:5060");
    assertThat(setting(doc, "user_dtmf_info", "2")).contains("sip_info_only");
    assertThat(setting(doc, "srv_sip_transport", "1")).contains("udp");
    assertThat(setting(doc, "srv_sip_server_alias", "3")).isEmpty();
    assertThat(setting(doc, "user_name", "1")).contains("h1");
    assertThat(setting(doc, "subscr_sip_hs_idx", "2")).contains("2");
    assertThat(setting(doc, "subscr_sip_ua_data_server_id", "2")).contains("1");
    assertThat(setting(doc, "subscr_sip_ua_data_server_id", "4")).contains("2");
    assertThat(setting(doc, "subscr_sip_line_name", "4")).contains("2004");
    assertThat(setting(doc, "user_active", "3")).contains("off");
    assertThat(setting(doc, "user_active", "20")).contains("off");
    assertThat(setting(doc, "user_active", "21")).as("M300: 20 extensions").isEmpty();
    assertThat(setting(doc, "timezone", null)).contains("FRA+1");
    assertThat(setting(doc, "language", null)).contains("Francais");
  }

  @Test
  void multicellBase_switchesOffEveryOtherExtension() {
    Document doc = macXml("autoprov");
    assertThat(setting(doc, "user_name", "1")).contains("apq8x2k4r2");
    assertThat(setting(doc, "user_mailbox", "1")).contains("");
    assertThat(setting(doc, "user_active", "1000")).contains("off");
  }

  @Test
  void vlanTransportAndSouthernDst() {
    Document doc = macXml("vlan-tcp-sydney");
    assertThat(setting(doc, "vlan_id", null)).contains("30");
    assertThat(setting(doc, "vlan_qos", null)).contains("6");
    assertThat(setting(doc, "srv_sip_transport", "1")).contains("tcp");
    assertThat(setting(doc, "user_outbound", "1")).contains("10.0.0.5:5060;transport=tcp");
    assertThat(setting(doc, "timezone", null)).contains("AUS+10");
    assertThat(setting(macXml("one-handset-tokyo"), "timezone", null)).contains("JPN+9");
  }

  @Test
  void identifiesTheBase_fromItsRealUserAgent_fileNameAndOption60() {
    // wazo-provd-plugins, plugins/wazo-snom-dect/common/common.py, comment of _extract_from_ua
    var info = identify(GOLDEN.pack, Source.USER_AGENT, "Mozilla/4.0 (compatible; Snom M900 05.20.0001 000413b60680)")
        .orElseThrow();
    assertThat(info.vendor()).isEqualTo("Snom");
    assertThat(info.model()).isEqualTo("M900");
    assertThat(info.version()).isEqualTo("05.20.0001");
    assertThat(info.mac()).isEqualTo(Mac.parse("00:04:13:b6:06:80"));
    // Snom "Auto Provisioning": <phoneType>-<MAC>.htm, phoneType = the vendor class (snomM900)
    assertThat(identify(GOLDEN.pack, Source.PATH, "snomM900-000413B60680.htm").map(DeviceInfo::mac))
        .contains(Mac.parse("00:04:13:b6:06:80"));
    // docs/dhcp.md: option 60 of the M-series starts with snomM300, snomM400, snomM700, snomM900
    assertThat(identify(GOLDEN.pack, Source.DHCP_VENDOR_CLASS, "snomM700").map(DeviceInfo::model)).contains("M700");
    assertThat(identify(GOLDEN.pack, Source.USER_AGENT,
        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g9ba52f5 000413922D24 SXM:0 UXM:0)")).isEmpty();
    assertThat(identify(GOLDEN.pack, Source.PATH, "snomD785-000413922D24.htm")).isEmpty();
  }

  @Test
  void syncEvent_rebootsTheBase() {
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync;reboot=true");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Snom");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
    assertThat(GOLDEN.pack.models().keySet()).containsExactlyInAnyOrder("M300", "M400", "M700", "M900");
  }

  @Test
  void fileTable_routesThePathsTheBasesRequest() {
    assertThat(GOLDEN.pack.route("snomM900.htm").map(m -> m.vars().get("model"))).contains("M900");
    assertThat(GOLDEN.pack.route("snomM900.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.COMMON);
    assertThat(GOLDEN.pack.route("snomM900-000413B60680.htm").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("000413B60680.xml").map(m -> m.entry().sensitive())).contains(true);
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("{MAC}\\.xml");
    assertThat(GOLDEN.pack.route("snomD785.htm")).isEqualTo(Optional.empty());
  }

  @Test
  void fixtures_coverTheDectCases() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(fixtures().stream().map(f -> f.device().model()).distinct()).contains("M300", "M400", "M700", "M900");
  }

  @Test
  void timeZoneTable_statesEachZonesStandardOffset() {
    SnomXml.timeZoneTable(GOLDEN.pack).forEach((zone, snom) -> assertThat(SnomXml.snomOffsetHours(snom))
        .as("%s → %s", zone, snom).isEqualTo(SnomXml.standardOffsetHours(zone)));
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/snom-dect/plugin.yml")).isNotNull();
  }
}
