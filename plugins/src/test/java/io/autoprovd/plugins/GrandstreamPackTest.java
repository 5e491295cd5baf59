package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Grandstream pack: identification from real User-Agents and TFTP names, the golden files of
 * every family (GXP16xx, GXP21xx, GRP261x, HT80x, HT814), well-formed XML, and a POSIX time zone
 * for every IANA zone. Grandstream publishes no XSD for {@code gs_provision}: the files are only
 * parsed (docs/vendors/grandstream.md).
 */
class GrandstreamPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("grandstream");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void cfgMacXml_matchesItsGoldenFile(Fixture fixture) {
    GOLDEN.assertGolden(fixture, "xml", render(fixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void cfgMacXml_isWellFormed_namesItsDevice_andLeavesNoTemplateSyntax(Fixture fixture) throws Exception {
    String xml = render(fixture);
    Document doc = parse(xml);

    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("gs_provision");
    assertThat(text(doc, "mac")).isEqualTo(fixture.device().mac().compact());
    assertThat(xml).doesNotContain("{{", "{%", "{#");
    String version = fixture.device().model().startsWith("GRP") ? "2" : "1";
    assertThat(((Element) doc.getElementsByTagName("config").item(0)).getAttribute("version")).isEqualTo(version);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theRootPath_forTftp_servesTheSameFile(Fixture fixture) {
    String mac = fixture.device().mac().compact();
    assertThat(GOLDEN.render("cfg" + mac + ".xml", fixture)).isEqualTo(render(fixture));
  }

  @Test
  void fixtures_coverEveryFamilyAndDocumentedCase() {
    var models = fixtures().stream().map(f -> f.device().model()).toList();
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(models).contains("GXP2170", "GXP1630", "GRP2614", "HT802", "HT814");
  }

  // --- identification -------------------------------------------------------------------------

  /**
   * Real User-Agents: GXP2135 from FusionPBX's app/provision/index.php comment; GXP1628 and HT801
   * from wazo-provd-plugins' Grandstream info extractors; GRP2616 and the colon-separated GRP2601W
   * DevId from a public Laravel provisioning controller; GXP2170 as in the brief.
   */
  @Test
  void userAgents_ofRealPhonesAndAtas_giveVendorModelVersionAndMac() {
    assertThat(identifyUa("Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"))
        .isEqualTo(info("00:0b:82:8a:a8:72", "GXP2135", "1.0.7.97"));
    assertThat(identifyUa("Grandstream Model HW GXP1628 SW 1.0.4.138 DevId c074ad2bd859"))
        .isEqualTo(info("c0:74:ad:2b:d8:59", "GXP1628", "1.0.4.138"));
    assertThat(identifyUa("Grandstream Model HW HT801 V1.1A SW 1.0.17.5 DevId c074ad273a10"))
        .isEqualTo(info("c0:74:ad:27:3a:10", "HT801", "1.0.17.5"));
    assertThat(identifyUa("Grandstream Model HW GRP2616 SW 1.0.13.59 DevId ec74d7800474"))
        .isEqualTo(info("ec:74:d7:80:04:74", "GRP2616", "1.0.13.59"));
    assertThat(identifyUa("Grandstream Model HW GRP2601W SW 1.0.7.32 DevId EC:74:D7:89:1A:76"))
        .isEqualTo(info("ec:74:d7:89:1a:76", "GRP2601W", "1.0.7.32"));
    assertThat(identifyUa("Grandstream Model HW GXP2170 SW 1.0.11.74 DevId 000b82aabbcc"))
        .isEqualTo(info("00:0b:82:aa:bb:cc", "GXP2170", "1.0.11.74"));
  }

  @Test
  void otherUserAgents_areNotGrandstream() {
    assertThat(identifyUa("Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56")).isEmpty();
    assertThat(identifyUa("Grandstream GXP1400 1.0.4.13")).isEmpty();
    assertThat(identifyUa("Fanvil X4U 2.12.1 0c383e123456")).isEmpty();
  }

  @Test
  void tftpNames_cfgMac_andCfgMacXml_ofGrandstreamOuis_giveTheMac() {
    assertThat(identify(IdentifyRule.Source.TFTP, "cfgc074ad123456.xml"))
        .contains(new DeviceInfo(Mac.parse("c0:74:ad:12:34:56"), null, null, "Grandstream", null, null, null));
    assertThat(identify(IdentifyRule.Source.TFTP, "cfg000b82abcdef").map(DeviceInfo::mac))
        .contains(Mac.parse("00:0b:82:ab:cd:ef"));
    assertThat(identify(IdentifyRule.Source.TFTP, "cfgec74d7000001.xml")).isPresent();
    // Htek (00:1f:c1) asks for cfg<mac>.xml too: not claimed
    assertThat(identify(IdentifyRule.Source.TFTP, "cfg001fc1123456.xml")).isEmpty();
    assertThat(identify(IdentifyRule.Source.TFTP, "cfg.xml")).isEmpty();
  }

  @Test
  void dhcpVendorClass_givesTheVendor_andTheModelWhenSent() {
    assertThat(identify(IdentifyRule.Source.DHCP_VENDOR_CLASS, "Grandstream GXP1610").map(DeviceInfo::model))
        .contains("GXP1610");
    assertThat(identify(IdentifyRule.Source.DHCP_VENDOR_CLASS, "grandstream").map(DeviceInfo::vendor))
        .contains("Grandstream");
    assertThat(identify(IdentifyRule.Source.DHCP_VENDOR_CLASS, "Fanvil X4U")).isEmpty();
  }

  @Test
  void syncEvent_isCheckSync() {
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Grandstream");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
  }

  @Test
  void fileTable_routesThePathsGrandstreamDevicesRequest() {
    assertThat(GOLDEN.pack.route("Grandstream/cfg000b82123456.xml").map(m -> m.entry().scope()))
        .contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("cfg000b82123456.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    // the binary cfg<mac>, cfg<model>.xml and cfg.xml are asked for but not served
    assertThat(GOLDEN.pack.route("cfg000b82123456")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("Grandstream/cfggxp2170.xml")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("Grandstream/cfg.xml")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("Grandstream/cfg{mac}\\.xml");
    assertThat(GOLDEN.pack.files()).allMatch(FileEntry::sensitive);
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/grandstream/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/grandstream/templates/cfg.xml.j2")).isNotNull();
  }

  // --- behaviour the golden files show, asserted by name ---------------------------------------

  @Test
  void gxp21Accounts_useAccountOneCodes_andTheVendorsOffsetsForAccountsTwoToSix() throws Exception {
    Document doc = parse(render(fixture("several-lines-paris")));
    assertThat(p(doc, 271)).isEqualTo("1");
    assertThat(p(doc, 35)).isEqualTo("alice");
    assertThat(p(doc, 404)).isEqualTo("alice2");
    assertThat(p(doc, 2403)).isEqualTo("1"); // account 2 sends DTMF by SIP INFO
    assertThat(p(doc, 501)).isEqualTo("0"); // account 3 unused
    // account 5: base 1700, extended block 2700
    assertThat(p(doc, 1701)).isEqualTo("1");
    assertThat(p(doc, 1702)).isEqualTo("10.0.0.2:5070");
    assertThat(p(doc, 1704)).isEqualTo("alice5");
    assertThat(p(doc, 1707)).isEqualTo("Alice <5>");
    assertThat(p(doc, 1801)).isEqualTo("0");
  }

  @Test
  void gxp21LineKeys_areFixedVpks_lineSpeeddialBlfPark_andNoKeyBeyondTheModel() throws Exception {
    Document doc = parse(render(fixture("several-lines-paris")));
    assertThat(List.of(p(doc, 1363), p(doc, 1364))).containsExactly("0", "0"); // VPK 1 = line 1
    assertThat(List.of(p(doc, 1367), p(doc, 1469), p(doc, 1470))).containsExactly("10", "Dave", "1004");
    assertThat(List.of(p(doc, 1369), p(doc, 1471), p(doc, 1472))).containsExactly("11", "Erin", "1005");
    assertThat(List.of(p(doc, 23804), p(doc, 23805), p(doc, 23807))).containsExactly("19", "1", "701"); // VPK 8
    assertThat(List.of(p(doc, 23820), p(doc, 23823))).containsExactly("11", "1012"); // VPK 12
    assertThat(doc.getElementsByTagName("P23824").getLength()).isZero(); // GXP2170 has 12 line keys
  }

  @Test
  void gxp16Mpks_blfSpeeddialPark_onMpkOneToEight() throws Exception {
    Document doc = parse(render(fixture("mpk-dst-south-sydney")));
    assertThat(List.of(p(doc, 323), p(doc, 301), p(doc, 302), p(doc, 303))).containsExactly("1", "0", "Carol", "1003");
    assertThat(List.of(p(doc, 324), p(doc, 306))).containsExactly("0", "0298765432");
    assertThat(List.of(p(doc, 353), p(doc, 356))).containsExactly("9", "702");
    assertThat(List.of(p(doc, 51), p(doc, 87), p(doc, 229))).containsExactly("20", "5", "30");
  }

  @Test
  void timeZones_areSelfDefinedPosixStrings_inBothHemispheres_andWithoutDst() throws Exception {
    assertThat(p(parse(render(fixture("several-lines-paris"))), 246)).isEqualTo("STD-1DST-2,M3.5.0/02:00:00,M10.5.0/03:00:00");
    assertThat(p(parse(render(fixture("mpk-dst-south-sydney"))), 246)).isEqualTo("STD-10DST-11,M10.1.0/02:00:00,M4.1.0/03:00:00");
    assertThat(p(parse(render(fixture("ata-four-ports-new-york"))), 246)).isEqualTo("STD5DST4,M3.2.0/02:00:00,M11.1.0/02:00:00");
    Document grp = parse(render(fixture("grp-backup-no-dst-sao-paulo")));
    assertThat(item(grp, "dateTime.timezone")).isEqualTo("customize");
    assertThat(item(grp, "dateTime.timezone.custom")).isEqualTo("STD3");
  }

  /**
   * Every zone of the JDK gets a POSIX string whose standard offset is the zone's, and whose DST
   * part (when the zone has DST) has two rules: the pack writes a time zone for every zone, not
   * only for Europe/Paris (vendors.md §5 notes the reference's single mapping).
   */
  @Test
  void everyIanaZone_rendersAValidPosixTimeZone() throws Exception {
    Pattern posix = Pattern.compile("STD(-?\\d{1,2}(?::\\d\\d)?)(?:DST-?\\d{1,2}(?::\\d\\d)?"
        + ",(?:M\\d{1,2}\\.[1-5]\\.[0-6]|J\\d{1,3})/\\d\\d:\\d\\d:00,(?:M\\d{1,2}\\.[1-5]\\.[0-6]|J\\d{1,3})/\\d\\d:\\d\\d:00)?");
    Fixture base = fixture("autoprov");
    int zones = 0;
    for (String zone : ZoneId.getAvailableZoneIds()) {
      if (zone.startsWith("SystemV/")) {
        continue; // JDK aliases, not IANA names
      }
      Map<String, Object> raw = new HashMap<>(base.rawConfig());
      raw.put("timezone", zone);
      String p246 = p(parse(render(new Fixture(zone, base.device(), raw))), 246);
      Matcher m = posix.matcher(p246);
      assertThat(m.matches()).as("%s -> %s", zone, p246).isTrue();
      String standard = GoldenFiles.ENGINE.render(name -> Optional.of("{{ tz_info(timezone).utc_offset_minutes }}"),
          "offset", Map.of("timezone", zone));
      assertThat(posixMinutes(m.group(1))).as("%s standard offset in %s", zone, p246).isEqualTo(-Integer.parseInt(standard));
      zones++;
    }
    assertThat(zones).isGreaterThan(400);
  }

  @Test
  void grpUsesItemNames_backupServerAndOutboundProxy_andStringKeyModes() throws Exception {
    Document doc = parse(render(fixture("grp-backup-no-dst-sao-paulo")));
    assertThat(item(doc, "account.1.sip.server.1.address")).isEqualTo("10.0.0.1:5060");
    assertThat(item(doc, "account.1.sip.server.2.address")).isEqualTo("10.0.1.1:5060");
    assertThat(item(doc, "account.1.sip.outboundProxy.1.address")).isEqualTo("sbc.example.net:5065");
    assertThat(item(doc, "account.1.sip.transport")).isEqualTo("TCP");
    assertThat(item(doc, "account.1.name")).isEqualTo("Carol & Co");
    assertThat(item(doc, "account.2.sip.subscriber.userid")).isEqualTo("c2auth");
    assertThat(item(doc, "pks.vpk.3.keyMode")).isEqualTo("BLF");
    assertThat(item(doc, "pks.vpk.4.keyMode")).isEqualTo("CallPark");
    assertThat(item(doc, "pks.vpk.1.keyMode")).isEqualTo("Line");
    assertThat(item(doc, "language.gui")).isEqualTo("pt");
  }

  @Test
  void htAtas_giveEachFxsPortItsOwnAccount() throws Exception {
    Document ht802 = parse(render(fixture("ata-two-ports-london-vlan")));
    assertThat(List.of(p(ht802, 271), p(ht802, 35), p(ht802, 47), p(ht802, 967))).containsExactly("1", "fax1", "10.0.0.1", "10.0.1.2:5060");
    assertThat(List.of(p(ht802, 401), p(ht802, 735), p(ht802, 734), p(ht802, 747))).containsExactly("1", "door2", "pwD2", "10.0.0.1");
    assertThat(List.of(p(ht802, 850), p(ht802, 860))).containsExactly("102", "102"); // SIP INFO first
    assertThat(List.of(p(ht802, 51), p(ht802, 5038), p(ht802, 342))).containsExactly("0", "3", "10");

    Document ht814 = parse(render(fixture("ata-four-ports-new-york")));
    assertThat(List.of(p(ht814, 4060), p(ht814, 4061), p(ht814, 4063))).containsExactly("p1", "p2", "p4");
    assertThat(List.of(p(ht814, 4595), p(ht814, 4596), p(ht814, 4597), p(ht814, 4598))).containsExactly("1", "1", "0", "1");
    assertThat(p(ht814, 47)).isEqualTo("10.0.0.1");
  }

  @Test
  void aDeviceKnownOnlyByItsTftpName_getsTheOneAccountLayout() throws Exception {
    Fixture known = fixture("autoprov");
    Device noModel = Device.newBuilder("dev-tftp", known.device().tenantUuid())
        .mac(Mac.parse("c0:74:ad:00:00:99")).vendor("Grandstream").plugin("grandstream").build();
    String xml = render(new Fixture("tftp-only", noModel, known.rawConfig()));
    Document doc = parse(xml);
    assertThat(List.of(p(doc, 271), p(doc, 35), p(doc, 47))).containsExactly("1", "apq8x2k4r1", "10.0.0.10");
    assertThat(doc.getElementsByTagName("P401").getLength()).as(xml).isZero();
  }

  // --- helpers --------------------------------------------------------------------------------

  static String render(Fixture fixture) {
    return GOLDEN.render("Grandstream/cfg" + fixture.device().mac().compact() + ".xml", fixture);
  }

  static Fixture fixture(String name) {
    return GOLDEN.fixture(name);
  }

  static Optional<DeviceInfo> identifyUa(String userAgent) {
    return identify(IdentifyRule.Source.USER_AGENT, userAgent);
  }

  static Optional<DeviceInfo> identify(IdentifyRule.Source source, String input) {
    return GOLDEN.identify(source, input);
  }

  static Optional<DeviceInfo> info(String mac, String model, String version) {
    return Optional.of(new DeviceInfo(Mac.parse(mac), null, null, "Grandstream", model, version, null));
  }

  static Document parse(String xml) throws Exception {
    return GoldenFiles.parseXml(xml);
  }

  static String text(Document doc, String tag) {
    Node node = doc.getElementsByTagName(tag).item(0);
    return node == null ? null : node.getTextContent();
  }

  /** The value of P-value {@code code}; fails when the file does not set it. */
  static String p(Document doc, int code) {
    String value = text(doc, "P" + code);
    assertThat(value).as("P%d is set", code).isNotNull();
    return value;
  }

  /** The value of {@code <item name="…">} (config version 2). */
  static String item(Document doc, String name) {
    Map<String, String> items = new LinkedHashMap<>();
    var nodes = doc.getElementsByTagName("item");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      items.put(e.getAttribute("name"), e.getTextContent());
    }
    assertThat(items).as("item %s is set", name).containsKey(name);
    return items.get(name);
  }

  /** Minutes of a POSIX offset ("-5:30" is UTC+5:30 → -330). */
  static int posixMinutes(String offset) {
    boolean negative = offset.startsWith("-");
    String[] parts = offset.replace("-", "").split(":");
    int minutes = Integer.parseInt(parts[0]) * 60 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    return negative ? -minutes : minutes;
  }
}
