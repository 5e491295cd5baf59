package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Htek pack: identification from real User-Agents and the file names of Htek's provisioning
 * guide, the per-device file against golden files, well-formed XML of the phone's own format
 * (Htek publishes no XSD for it: see docs/vendors/htek.md), and what each setting becomes.
 */
class HtekPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("htek");

  /*
   * Real User-Agents: "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9" (wazo-provd-plugins, Htek plugin,
   * User-Agent example) and "Htek UC926 2.0.4.2 00:1f:c1:00:00:00" (FusionPBX app/provision,
   * User-Agent example). Real file names: cfg0012.xml, cfg001fc110d3a9 and cfg001fc110d3a9.xml
   * (Htek, "UC900 Series IP Phones Provisioning", §2.1).
   */
  static final String UC903 = "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9";
  static final String UC926 = "Htek UC926 2.0.4.2 00:1f:c1:00:00:00";

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macXml_matchesItsGoldenFile(Fixture fixture) {
    GOLDEN.assertGolden(fixture, "xml", GOLDEN.render("cfg" + fixture.device().mac().compact() + ".xml", fixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyRenderedFile_isWellFormed_hlProvision_eachPCodeOnce(Fixture fixture) throws Exception {
    String code = (String) GOLDEN.pack.model(fixture.device().model()).map(ModelSpec::properties)
        .map(p -> p.get("device_code")).orElse("0010");
    for (String path : List.of("cfg" + fixture.device().mac().compact() + ".xml", "cfg" + code + ".xml")) {
      String text = GOLDEN.render(path, fixture);
      assertThat(text).as(path).doesNotContain("{{", "{%", "{#");

      var codes = pCodes(text);

      assertThat(codes.keySet()).as(path).allMatch(p -> p.matches("P[1-9][0-9]*"));
    }
  }

  @Test
  void commonFile_pointsThePhoneAtTheServer_andNamesItsModels() throws Exception {
    Fixture fixture = fixture("one-line-paris");
    String text = GOLDEN.render("cfg0019.xml", fixture);

    assertThat(pCodes(text)).containsEntry("P237", "http://10.0.0.10:8667/").containsEntry("P212", "1");
    assertThat(text).contains("device code 0019 (UC912, UC912G, UC912E)");
    assertThat(GOLDEN.render("cfg0099.xml", fixture)).contains("device code 0099 (model not listed)");
  }

  @Test
  void fixtures_coverEveryDocumentedCase() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(fixtures().stream().map(f -> f.device().model()))
        .contains("UC902", "UC903", "UC912", "UC912G", "UC923", "UC924", "UC926");
  }

  // --- what each setting becomes -------------------------------------------------------------

  @Test
  void oneLine_accountAndProfile1_andTheUnusedAccountsEmptied() throws Exception {
    var p = rendered("one-line-paris");

    assertThat(p).containsEntry("P271", "1").containsEntry("P24082", "0").containsEntry("P47", "10.0.0.1")
        .containsEntry("P35", "alice").containsEntry("P36", "alice").containsEntry("P34", "s3cret&<x>")
        .containsEntry("P3", "Alice Martin").containsEntry("P20000", "1001").containsEntry("P130", "0")
        .containsEntry("P33", "*98").containsEntry("P4705", "*8")
        .containsEntry("P401", "0").containsEntry("P735", "").containsEntry("P601", "0").containsEntry("P604", "")
        .doesNotContainKey("P20360");
  }

  @Test
  void paris_zoneCode49_lastSundayOfMarchAndOctober_weekdaysFromSunday0() throws Exception {
    assertThat(rendered("one-line-paris")).containsEntry("P64", "49").containsEntry("P143", "0")
        .containsEntry("P75", "1").containsEntry("P23117", "0")
        .containsEntry("P23118", "3").containsEntry("P23119", "5").containsEntry("P23120", "0")
        .containsEntry("P23121", "2")
        .containsEntry("P23122", "10").containsEntry("P23123", "5").containsEntry("P23124", "0")
        .containsEntry("P23125", "3").containsEntry("P30", "10.0.0.10");
  }

  @Test
  void sydney_zoneCode96_firstSundayOfOctoberToFirstSundayOfApril_andVlans() throws Exception {
    assertThat(rendered("dst-south-sydney")).containsEntry("P64", "96")
        .containsEntry("P23118", "10").containsEntry("P23119", "1").containsEntry("P23120", "0")
        .containsEntry("P23122", "4").containsEntry("P23123", "1").containsEntry("P23125", "3")
        .containsEntry("P24053", "1").containsEntry("P51", "120").containsEntry("P87", "5")
        .containsEntry("P229", "130");
  }

  @Test
  void saoPaulo_zoneCode30_withoutDst() throws Exception {
    assertThat(rendered("no-dst-sao-paulo")).containsEntry("P64", "30").containsEntry("P75", "0")
        .doesNotContainKey("P23118").containsEntry("P24053", "0").containsEntry("P51", "0");
  }

  @Test
  void severalLines_eachAccountItsOwnProfile_andDtmfPerLine() throws Exception {
    var p = rendered("several-lines");

    assertThat(p).containsEntry("P47", "pbx.example.com:5060").containsEntry("P747", "pbx.example.com:5060")
        .containsEntry("P502", "pbx2.example.com:5080")
        .containsEntry("P24083", "1").containsEntry("P24084", "2")
        .containsEntry("P20166", "0").containsEntry("P20167", "2").containsEntry("P20168", "1")
        .containsEntry("P504", "bob-sup").containsEntry("P505", "bob-sup")
        .containsEntry("P99", "1").containsEntry("P526", "*97")
        .containsEntry("P64", "18").containsEntry("P23119", "2").containsEntry("P23123", "1");
  }

  @Test
  void lineKeys_linesThenSpeedDialBlfPark_blfCarriesThePickupCode_cappedAtTheModel() throws Exception {
    var p = rendered("funckeys");

    assertThat(p).containsEntry("P41200", "1").containsEntry("P41400", "1003")
        .containsEntry("P41201", "1").containsEntry("P41401", "1013")
        .containsEntry("P41202", "2").containsEntry("P41302", "1004").containsEntry("P41402", "Dave")
        .containsEntry("P41203", "3").containsEntry("P41303", "1005").containsEntry("P41603", "*8")
        .containsEntry("P20200", "8").containsEntry("P20201", "701")
        .containsEntry("P20205", "8").containsEntry("P20206", "700").containsEntry("P20207", "Park")
        .containsEntry("P20210", "3").containsEntry("P20212", "1007")
        .containsEntry("P20215", "2").containsEntry("P20217", "H&M <shop>").containsEntry("P20219", "")
        .containsEntry("P20220", "0").containsEntry("P20221", "").containsEntry("P20222", "")
        .containsEntry("P20355", "3").containsEntry("P20356", "1036")
        .doesNotContainKey("P23000").containsEntry("P41500", "255")
        .containsEntry("P20931", "700").containsEntry("P53200", "*25").containsEntry("P53103", "*20");
  }

  @Test
  void backupRegistrar_isTheFailoverServer_aDifferentProxy_isTheOutboundProxy() throws Exception {
    var p = rendered("backup-registrar-proxy");

    assertThat(p).containsEntry("P47", "10.0.0.1").containsEntry("P967", "10.0.1.1:5061")
        .containsEntry("P48", "10.0.0.2:5061").containsEntry("P130", "2").containsEntry("P183", "2")
        .containsEntry("P35", "ivan").containsEntry("P36", "ivan")
        .containsEntry("P748", "sbc.example.net:5065").containsEntry("P987", "10.0.1.1:5061");
  }

  @Test
  void autoprovLine_withoutSrtpOrVoicemail_noKeysOnTheUc902_passwordsLeftAlone() throws Exception {
    var p = rendered("autoprov");

    assertThat(p).containsEntry("P35", "apq8x2k4r1").containsEntry("P34", "autoprov").containsEntry("P183", "0")
        .containsEntry("P33", "").containsEntry("P401", "0").doesNotContainKey("P601")
        .doesNotContainKey("P41200").doesNotContainKey("P2").doesNotContainKey("P196")
        .doesNotContainKey("P64").doesNotContainKey("P30").containsEntry("P24012", "1");
  }

  @Test
  void anUnlistedModel_getsAccount1Only_andNoKeys_india_zoneCode84() throws Exception {
    assertThat(rendered("unlisted-model")).containsEntry("P271", "1").containsEntry("P35", "eva")
        .doesNotContainKey("P401").doesNotContainKey("P735").doesNotContainKey("P41200")
        .containsEntry("P64", "84").containsEntry("P75", "0");
  }

  // --- identification ------------------------------------------------------------------------

  @Test
  void realUserAgents_giveModelVersionAndMac() {
    assertThat(byRules(UC903)).isEqualTo(
        new DeviceInfo(Mac.parse("00:1f:c1:1c:22:a9"), null, null, "Htek", "UC903", "2.0.4.2", null));
    assertThat(byRules(UC926)).isEqualTo(
        new DeviceInfo(Mac.parse("00:1f:c1:00:00:00"), null, null, "Htek", "UC926", "2.0.4.2", null));
  }

  @Test
  void aMacWithoutColons_andANewerVersionScheme_areRead_too() {
    assertThat(byRules("Htek UC926 2.0.4.6.41 001fc1123456")).isEqualTo(
        new DeviceInfo(Mac.parse("00:1f:c1:12:34:56"), null, null, "Htek", "UC926", "2.0.4.6.41", null));
    assertThat(byRules("Htek UC902G 2.42.6.5.45R14 00:1f:c1:aa:bb:cc").version()).isEqualTo("2.42.6.5.45R14");
  }

  @Test
  void theGuidesFileNames_withoutUserAgent_nameAnHtekPhone() {
    var rule = GOLDEN.pack.rules().stream().filter(r -> r.source() == IdentifyRule.Source.PATH).findFirst().orElseThrow();

    assertThat(rule.withoutUserAgent()).isTrue();
    assertThat(rule.apply("cfg001fc110d3a9.xml", "Htek").map(DeviceInfo::mac)).contains(Mac.parse("001fc110d3a9"));
    assertThat(rule.apply("cfg001fc110d3a9", "Htek").map(DeviceInfo::mac)).contains(Mac.parse("001fc110d3a9"));
    assertThat(rule.apply("cfg0012.xml", "Htek")).isEmpty();
    assertThat(rule.apply("cfg000b82123456.xml", "Htek")).as("Grandstream's name, another OUI").isEmpty();
  }

  @Test
  void otherUserAgents_areNotHtek() {
    assertThat(GOLDEN.pack.rules().stream().filter(r -> r.source() == IdentifyRule.Source.USER_AGENT)
        .map(r -> r.apply("Grandstream Model HW GXP2170 SW 1.0.11.3 DevId c074ad123456", "Htek")))
        .allMatch(Optional::isEmpty);
  }

  // --- pack ----------------------------------------------------------------------------------

  @Test
  void fileTable_commonFilePerDeviceCode_deviceFilePerMac_notTheBinaryBackup() {
    for (ModelSpec model : GOLDEN.pack.models().values()) {
      Object code = model.properties().get("device_code");
      if (code != null) {
        var match = GOLDEN.pack.route("cfg" + code + ".xml").orElseThrow();
        assertThat(match.entry().scope()).isEqualTo(FileEntry.Scope.COMMON);
        assertThat(match.vars()).containsEntry("code", (String) code);
      }
    }
    assertThat(GOLDEN.pack.route("cfg001fc110d3a9.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("cfg001fc110d3a9")).isEmpty();
    assertThat(GOLDEN.pack.route("factory0010.bin")).isEmpty();
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("cfg{mac}\\.xml");
  }

  @Test
  void syncEvent_isCheckSync() {
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Htek");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/htek/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/htek/templates/mac.xml.j2")).isNotNull();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static DeviceInfo byRules(String userAgent) {
    return GOLDEN.identify(IdentifyRule.Source.USER_AGENT, userAgent).orElse(DeviceInfo.EMPTY);
  }

  private static Fixture fixture(String name) {
    return GOLDEN.fixture(name);
  }

  private static Map<String, String> rendered(String fixtureName) throws Exception {
    Fixture fixture = fixture(fixtureName);
    return pCodes(GOLDEN.render("cfg" + fixture.device().mac().compact() + ".xml", fixture));
  }

  /** P-code → value of an hl_provision file; fails on a P-code written twice or a stray element. */
  static Map<String, String> pCodes(String xml) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element root = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("hl_provision");
    assertThat(root.getAttribute("version")).isEqualTo("1");
    var configs = new ArrayList<Element>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        configs.add(e);
      }
    }
    assertThat(configs).hasSize(1);
    assertThat(configs.getFirst().getTagName()).isEqualTo("config");
    assertThat(configs.getFirst().getAttribute("version")).isEqualTo("1");
    var codes = new LinkedHashMap<String, String>();
    for (Node n = configs.getFirst().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        assertThat(e.hasAttribute("para")).as("%s has its para name", e.getTagName()).isTrue();
        assertThat(codes.put(e.getTagName(), e.getTextContent())).as("%s written twice", e.getTagName()).isNull();
      }
    }
    return codes;
  }
}
