package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The Linphone pack: a softphone identified by the UUID in its config-uri, served liblinphone's
 * lpconfig XML, which must validate against liblinphone's own schema (lpconfig.xsd of the Debian
 * source package linphone 5.1.65, kept in the test resources).
 */
class LinphonePackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("linphone");
  static final String NS = "http://www.linphone.org/xsds/lpconfig.xsd";

  /** Fixtures name the device by {@code uuid} (a softphone has no MAC), so they are read here. */
  @SuppressWarnings("unchecked")
  static List<Fixture> fixtures() {
    Path dir = Path.of("src/test/resources/linphone/fixtures");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().map(file -> {
        try {
          Map<String, Object> doc = new ObjectMapper().readValue(file.toFile(), Map.class);
          Map<String, Object> d = (Map<String, Object>) doc.get("device");
          String name = file.getFileName().toString().replaceFirst("\\.json$", "");
          Device device = Device.newBuilder("dev-" + name, "00000000-0000-4000-8000-000000000001")
              .uuid((String) d.get("uuid")).ip((String) d.get("ip")).vendor("Linphone")
              .model((String) d.get("model")).version((String) d.get("version")).plugin("linphone").build();
          return new Fixture(name, device, (Map<String, Object>) doc.get("raw_config"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Fixture fixture(String name) {
    return fixtures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  static String render(Fixture fixture) {
    return GOLDEN.render("linphone/" + fixture.device().uuid() + ".xml", fixture);
  }

  /** section → entry → value, as liblinphone's xml2lpc reads the file. */
  static Map<String, Map<String, String>> sections(String xml) {
    Document doc = parse(xml);
    var result = new LinkedHashMap<String, Map<String, String>>();
    var sections = doc.getDocumentElement().getElementsByTagNameNS(NS, "section");
    for (int i = 0; i < sections.getLength(); i++) {
      Element section = (Element) sections.item(i);
      var entries = new LinkedHashMap<String, String>();
      var list = section.getElementsByTagNameNS(NS, "entry");
      for (int j = 0; j < list.getLength(); j++) {
        Element entry = (Element) list.item(j);
        assertThat(entry.getAttribute("overwrite")).as("entry %s", entry.getAttribute("name")).isEqualTo("true");
        entries.put(entry.getAttribute("name"), entry.getTextContent());
      }
      assertThat(result.put(section.getAttribute("name"), entries)).as("section repeated").isNull();
    }
    return result;
  }

  static Document parse(String xml) {
    return GoldenFiles.parseXml(xml);
  }

  static void validate(String xml) {
    try {
      var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(Path.of("src/test/resources/linphone/lpconfig.xsd").toFile());
      Validator validator = schema.newValidator();
      validator.validate(new StreamSource(new StringReader(xml)));
    } catch (SAXException e) {
      throw new AssertionError("not valid against lpconfig.xsd: " + e.getMessage() + "\n" + xml, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DeviceInfo identify(IdentifyRule.Source source, String input) {
    return GOLDEN.identify(source, input).orElse(null);
  }

  // ---- golden files, schema

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void provisioningFile_isValidAgainstLinphonesSchema_andMatchesItsGoldenFile(Fixture fixture) {
    String xml = render(fixture);
    parse(xml);
    validate(xml);
    GOLDEN.assertGolden(fixture, "xml", xml);
  }

  @Test
  void fixtures_coverTheDocumentedCases() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(fixtures()).extracting(Fixture::name).contains("several-lines", "autoprov", "tls-srtp-required",
        "backup-outbound-sydney", "one-line-paris", "no-lines-sao-paulo");
  }

  // ---- what the file says

  @Test
  void oneLine_isAccount0_withItsCredentials_andTheClientsDtmf() {
    var s = sections(render(fixture("one-line-paris")));
    assertThat(s.get("sip")).containsEntry("default_proxy", "0").containsEntry("use_rfc2833", "1")
        .containsEntry("use_info", "0").containsEntry("media_encryption", "none");
    assertThat(s.get("proxy_0")).containsEntry("reg_proxy", "<sip:10.0.0.1:5060;transport=udp>")
        .containsEntry("reg_identity", "\"Alice Martin\" <sip:alice@10.0.0.1>")
        .containsEntry("reg_route", "").containsEntry("reg_sendregister", "1");
    assertThat(s.get("auth_info_0")).containsEntry("username", "alice").containsEntry("userid", "alice")
        .containsEntry("passwd", "pwA").containsEntry("domain", "10.0.0.1");
    assertThat(s).doesNotContainKeys("proxy_1", "auth_info_1");
  }

  @Test
  void lines1_2_4_becomeAccounts0_1_2_withoutAGap_asLiblinphoneReadsThemInOrder() {
    var s = sections(render(fixture("several-lines")));
    assertThat(s).containsKeys("proxy_0", "proxy_1", "proxy_2", "auth_info_0", "auth_info_1", "auth_info_2")
        .doesNotContainKeys("proxy_3");
    assertThat(s.get("proxy_2")).containsEntry("reg_proxy", "<sip:pbx2.example.com:5080;transport=udp>");
    assertThat(s.get("auth_info_1")).containsEntry("username", "bob-sales").containsEntry("userid", "sales-auth");
    assertThat(s.get("sip")).as("DTMF follows line 1").containsEntry("use_info", "1").containsEntry("use_rfc2833", "0");
  }

  @Test
  void tls_andRequiredSrtp_areTheTransportParameter_andMandatoryMediaEncryption() {
    var s = sections(render(fixture("tls-srtp-required")));
    assertThat(s.get("proxy_0")).containsEntry("reg_proxy", "<sip:sbc.example.com:5061;transport=tls>");
    assertThat(s.get("sip")).containsEntry("media_encryption", "srtp").containsEntry("media_encryption_mandatory", "1");
  }

  @Test
  void aProxyOtherThanTheRegistrar_orAnOutboundProxy_isTheRoute() {
    var s = sections(render(fixture("backup-outbound-sydney")));
    assertThat(s.get("proxy_0")).containsEntry("reg_proxy", "<sip:reg.example.com:5060;transport=udp>")
        .containsEntry("reg_route", "<sip:edge.example.com:5070;transport=udp;lr>");
    assertThat(s.get("proxy_1")).containsEntry("reg_route", "<sip:outbound.example.com:5090;transport=udp;lr>");
    assertThat(s.get("sip")).containsEntry("media_encryption", "srtp").containsEntry("media_encryption_mandatory", "0");
  }

  @Test
  void theAutoprovLine_neverNegotiatesSrtp() {
    var s = sections(render(fixture("autoprov")));
    assertThat(s.get("proxy_0")).containsEntry("reg_identity", "\"Autoprov\" <sip:apq8x2k4r1@10.0.0.10>");
    assertThat(s.get("sip")).containsEntry("media_encryption", "none").containsEntry("use_info", "1");
  }

  @Test
  void quotesAndMarkup_inNamesAndPasswords_reachTheClientUnchanged() {
    var s = sections(render(fixture("escaped-names")));
    assertThat(s.get("proxy_0")).containsEntry("reg_identity", "\"Eve \\\"The\\\" O'Neil & Co <HQ>\" <sip:eve@10.0.0.1>");
    assertThat(s.get("auth_info_0")).containsEntry("passwd", "p<&>\"'w");
  }

  @Test
  void noLine_leavesNoDefaultAccount() {
    var s = sections(render(fixture("no-lines-sao-paulo")));
    assertThat(s.get("sip")).containsEntry("default_proxy", "-1");
    assertThat(s).containsOnlyKeys("sip");
  }

  // ---- identification, file table, sync

  @Test
  void theUuidInTheConfigUriPath_identifiesTheClient() {
    DeviceInfo info = identify(IdentifyRule.Source.PATH, "linphone/3f2504e04f8911d39a0c0305e82c3301.xml");
    assertThat(info.uuid()).isEqualTo("3f2504e04f8911d39a0c0305e82c3301");
    assertThat(info.vendor()).isEqualTo("Linphone");
    assertThat(info.model()).isEqualTo("Linphone");
    assertThat(info.mac()).isNull();
    assertThat(identify(IdentifyRule.Source.PATH, "linphone/7c9e6679-7425-40de-944b-e07fc1f90ae7.xml").uuid())
        .isEqualTo("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    assertThat(identify(IdentifyRule.Source.PATH, "linphone/3F2504E04F8911D39A0C0305E82C3301.xml")).isNull();
    assertThat(identify(IdentifyRule.Source.PATH, "linphone/3f2504e0.xml")).isNull();
    assertThat(identify(IdentifyRule.Source.PATH, "3f2504e04f8911d39a0c0305e82c3301.xml")).isNull();
  }

  @Test
  void realUserAgents_ofDesktopAndroidIosAndLinphonec_nameTheVendorAndVersion() {
    // Public SIP captures quoted in GitHub repositories (found with the code search), and
    // Debian bookworm's linphonec 5.1.65 as observed fetching its config-uri.
    var cases = Map.of(
        "Linphone Desktop/4.3.0-beta-33-gc3ac9637 (Manjaro Linux, Qt 5.12.5) LinphoneCore/5.0.22-1-g8c5243994",
        "4.3.0-beta-33-gc3ac9637",
        "Linphone Desktop/5.0.2 (HP) Windows 10", "5.0.2",
        "LinphoneAndroid/5.0.7 (Nokia 6.1) LinphoneSDK/5.2.27 (tags/5.2.27^0)", "5.0.7",
        "LinphoneAndroid/5.2.5 ([LG-F750K (567)]0) LinphoneSDK/5.3.47 (tags/5.3.47^0)", "5.2.5",
        "LinphoneiOS/4.6.5 (iPhone) LinphoneSDK/5.2.45", "4.6.5",
        "LinphoneiOS/4.5.1 (iPhone de Kijou) LinphoneSDK/5.0.40-pre.2+ea19d3d", "4.5.1",
        "Linphonec/5.1.65", "5.1.65");
    cases.forEach((ua, version) -> {
      DeviceInfo info = identify(IdentifyRule.Source.USER_AGENT, ua);
      assertThat(info).as(ua).isNotNull();
      assertThat(info.vendor()).isEqualTo("Linphone");
      assertThat(info.model()).isEqualTo("Linphone");
      assertThat(info.version()).as(ua).isEqualTo(version);
      assertThat(info.hasIdentity()).as("a User-Agent names no client").isFalse();
    });
    // A Linphone Desktop build without a version string (seen in captures): vendor, no version.
    assertThat(identify(IdentifyRule.Source.USER_AGENT,
        "Linphone Desktop/ (Ubuntu 22.04.1 LTS, Qt 5.15.3) LinphoneCore/4.4.21").version()).isNull();
    // liblinphone's User-Agent before the application set its own (a fresh linphonec's first fetch).
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Unknown")).isNull();
    assertThat(identify(IdentifyRule.Source.USER_AGENT, "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56")).isNull();
  }

  @Test
  void fileTable_servesTheConfigUriPath_only() {
    var match = GOLDEN.pack.route("linphone/3f2504e04f8911d39a0c0305e82c3301.xml").orElseThrow();
    assertThat(match.entry().scope()).isEqualTo(FileEntry.Scope.DEVICE);
    assertThat(match.entry().sensitive()).isTrue();
    assertThat(match.vars()).containsEntry("uuid", "3f2504e04f8911d39a0c0305e82c3301");
    assertThat(match.macInPath()).isNull();
    assertThat(GOLDEN.pack.route("linphone/nope.xml")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.route("3f2504e04f8911d39a0c0305e82c3301.xml")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).hasValueSatisfying(p -> assertThat(p).startsWith("linphone/"));
  }

  @Test
  void pack_isLinphone_1_0_0_withNoSyncEvent_andNoFunctionKeys() {
    assertThat(GOLDEN.pack.vendor()).isEqualTo("Linphone");
    assertThat(GOLDEN.pack.version()).isEqualTo("1.0.0");
    assertThat(GOLDEN.pack.syncEvent()).isEqualTo("none");
    var model = GOLDEN.pack.model("Linphone").orElseThrow();
    assertThat(model.functionKeys()).isZero();
    assertThat(getClass().getResource("/packs/linphone/templates/linphone.xml.j2")).isNotNull();
  }
}
