package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The Fanvil pack: identification from real User-Agents and file names, golden {@code <sysConf>}
 * files, well-formed XML (Fanvil publishes no XSD for it: docs/vendors/fanvil.md), DSS keys,
 * and the time zone index and DST fields (weekday 0 = Sunday) for every zone.
 */
class FanvilPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("fanvil");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macCfg_matchesItsGoldenFile(Fixture fixture) {
    GOLDEN.assertGolden(fixture, "cfg", render(fixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macCfg_isWellFormedSysConf_andLeavesNoTemplateSyntax(Fixture fixture) throws Exception {
    String xml = render(fixture);
    Document doc = parse(xml);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("sysConf");
    assertThat(xml).doesNotContain("{{", "{%", "{#");
    assertThat(x(doc, "/sysConf/ap/FlashFileName")).isEqualTo("Fanvil/$mac.cfg");
  }

  @Test
  void fixtures_coverEveryDocumentedCase() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(fixtures().stream().map(f -> f.device().model()))
        .contains("X1S", "X3U", "X4U", "X5U", "X6U", "X210");
  }

  // --- identification -------------------------------------------------------------------------

  /**
   * Real User-Agents: X4 from wazo-provd-plugins' Fanvil extractor comment; X303 from a SIP
   * REGISTER captured in a public repository; X5U-V2 (with a trailing parenthesis) from FusionPBX's
   * app/provision comment; X4U as in the brief.
   */
  @Test
  void userAgents_ofRealPhones_giveVendorModelVersionAndMac() {
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Fanvil X4 2.10.2.6887 0c383e07e16c"))
        .isEqualTo(info("0c:38:3e:07:e1:6c", "X4", "2.10.2.6887"));
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Fanvil X303 2.12.18.9 0c383e63963b"))
        .isEqualTo(info("0c:38:3e:63:96:3b", "X303", "2.12.18.9"));
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Fanvil X5U-V2 2.12.1 0c3800000000)"))
        .isEqualTo(info("0c:38:00:00:00:00", "X5U-V2", "2.12.1"));
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Fanvil X4U 2.12.1 0c383e123456"))
        .isEqualTo(info("0c:38:3e:12:34:56", "X4U", "2.12.1"));
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Fanvil X7C 2.12.1 0c383e123457").map(DeviceInfo::model))
        .contains("X7C");
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Fanvil X210 2.12.1 0c383e123458").map(DeviceInfo::model))
        .contains("X210");
  }

  @Test
  void otherUserAgents_areNotFanvil() {
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56")).isEmpty();
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Grandstream Model HW GXP2170 SW 1.0.11.74 DevId 000b82aabbcc")).isEmpty();
  }

  @Test
  void fileNames_giveTheMacOfAFanvilOui_orTheModelOfACommonFile() {
    assertThat(identify(IdentifyRule.Source.PATH, "Fanvil/0c383e07e16c.cfg").map(DeviceInfo::mac))
        .contains(Mac.parse("0c:38:3e:07:e1:6c"));
    assertThat(identify(IdentifyRule.Source.PATH, "00a859123456.cfg").map(DeviceInfo::mac))
        .contains(Mac.parse("00:a8:59:12:34:56"));
    assertThat(identify(IdentifyRule.Source.PATH, "Fanvil/F0V00X700000.cfg"))
        .contains(new DeviceInfo(null, null, null, "Fanvil", "X7", null, null));
    assertThat(identify(IdentifyRule.Source.PATH, "Fanvil/F0V0X7C00000.cfg").map(DeviceInfo::model)).contains("X7C");
    assertThat(identify(IdentifyRule.Source.PATH, "001565123456.cfg")).isEmpty(); // a Yealink
    assertThat(GOLDEN.pack.rules().stream().filter(r -> r.source() == IdentifyRule.Source.PATH))
        .allMatch(IdentifyRule::withoutUserAgent);
  }

  @Test
  void dhcpVendorClass_givesTheModel() {
    assertThat(identify(IdentifyRule.Source.DHCP_VENDOR_CLASS, "Fanvil X4U").map(DeviceInfo::model)).contains("X4U");
  }

  @Test
  void syncEvent_isCheckSync() {
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Fanvil");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
  }

  @Test
  void fileTable_servesOnlyTheMacFileUnderFanvil() {
    assertThat(GOLDEN.pack.route("Fanvil/0c383e123456.cfg").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("Fanvil/F0V00X700000.cfg")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("0c383e123456.cfg")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("Fanvil/{mac}\\.cfg");
    assertThat(GOLDEN.pack.files()).allMatch(FileEntry::sensitive);
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/fanvil/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/fanvil/templates/mac.cfg.j2")).isNotNull();
  }

  // --- settings -------------------------------------------------------------------------------

  @Test
  void lines_registrarBackupAndOutboundProxy_transportDtmfMwi() throws Exception {
    Document paris = parse(render(fixture("several-lines-paris")));
    assertThat(x(paris, "//line[@index='1']/PhoneNumber")).isEqualTo("alice");
    assertThat(x(paris, "//line[@index='1']/DTMFMode")).isEqualTo("2");
    assertThat(x(paris, "//line[@index='2']/DTMFMode")).isEqualTo("0");
    assertThat(x(paris, "//line[@index='1']/MWINum")).isEqualTo("*98");
    assertThat(x(paris, "//line[@index='1']/Subscribe")).isEqualTo("1");
    assertThat(x(paris, "//line[@index='3']/RegisterPort")).isEqualTo("5070");
    assertThat(x(paris, "//line[@index='4']/EnableReg")).isEqualTo("0");

    Document backup = parse(render(fixture("backup-no-dst-sao-paulo")));
    assertThat(x(backup, "//line[@index='1']/RegisterAddr")).isEqualTo("10.0.0.1");
    assertThat(x(backup, "//line[@index='1']/ProxyAddr")).isEqualTo("10.0.0.2");
    assertThat(x(backup, "//line[@index='1']/BackupAddr")).isEqualTo("10.0.1.1");
    assertThat(x(backup, "//line[@index='1']/Transport")).isEqualTo("1");
    assertThat(x(backup, "//line[@index='2']/RegisterUser")).isEqualTo("c2auth");
    assertThat(x(backup, "//line[@index='2']/ProxyAddr")).isEqualTo("sbc.example.net");
    assertThat(x(backup, "//line[@index='2']/ProxyPort")).isEqualTo("5065");

    Document tls = parse(render(fixture("tls-srtp-inexact-dst-santiago")));
    assertThat(List.of(x(tls, "//line[@index='1']/Transport"), x(tls, "//line[@index='1']/MediaCrypto")))
        .containsExactly("3", "2");
  }

  @Test
  void dssKeys_speeddialBlfPark_paginated_andLinesOnFreeKeys() throws Exception {
    Document doc = parse(render(fixture("several-lines-paris")));
    assertThat(x(doc, "//dssSide[@index='1']/Fkey[@index='1']/Value")).isEqualTo("SIP1");
    assertThat(x(doc, "//dssSide[@index='1']/Fkey[@index='1']/Type")).isEqualTo("2");
    assertThat(x(doc, "//dssSide[@index='1']/Fkey[@index='4']/Value")).isEqualTo("1004@1/f");
    assertThat(x(doc, "//dssSide[@index='1']/Fkey[@index='5']/Value")).isEqualTo("1005@1/ba*81005");
    assertThat(x(doc, "//dssSide[@index='2']/Fkey[@index='1']/Value")).isEqualTo("701@2/c");
    assertThat(x(doc, "//dssSide[@index='3']/Fkey[@index='10']/Title")).isEqualTo("Last key");
    assertThat(x(doc, "count(//dssSide)")).isEqualTo("3");
    assertThat(render(fixture("several-lines-paris"))).doesNotContain("beyond the keys");
    assertThat(parse(render(fixture("one-line-new-york"))).getElementsByTagName("dsskey").getLength()).isZero();
  }

  @Test
  void timeZone_isAQuarterHourIndex_withDstByMonthWeekAndSunday0() throws Exception {
    Document paris = parse(render(fixture("several-lines-paris")));
    assertThat(List.of(x(paris, "//date/TimeZone"), x(paris, "//date/TimeZoneName"), x(paris, "//date/Enable_DST")))
        .containsExactly("4", "UTC+1", "2");
    assertThat(List.of(x(paris, "//DSTStartMon"), x(paris, "//DSTStartWeek"), x(paris, "//DSTStartWday"), x(paris, "//DSTStartHour")))
        .containsExactly("3", "5", "0", "2");
    assertThat(List.of(x(paris, "//DSTEndMon"), x(paris, "//DSTEndWeek"), x(paris, "//DSTEndHour"), x(paris, "//DSTMinOffset")))
        .containsExactly("10", "5", "3", "60");

    Document sydney = parse(render(fixture("dst-south-sydney-vlan")));
    assertThat(List.of(x(sydney, "//date/TimeZone"), x(sydney, "//DSTStartMon"), x(sydney, "//DSTStartWeek"), x(sydney, "//DSTEndMon")))
        .containsExactly("40", "10", "1", "4");

    Document saoPaulo = parse(render(fixture("backup-no-dst-sao-paulo")));
    assertThat(List.of(x(saoPaulo, "//date/TimeZone"), x(saoPaulo, "//date/Enable_DST"))).containsExactly("-12", "0");
    assertThat(x(saoPaulo, "count(//DSTStartMon)")).isEqualTo("0");
  }

  @Test
  void everyIanaZone_rendersItsQuarterHourIndex_andAValidDstRule() throws Exception {
    Fixture base = fixture("autoprov");
    int zones = 0;
    for (String zone : ZoneId.getAvailableZoneIds()) {
      if (zone.startsWith("SystemV/")) {
        continue;
      }
      Map<String, Object> raw = new HashMap<>(base.rawConfig());
      raw.put("timezone", zone);
      Document doc = parse(render(new Fixture(zone, base.device(), raw)));
      String offset = GoldenFiles.ENGINE.render(name -> Optional.of("{{ tz_info(timezone).utc_offset_minutes }}"),
          "offset", Map.of("timezone", zone));
      assertThat(Integer.parseInt(x(doc, "//date/TimeZone")) * 15).as(zone).isEqualTo(Integer.parseInt(offset));
      if ("2".equals(x(doc, "//date/Enable_DST"))) {
        assertThat(Integer.parseInt(x(doc, "//DSTStartWeek"))).as(zone).isBetween(1, 5);
        assertThat(Integer.parseInt(x(doc, "//DSTEndWday"))).as(zone).isBetween(0, 6);
        assertThat(Integer.parseInt(x(doc, "//DSTStartMon"))).as(zone).isBetween(1, 12);
      }
      zones++;
    }
    assertThat(zones).isGreaterThan(400);
  }

  @Test
  void localeVlanAndWebAccounts() throws Exception {
    Document sydney = parse(render(fixture("dst-south-sydney-vlan")));
    assertThat(List.of(x(sydney, "//qos/EnableVLAN"), x(sydney, "//qos/VLANID"), x(sydney, "//qos/VoicePriority")))
        .containsExactly("1", "20", "5");
    assertThat(x(sydney, "//display/DefaultLanguage")).isEqualTo("en");
    Document paris = parse(render(fixture("several-lines-paris")));
    assertThat(x(paris, "//display/DefaultLanguage")).isEqualTo("fr");
    assertThat(x(paris, "//qos/EnableVLAN")).isEqualTo("0");
    assertThat(x(paris, "//web/account[@index='1']/Password")).isEqualTo("Adm1n!pass");
  }

  // --- helpers --------------------------------------------------------------------------------

  static String render(Fixture fixture) {
    return GOLDEN.render("Fanvil/" + fixture.device().mac().compact() + ".cfg", fixture);
  }

  static Fixture fixture(String name) {
    return GOLDEN.fixture(name);
  }

  static Optional<DeviceInfo> identify(IdentifyRule.Source source, String input) {
    return GOLDEN.identify(source, input);
  }

  static Optional<DeviceInfo> info(String mac, String model, String version) {
    return Optional.of(new DeviceInfo(Mac.parse(mac), null, null, "Fanvil", model, version, null));
  }

  static Document parse(String xml) throws Exception {
    return GoldenFiles.parseXml(xml);
  }

  /** An XPath value; fails when an element path selects nothing. */
  static String x(Document doc, String xpath) throws Exception {
    var xp = XPathFactory.newInstance().newXPath();
    if (!xpath.startsWith("count(")) {
      NodeList nodes = (NodeList) xp.evaluate(xpath, doc, XPathConstants.NODESET);
      assertThat(nodes.getLength()).as("%s is set", xpath).isPositive();
    }
    String value = xp.evaluate(xpath, doc);
    return xpath.startsWith("count(") ? value.replaceFirst("\\.0$", "") : value;
  }
}
