package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.provisioning.IdentifyStep;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import io.autoprovd.core.provisioning.Transport;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The Poly pack: identification from real User-Agents, the per-phone file against golden files,
 * well-formed XML (Poly ships polycomConfig.xsd only inside its UC Software downloads, not as a
 * public schema: see docs/vendors/polycom.md), and the values Poly documents for each setting.
 */
class PolycomPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("polycom");

  /*
   * Real User-Agents:
   * - VVX 500 updater and application (a FreePBX provisioning module's request log, "observed from
   *   a Polycom VVX 500": PUT /0004f282e824-boot.log by the updater, GET /0004f282e824.cfg by the
   *   application);
   * - VVX 450 and Poly Edge E450 (the FreePBX "polycomphones" module's provisioning script);
   * - VVX 101 (wazo-provd acceptance tests) and VVX 411 (a PHP provisioning test suite).
   */
  static final String VVX500_UPDATER = "FileTransport PolycomVVX-VVX_500-UA/5.9.7.47435 Type/Updater";
  static final String VVX500_APP = "FileTransport PolycomVVX-VVX_500-UA/5.9.7.4477 Type/Application";
  static final String VVX450_APP = "FileTransport PolycomVVX-VVX_450-UA/5.9.1.0615 Type/Application";
  static final String EDGE_E450_APP = "FileTransport PolyEdge-Edge_E450-UA/8.0.0.15602 Type/Application";
  static final String VVX101_APP = "FileTransport PolycomVVX-VVX_101-UA/5.4.3.1014 Type/Application";
  static final String VVX411 = "FileTransport PolycomVVX-VVX_411-UA/5.9.5.0614";

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void userCfg_matchesItsGoldenFile(Fixture fixture) {
    GOLDEN.assertGolden(fixture, "cfg", GOLDEN.render(fixture.device().mac().compact() + "-user.cfg", fixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void userCfg_isWellFormedXml_eachParameterOnce_andNoTemplateLeftOver(Fixture fixture) throws Exception {
    String text = GOLDEN.render(fixture.device().mac().compact() + "-user.cfg", fixture);

    Element root = parse(text);

    assertThat(root.getTagName()).isEqualTo("polycomConfig");
    assertThat(text).doesNotContain("{{", "{%", "{#");
    var names = new java.util.ArrayList<String>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        assertThat(e.getChildNodes().getLength()).as("<%s> groups attributes only", e.getTagName()).isZero();
        assertThat(attributes(e).keySet()).as("<%s> holds its own prefix", e.getTagName())
            .allMatch(name -> name.startsWith(e.getTagName() + "."));
        names.addAll(attributes(e).keySet());
      } else {
        assertThat(child.getNodeType()).isIn(Node.TEXT_NODE, Node.COMMENT_NODE);
        assertThat(child.getNodeType() == Node.TEXT_NODE ? child.getNodeValue().strip() : "").isEmpty();
      }
    }
    assertThat(names).as("a parameter written twice").doesNotHaveDuplicates();
    assertThat(names).allMatch(name -> name.matches("[A-Za-z][A-Za-z0-9_.]*"));
  }

  @Test
  void masterFile_isWellFormed_andNamesThePerPhoneFile() throws Exception {
    Element root = parse(Files.readString(Path.of("src/main/packs/polycom/static/000000000000.cfg")));

    assertThat(root.getTagName()).isEqualTo("APPLICATION");
    assertThat(root.getAttribute("CONFIG_FILES")).isEqualTo("[PHONE_MAC_ADDRESS]-user.cfg");
    assertThat(root.getAttribute("APP_FILE_PATH")).isEqualTo("sip.ld");
  }

  @Test
  void fixtures_coverEveryDocumentedCase() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(fixtures().stream().map(f -> f.device().model()))
        .contains("VVX250", "VVX450", "VVX501", "E450", "E220", "VVX601", "VVX350");
  }

  // --- what each setting becomes -------------------------------------------------------------

  @Test
  void paris_gmtOffsetInSeconds_lastSundayOfMarchAndOctober_weekdaysCountedFromSunday() throws Exception {
    var a = rendered("one-line-paris");

    assertThat(a).containsEntry("tcpIpApp.sntp.gmtOffset.overrideDHCP", "1")
        .containsEntry("tcpIpApp.sntp.gmtOffset", "3600")
        .containsEntry("tcpIpApp.sntp.daylightSavings.enable", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.fixedDayEnable", "0")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.month", "3")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.dayOfWeek", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.time", "2")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.month", "10")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.dayOfWeek.lastInMonth", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.time", "3")
        .containsEntry("lcl.ml.lang", "French_France");
  }

  @Test
  void sydney_startsInOctober_endsInApril_onTheFirstSunday() throws Exception {
    var a = rendered("dst-south-sydney");

    assertThat(a).containsEntry("tcpIpApp.sntp.gmtOffset", "36000")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.month", "10")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.date", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.dayOfWeek", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth", "0")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.month", "4")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.date", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.time", "3")
        .containsEntry("device.net.vlanId", "120")
        .containsEntry("qos.ethernet.rtp.user_priority", "5");
  }

  @Test
  void newYork_secondSundayOfMarch_isDate8() throws Exception {
    assertThat(rendered("several-lines")).containsEntry("tcpIpApp.sntp.daylightSavings.start.date", "8")
        .containsEntry("tcpIpApp.sntp.daylightSavings.start.dayOfWeek", "1")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.month", "11")
        .containsEntry("tcpIpApp.sntp.daylightSavings.stop.date", "1")
        .containsEntry("tcpIpApp.sntp.gmtOffset", "-18000");
  }

  @Test
  void saoPaulo_hasNoDst_andItsLanguage() throws Exception {
    assertThat(rendered("no-dst-sao-paulo")).containsEntry("tcpIpApp.sntp.gmtOffset", "-10800")
        .containsEntry("tcpIpApp.sntp.daylightSavings.enable", "0")
        .doesNotContainKey("tcpIpApp.sntp.daylightSavings.start.month")
        .containsEntry("lcl.ml.lang", "Portuguese_Brazil")
        .containsEntry("device.net.vlanId", "");
  }

  @Test
  void severalLines_eachARegistration_theUnusedOnesEmptied() throws Exception {
    var a = rendered("several-lines");

    assertThat(a).containsEntry("reg.1.address", "bob1001").containsEntry("reg.2.address", "bob-sales")
        .containsEntry("reg.3.address", "bob-sup").containsEntry("reg.3.auth.userId", "bob-sup")
        .containsEntry("reg.3.server.1.address", "pbx2.example.com").containsEntry("reg.3.server.1.port", "5080")
        .containsEntry("reg.1.server.1.transport", "UDPOnly")
        .containsEntry("msg.mwi.1.subscribe", "bob1001").containsEntry("msg.mwi.1.callBackMode", "contact")
        .containsEntry("msg.mwi.1.callBack", "*98").containsEntry("msg.mwi.3.callBack", "*97")
        .containsEntry("reg.4.address", "").containsEntry("reg.12.address", "")
        .doesNotContainKey("reg.13.address")
        .containsEntry("tone.dtmf.rfc2833Control", "1").containsEntry("voIpProt.SIP.dtmfViaSignaling.rfc2976", "0")
        .containsEntry("device.syslog.serverName", "10.0.0.20").containsEntry("device.syslog.renderLevel", "2");
  }

  @Test
  void functionKeys_inPositionOrder_parkIsAutomata_cappedAtTheModelsKeys() throws Exception {
    var a = rendered("funckeys");

    assertThat(a).containsEntry("attendant.resourceList.1.address", "1004")
        .containsEntry("attendant.resourceList.1.type", "normal")
        .containsEntry("attendant.resourceList.2.address", "1005")
        .containsEntry("attendant.resourceList.3.address", "701")
        .containsEntry("attendant.resourceList.3.type", "automata")
        .containsEntry("attendant.resourceList.4.address", "700")
        .containsEntry("attendant.resourceList.4.type", "automata")
        .containsEntry("attendant.resourceList.5.label", "1007")
        .containsEntry("attendant.resourceList.6.label", "H&M <shop>")
        .containsEntry("attendant.resourceList.12.address", "1014")
        .doesNotContainKey("attendant.resourceList.13.address")
        .containsEntry("call.directedCallPickupString", "*8")
        .containsEntry("tone.dtmf.viaRtp", "1").containsEntry("tone.dtmf.rfc2833Control", "0");
  }

  @Test
  void noFunctionKeys_emptiesTheWholeResourceList() throws Exception {
    var a = rendered("one-line-paris");

    assertThat(a).containsEntry("attendant.resourceList.1.address", "")
        .containsEntry("attendant.resourceList.4.address", "")
        .doesNotContainKey("attendant.resourceList.5.address");
  }

  @Test
  void backupRegistrar_isServer2_aDifferentProxy_isTheOutboundProxy_tlsAndSrtp() throws Exception {
    var a = rendered("backup-registrar-proxy");

    assertThat(a).containsEntry("reg.1.server.1.address", "10.0.0.1")
        .containsEntry("reg.1.server.2.address", "10.0.1.1").containsEntry("reg.1.server.2.port", "5061")
        .containsEntry("reg.1.server.2.transport", "TLS")
        .containsEntry("reg.1.outboundProxy.address", "10.0.0.2").containsEntry("reg.1.outboundProxy.port", "5061")
        .containsEntry("reg.1.auth.userId", "ivan")
        .containsEntry("reg.2.outboundProxy.address", "sbc.example.net")
        .containsEntry("reg.2.outboundProxy.port", "5065")
        .containsEntry("reg.1.srtp.enable", "1").containsEntry("reg.1.srtp.require", "1");
  }

  @Test
  void autoprovLine_registersWithoutSrtpOrVoicemail_andPasswordsAreLeftAlone() throws Exception {
    var a = rendered("autoprov");

    assertThat(a).containsEntry("reg.1.address", "apq8x2k4r1").containsEntry("reg.1.auth.password", "autoprov")
        .containsEntry("reg.1.srtp.enable", "0").containsEntry("msg.mwi.1.callBackMode", "disabled")
        .containsEntry("device.prov.serverName", "http://10.0.0.10:8667")
        .containsEntry("device.prov.serverType", "HTTP")
        .containsEntry("tcpIpApp.sntp.gmtOffset.overrideDHCP", "0")
        .doesNotContainKey("device.auth.localAdminPassword")
        .containsEntry("feature.directedCallPickup.enabled", "0");
  }

  @Test
  void anUnlistedModel_getsOneRegistration_andNoResourceList_india_languageFallback() throws Exception {
    assertThat(rendered("unlisted-model")).containsEntry("reg.1.address", "eva")
        .doesNotContainKey("reg.2.address").doesNotContainKey("attendant.resourceList.1.address")
        .containsEntry("tcpIpApp.sntp.gmtOffset", "19800").containsEntry("tcpIpApp.sntp.daylightSavings.enable", "0")
        .containsEntry("lcl.ml.lang", "French_France");
  }

  @Test
  void specialCharacters_areEscapedInAttributes() throws Exception {
    assertThat(rendered("one-line-paris")).containsEntry("reg.1.auth.password", "s3cret&<\"x\">");
  }

  // --- identification ------------------------------------------------------------------------

  @Test
  void vvxApplicationUserAgent_givesTheModelWithoutUnderscore_andTheVersion() {
    assertThat(byRules(VVX500_APP)).isEqualTo(new DeviceInfo(null, null, null, "Polycom", "VVX500", "5.9.7.4477", null));
    assertThat(byRules(VVX450_APP)).isEqualTo(new DeviceInfo(null, null, null, "Polycom", "VVX450", "5.9.1.0615", null));
  }

  @Test
  void updaterUserAgent_givesTheModel_butNotItsOwnVersion() {
    assertThat(byRules(VVX500_UPDATER)).isEqualTo(new DeviceInfo(null, null, null, "Polycom", "VVX500", null, null));
    assertThat(byRules(VVX411)).isEqualTo(new DeviceInfo(null, null, null, "Polycom", "VVX411", null, null));
  }

  @Test
  void polyEdgeUserAgent_givesTheEdgeModel() {
    assertThat(byRules(EDGE_E450_APP)).isEqualTo(new DeviceInfo(null, null, null, "Polycom", "E450", "8.0.0.15602", null));
  }

  @Test
  void anUnlistedPolyModel_isStillPolycom_withoutAModel() {
    var info = byRules(VVX101_APP);

    assertThat(info.vendor()).isEqualTo("Polycom");
    assertThat(info.model()).isNull();
    assertThat(GOLDEN.pack.score(info)).isEqualTo(300);
  }

  @Test
  void otherUserAgents_areNotPoly() {
    assertThat(GOLDEN.pack.rules().stream().filter(r -> r.source() == IdentifyRule.Source.USER_AGENT)
        .map(r -> r.apply("Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56", "Polycom")))
        .allMatch(Optional::isEmpty);
  }

  @Test
  void fullIdentification_takesTheMacFromTheRequestedFile() {
    var step = new IdentifyStep(new PluginCatalog(List.of(GOLDEN.pack)));

    var info = step.identify(request("0004f282e824.cfg", VVX500_UPDATER), "0004f282e824.cfg");

    assertThat(info.mac()).isEqualTo(Mac.parse("00:04:f2:82:e8:24"));
    assertThat(info.model()).isEqualTo("VVX500");
    assertThat(step.identify(request("000000000000.cfg", VVX500_APP), "000000000000.cfg").mac()).isNull();
  }

  @Test
  void aPerPhoneFileWithoutUserAgent_namesAPolyPhone() {
    var rule = GOLDEN.pack.rules().stream().filter(r -> r.source() == IdentifyRule.Source.PATH).findFirst().orElseThrow();

    assertThat(rule.withoutUserAgent()).isTrue();
    assertThat(rule.apply("0004f282e824-user.cfg", "Polycom").map(DeviceInfo::mac)).contains(Mac.parse("0004f282e824"));
    assertThat(rule.apply("000000000000-directory.xml", "Polycom")).isEmpty();
    assertThat(rule.apply("0004f282e824.cfg", "Polycom")).as("<mac>.cfg is also Yealink's name").isEmpty();
  }

  // --- pack ----------------------------------------------------------------------------------

  @Test
  void fileTable_servesTheMasterAndTheUserFile_only() {
    assertThat(GOLDEN.pack.route("0004f282e824-user.cfg").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("000000000000.cfg").map(m -> m.entry().scope())).contains(FileEntry.Scope.STATIC);
    for (String notServed : List.of("0004f282e824.cfg", "0004f282e824-phone.cfg", "0004f282e824-web.cfg",
        "0004f282e824-directory.xml", "000000000000-directory.xml", "0004f282e824-license.cfg",
        "sip.ld", "3111-44500-001.sip.ld")) {
      assertThat(GOLDEN.pack.route(notServed)).as(notServed).isEmpty();
    }
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("{mac}-user\\.cfg");
  }

  @Test
  void syncEvent_isCheckSync() {
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Polycom");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/polycom/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/polycom/templates/user.cfg.j2")).isNotNull();
    assertThat(getClass().getResource("/packs/polycom/static/000000000000.cfg")).isNotNull();
  }

  // --- helpers -------------------------------------------------------------------------------

  /** What this pack's rules say about a User-Agent: the first matching rule, as the server asks. */
  private static DeviceInfo byRules(String userAgent) {
    return GOLDEN.identify(IdentifyRule.Source.USER_AGENT, userAgent).orElse(DeviceInfo.EMPTY);
  }

  private static ProvisioningRequest request(String path, String userAgent) {
    return new ProvisioningRequest("t1", Transport.HTTP, "10.0.1.30", path, Map.of("User-Agent", userAgent),
        Instant.EPOCH);
  }

  /** Every parameter of a fixture's rendered file, whichever element groups it. */
  private static Map<String, String> rendered(String fixtureName) throws Exception {
    Fixture fixture = fixtures().stream().filter(f -> f.name().equals(fixtureName)).findFirst().orElseThrow();
    Element root = parse(GOLDEN.render(fixture.device().mac().compact() + "-user.cfg", fixture));
    var all = new LinkedHashMap<String, String>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        all.putAll(attributes(e));
      }
    }
    return all;
  }

  static Element parse(String xml) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
  }

  private static Map<String, String> attributes(Element element) {
    var map = new LinkedHashMap<String, String>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      map.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
    }
    return map;
  }
}
