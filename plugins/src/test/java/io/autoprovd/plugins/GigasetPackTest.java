package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Gigaset pack: the N510 IP PRO's ProviderFrame and the Nx70's nvm provisioning file behind one
 * file name, the bases' real User-Agents, and golden files. Gigaset publishes no XSD for either
 * format (docs/vendors/gigaset.md): every file is parsed by the JDK's DOM parser instead.
 */
class GigasetPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("gigaset");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  static Fixture fixture(String name) {
    return GOLDEN.fixture(name);
  }

  static boolean n510(Fixture f) {
    return f.device().model().startsWith("N510");
  }

  /** The name each base asks for: the N510 its MAC in upper case, the Nx70 in lower case. */
  static String fileName(Fixture f) {
    String mac = f.device().mac().compact();
    return (n510(f) ? mac.toUpperCase(Locale.ROOT) : mac) + ".xml";
  }

  static String render(Fixture f) {
    return GOLDEN.render(fileName(f), f);
  }

  static Document parse(String xml) {
    return GoldenFiles.parseXml(xml);
  }

  /** Nx70: name → value of every nvm param (a name written twice fails). */
  static Map<String, String> params(String xml) {
    var list = parse(xml).getElementsByTagName("param");
    var result = new LinkedHashMap<String, String>();
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      if (p.getParentNode() instanceof Element parent && parent.getTagName().equals("nvm")) {
        assertThat(result.put(p.getAttribute("name"), p.getAttribute("value"))).as(p.getAttribute("name")).isNull();
      }
    }
    return result;
  }

  /** N510: ID → value of every SYMB_ITEM (a value as written, quotes included). */
  static Map<String, String> items(String xml) {
    var list = parse(xml).getElementsByTagName("SYMB_ITEM");
    var result = new LinkedHashMap<String, String>();
    for (int i = 0; i < list.getLength(); i++) {
      Element item = (Element) list.item(i);
      assertThat(item.getAttribute("class")).isEqualTo("symb_item");
      assertThat(result.put(item.getAttribute("ID"), item.getAttribute("value"))).as(item.getAttribute("ID")).isNull();
    }
    return result;
  }

  static DeviceInfo identify(IdentifyRule.Source source, String input) {
    return GOLDEN.identify(source, input).orElse(null);
  }

  // ---- golden files, well-formed XML of the right format

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void deviceFile_isWellFormedXmlOfItsFamily_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = render(fixture);
    Document doc = parse(xml);
    if (n510(fixture)) {
      assertThat(doc.getDocumentElement().getTagName()).isEqualTo("ProviderFrame");
      assertThat(doc.getElementsByTagName("MAC_ADDRESS").item(0).getAttributes().getNamedItem("value").getNodeValue())
          .isEqualTo(fixture.device().mac().compact().toUpperCase(Locale.ROOT));
    } else {
      assertThat(doc.getDocumentElement().getTagName()).isEqualTo("provisioning");
      assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("1.1");
      assertThat(doc.getDocumentElement().getAttribute("productID")).isEqualTo("e2");
    }
    GOLDEN.assertGolden(fixture, "xml", xml);
  }

  @Test
  void fixtures_coverBothFamiliesAndTheDocumentedCases() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(fixtures()).extracting(f -> f.device().model())
        .contains("N510 IP PRO", "N670 IP PRO", "N870 IP PRO", "N870E IP PRO");
  }

  // ---- Nx70

  @Test
  void nx70_eachLineIsAHandset_withItsAccount_andAProviderProfileSharedByLinesOfOneServer() {
    var p = params(render(fixture("several-lines-mwi")));
    assertThat(p).containsEntry("SipAccount.00001.UserName", "kim").containsEntry("SipAccount.00001.AuthPassword", "pwK")
        .containsEntry("SipAccount.00001.ProviderId", "0").containsEntry("SipAccount.00002.ProviderId", "0")
        .containsEntry("SipAccount.00004.ProviderId", "1").containsEntry("SipAccount.00004.DisplayName", "Max \"Mobile\" & Co")
        .containsEntry("hs.00001.DECT_AC", "1901").containsEntry("hs.00004.DECT_AC", "1904")
        .containsEntry("SipAccount.00001.VoiceMailMailbox", "*98").containsEntry("SipAccount.00001.VoiceMailActive", "1")
        .doesNotContainKey("SipAccount.00003.UserName");
    assertThat(p).containsEntry("SipProvider.0.RegServerAddress", "pbx.example.com")
        .containsEntry("SipProvider.0.DTMFTransmission", "4").containsEntry("SipProvider.0.MWISubscription", "1")
        .containsEntry("SipProvider.1.ProxyServerPort", "5080").containsEntry("SipProvider.1.DTMFTransmission", "1")
        .doesNotContainKey("SipProvider.2.Name");
    assertThat(p).containsEntry("DmGlobal.0.TimeZone", "Europe/Berlin").containsEntry("Telephony.0.ToneScheme", "Germany")
        .containsEntry("DmGlobal.0.NtpServer", "10.0.0.10")
        .containsEntry("Provisioning.global.ProvisioningServer", "http://10.0.0.10:8667");
    var opers = parse(render(fixture("several-lines-mwi"))).getElementsByTagName("oper");
    assertThat(opers.getLength()).isEqualTo(3);
    assertThat(((Element) opers.item(2)).getAttribute("name")).isEqualTo("add_hs");
    assertThat(((Element) opers.item(2)).getAttribute("value")).isEqualTo("00004");
  }

  @Test
  void nx70_tlsFailoverAndOutboundProxy_areTheProviderProfilesSettings_andTheZoneIsPassedByName() {
    var p = params(render(fixture("dst-south-sydney-tls-failover")));
    assertThat(p).containsEntry("SipProvider.0.TransportProtocol", "3").containsEntry("SipProvider.0.RegServerPort", "5061")
        .containsEntry("SipProvider.0.FailoverServerEnabled", "1").containsEntry("SipProvider.0.FailoverServerAddress", "sbc2.example.com")
        .containsEntry("SipProvider.0.OutboundProxyMode", "0").containsEntry("SipProvider.0.OutboundProxyAddress", "edge.example.com")
        .containsEntry("SipProvider.0.OutboundProxyPort", "5071").containsEntry("SipProvider.0.DTMFTransmission", "2")
        .containsEntry("DmGlobal.0.TimeZone", "Australia/Sydney").doesNotContainKey("Telephony.0.ToneScheme");
  }

  @Test
  void nx70_theAutoprovLine_hasPin0000_andNoMailbox_andAZoneWithoutDstIsStillNamed() {
    var p = params(render(fixture("autoprov-no-dst-sao-paulo")));
    assertThat(p).containsEntry("hs.00001.DECT_AC", "0000").containsEntry("SipAccount.00001.VoiceMailActive", "0")
        .containsEntry("SipAccount.00001.UserName", "apq8x2k4r1").containsEntry("SipProvider.0.OutboundProxyMode", "2")
        .containsEntry("SipProvider.0.FailoverServerEnabled", "0").containsEntry("DmGlobal.0.TimeZone", "America/Sao_Paulo");
  }

  // ---- N510

  @Test
  void n510_writesEverySlot_quotedStringsAndHexNumbers_andSwitchesOffUnusedAccounts() {
    var items = items(render(fixture("n510-several-lines-vlan")));
    assertThat(items).containsEntry("BS_IP_Data1.aucS_SIP_USER_ID", "\"bob\"")
        .containsEntry("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_1", "0x1")
        .containsEntry("BS_IP_Data1.uiI_SIP_SERVER_PORT", "0x13c4")
        .containsEntry("BS_IP_Data3.aucS_SIP_LOGIN_ID_2", "\"sales-auth\"")
        .containsEntry("BS_IP_Data1.aucS_SIP_PASSWORD_2", "\"pw<&>\"'\"")
        .containsEntry("BS_Accounts.astAccounts[1].aucAccountName[0]", "\"Sales & Co\"")
        .containsEntry("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_3", "0x0")
        .containsEntry("BS_IP_Data1.aucS_SIP_PASSWORD_3", "\"\"")
        .containsEntry("BS_IP_Data1.aucS_SIP_SERVER_5", "\"pbx2.example.com\"")
        .containsEntry("BS_IP_Data1.uiI_SIP_SERVER_PORT_5", "0x13d8")
        .containsEntry("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_6", "0x0")
        .containsEntry("BS_IP_Data1.ucB_VLAN_ENABLED", "0x1").containsEntry("BS_IP_Data1.uiI_VLAN_ID", "0x14")
        .containsEntry("BS_IP_Data1.ucI_VLAN_PRIORITY", "0x5")
        .doesNotContainKey("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_7");
  }

  @Test
  void n510_vlan0_isStillAVlan() {
    var items = items(render(fixture("n510-autoprov-vlan-0")));
    assertThat(items).containsEntry("BS_IP_Data1.ucB_VLAN_ENABLED", "0x1").containsEntry("BS_IP_Data1.uiI_VLAN_ID", "0x0")
        .containsEntry("BS_IP_Data1.aucS_SIP_USER_ID", "\"apq8x2k4r1\"");
  }

  // ---- identification, file table, sync

  @Test
  void realUserAgents_nameModelVersionAndMac() {
    // wazo-provd-plugins, gigaset plugin sources (comments quoting bases' requests).
    var n870 = identify(IdentifyRule.Source.USER_AGENT, "Gigaset N870 IP PRO/83.V2.11.0+build.a546b91;7C2F80E0D605");
    assertThat(n870.vendor()).isEqualTo("Gigaset");
    assertThat(n870.model()).isEqualTo("N870 IP PRO");
    assertThat(n870.version()).isEqualTo("83.V2.11.0");
    assertThat(n870.mac()).isEqualTo(Mac.parse("7C2F80E0D605"));
    // Older Nx70 firmware quotes the whole string; requests made for a handset add ";Handset=n".
    var quoted = identify(IdentifyRule.Source.USER_AGENT, "\"Gigaset N870E IP PRO/83.V2.39.0+build.2c2e9b1;7C2F80E0D611\"");
    assertThat(quoted.model()).isEqualTo("N870E IP PRO");
    assertThat(quoted.version()).isEqualTo("83.V2.39.0");
    var handset = identify(IdentifyRule.Source.USER_AGENT, "Gigaset N670 IP PRO/83.V2.49.1+build.d2d8ee9;7C2F80E0D612;Handset=3");
    assertThat(handset.model()).isEqualTo("N670 IP PRO");
    assertThat(handset.mac()).isEqualTo(Mac.parse("7C2F80E0D612"));
    var n510 = identify(IdentifyRule.Source.USER_AGENT, "N510 IP PRO/42.245.00.000.000;7C2F804DF9A9");
    assertThat(n510.model()).isEqualTo("N510 IP PRO");
    assertThat(n510.version()).isEqualTo("42.245.00.000.000");
    assertThat(n510.mac()).isEqualTo(Mac.parse("7C2F804DF9A9"));
    var n510NoMac = identify(IdentifyRule.Source.USER_AGENT, "N510 IP PRO/42.250.00.000.000");
    assertThat(n510NoMac.version()).isEqualTo("42.250.00.000.000");
    assertThat(n510NoMac.mac()).isNull();
    // Another Gigaset base (N720 DM PRO) is not this pack's.
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4")).isNull();
  }

  @Test
  void withoutUserAgent_aGigasetMacFileName_namesTheVendor_andOption60NamesTheN510() {
    var byName = identify(IdentifyRule.Source.PATH, "7C2F804DF9A9.xml");
    assertThat(byName.vendor()).isEqualTo("Gigaset");
    assertThat(byName.mac()).isEqualTo(Mac.parse("7C2F804DF9A9"));
    assertThat(byName.model()).isNull();
    assertThat(identify(IdentifyRule.Source.PATH, "001565123456.xml")).isNull();
    assertThat(identify(IdentifyRule.Source.DHCP_VENDOR_CLASS, "N510_IP_PRO").model()).isEqualTo("N510 IP PRO");
  }

  @Test
  void fileTable_servesTheMacFileInEitherCase_asTheDevicesOwnSensitiveTrigger() {
    for (String name : List.of("7C2F804DF9A9.xml", "7c2f80e0d605.xml")) {
      var match = GOLDEN.pack.route(name).orElseThrow();
      assertThat(match.entry().scope()).isEqualTo(FileEntry.Scope.DEVICE);
      assertThat(match.entry().sensitive()).isTrue();
      assertThat(match.macInPath()).isEqualToIgnoringCase(name.substring(0, 12));
    }
    assertThat(GOLDEN.pack.route("42/2/master.bin")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile()).isPresent();
  }

  @Test
  void pack_isGigaset_1_0_0_withCheckSync_andNoFunctionKeys() {
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Gigaset");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("check-sync");
    assertThat(GOLDEN.pack.models().values()).allSatisfy(m -> assertThat(m.functionKeys()).isZero());
    assertThat(GOLDEN.pack.model("N870 IP PRO").orElseThrow().properties()).containsEntry("family", "nx70");
    assertThat(GOLDEN.pack.model("N510 IP PRO").orElseThrow().properties()).containsEntry("family", "n510");
    assertThat(getClass().getResource("/packs/gigaset/templates/nx70.xml.j2")).isNotNull();
  }
}
