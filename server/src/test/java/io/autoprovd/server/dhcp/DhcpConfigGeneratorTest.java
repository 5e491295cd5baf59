package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.server.app.BundledPacks;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated DHCP configuration, as text (the real servers check it in DhcpConfigValidationTest). */
class DhcpConfigGeneratorTest {
  static final DhcpTargets TARGETS = new DhcpTargets("http://10.0.0.254:8667", "10.0.0.254", 69);

  static DhcpConfigRequest request(Map<String, String> parameters) {
    var multi = new LinkedHashMap<String, List<String>>();
    parameters.forEach((k, v) -> multi.put(k, List.of(v)));
    var parsed = DhcpConfigRequest.parse(multi);
    assertThat(parsed).isInstanceOf(DhcpConfigRequest.Parsed.Valid.class);
    return ((DhcpConfigRequest.Parsed.Valid) parsed).request();
  }

  static List<String> problems(Map<String, List<String>> parameters) {
    var parsed = DhcpConfigRequest.parse(parameters);
    assertThat(parsed).isInstanceOf(DhcpConfigRequest.Parsed.Invalid.class);
    return ((DhcpConfigRequest.Parsed.Invalid) parsed).problems();
  }

  static String isc(Map<String, String> parameters) {
    var all = new LinkedHashMap<>(parameters);
    all.put("format", "isc");
    return DhcpConfigGenerator.generate(request(all), TARGETS, null);
  }

  static JsonNode kea(Map<String, String> parameters) throws Exception {
    var all = new LinkedHashMap<>(parameters);
    all.put("format", "kea");
    return new ObjectMapper().readTree(DhcpConfigGenerator.generate(request(all), TARGETS, null)).path("Dhcp4");
  }

  static JsonNode keaClass(JsonNode dhcp4, String name) {
    return StreamSupport.stream(dhcp4.path("client-classes").spliterator(), false)
        .filter(c -> c.path("name").asText().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void iscOutput_recognisesYealinkByVendorClassOrOui_andSendsOption66WithTheProvisioningUrl() {
    // when
    String config = isc(Map.of());

    // then
    assertThat(config).contains("""
        class "autoprovd-yealink" {
          match if substring(option vendor-class-identifier, 0, 7) = "yealink"
                or (substring(hardware, 1, 3) = 00:15:65 or substring(hardware, 1, 3) = e4:34:d7""");
    assertThat(config).contains("""
          option tftp-server-name "http://10.0.0.254:8667";
        }""");
  }

  @Test
  void iscOutput_reportsLeasesThroughTheShippedHook_onCommitReleaseAndExpiry() {
    // when
    String config = isc(Map.of("hook_dir", "/opt/autoprovd/dhcp"));

    // then
    assertThat(config).contains("on commit {\n  execute(\"/opt/autoprovd/dhcp/autoprovd-isc-hook\", \"commit\", "
        + "binary-to-ascii(10, 8, \".\", leased-address), binary-to-ascii(16, 8, \":\", substring(hardware, 1, 6)),");
    assertThat(config).contains("concat(\"060\", binary-to-ascii(16, 8, \".\", option vendor-class-identifier))");
    assertThat(config).contains("on release {\n  execute(\"/opt/autoprovd/dhcp/autoprovd-isc-hook\", \"release\"");
    assertThat(config).contains("on expiry {\n  execute(\"/opt/autoprovd/dhcp/autoprovd-isc-hook\", \"expiry\"");
  }

  @Test
  void iscOutput_withSubnetAndDevice_hasTheSubnetTemplateAndTheProductGuidesHostDeclaration() {
    // when
    String config = isc(Map.of("subnet", "10.0.0.0/24", "range", "10.0.0.100-10.0.0.199", "router", "10.0.0.1",
        "device", "00-15-65-AA-BB-01"));

    // then
    assertThat(config).contains("""
        subnet 10.0.0.0 netmask 255.255.255.0 {
          range 10.0.0.100 10.0.0.199;
          option routers 10.0.0.1;
        }""");
    assertThat(config).contains("""
        host autoprovd-001565aabb01 {
          hardware ethernet 00:15:65:aa:bb:01;
          option tftp-server-name "http://10.0.0.254:8667";
        }""");
  }

  @Test
  void theHostDeclarationOfAnUnknownMac_carriesTheUrlInOption66_andOfAKnownVendor_thatVendorsOptions() {
    // when
    var unknown = DhcpConfigGenerator.deviceProvisions(Mac.parse("02:00:00:00:00:01"), null);
    var gigaset = DhcpConfigGenerator.deviceProvisions(Mac.parse("02:00:00:00:00:01"), "Gigaset");
    var polycom = DhcpConfigGenerator.deviceProvisions(Mac.parse("00:04:f2:00:00:01"), null);

    // then
    assertThat(unknown).containsExactly(Provision.of(Provision.Field.TFTP_SERVER_NAME, new Provision.Value.HttpUrl("")));
    assertThat(gigaset).containsExactly(Provision.of(Provision.Field.DEFAULT_URL, new Provision.Value.HttpUrl("")));
    assertThat(polycom).containsExactly(
        Provision.of(Provision.Field.TFTP_SERVER_NAME, new Provision.Value.HttpUrl("/000000000000.cfg")));
  }

  @Test
  void aCiscoVendorClass_isMatchedByteForByte_trailingNulIncluded() {
    // when
    String config = isc(Map.of());

    // then "-3PCC\0" cannot be a quoted string: it is written in hex
    assertThat(config).contains("suffix(option vendor-class-identifier, 6) = 2d:33:50:43:43:00");
  }

  @Test
  void aastraGetsOption43SubOptions_2TheUrlAnd3False() {
    // when
    String config = isc(Map.of());

    // then: 02 len "http://10.0.0.254:8667/Aastra" 03 01 00
    String url = "http://10.0.0.254:8667/Aastra";
    String hex = java.util.HexFormat.ofDelimiter(":").formatHex(url.getBytes());
    assertThat(config).contains("option vendor-encapsulated-options 02:"
        + String.format("%02x", url.length()) + ":" + hex + ":03:01:00;");
  }

  @Test
  void keaOutput_hasTheClientClasses_theRunScriptHook_andTheSubnet() throws Exception {
    // when
    JsonNode dhcp4 = kea(Map.of("subnet", "10.0.0.0/24", "range", "10.0.0.100-10.0.0.199", "router", "10.0.0.1",
        "interface", "eth1", "lease_file", "/tmp/leases.csv"));

    // then
    JsonNode yealink = keaClass(dhcp4, "autoprovd-yealink");
    assertThat(yealink.path("test").asText()).startsWith(
        "substring(option[60].hex,0,7) == 'yealink'\n or (substring(pkt4.mac,0,3) == 0x001565 or ");
    assertThat(yealink.path("option-data").get(0).path("name").asText()).isEqualTo("tftp-server-name");
    assertThat(yealink.path("option-data").get(0).path("data").asText()).isEqualTo("http://10.0.0.254:8667");
    JsonNode hook = dhcp4.path("hooks-libraries").get(0);
    assertThat(hook.path("library").asText()).isEqualTo("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_run_script.so");
    assertThat(hook.path("parameters").path("name").asText()).isEqualTo("/usr/local/lib/autoprovd/dhcp/autoprovd-kea-hook");
    assertThat(hook.path("parameters").path("sync").asBoolean(true)).isFalse();
    assertThat(dhcp4.path("interfaces-config").path("interfaces").get(0).asText()).isEqualTo("eth1");
    assertThat(dhcp4.path("lease-database").path("name").asText()).isEqualTo("/tmp/leases.csv");
    assertThat(dhcp4.path("subnet4").get(0).path("pools").get(0).path("pool").asText())
        .isEqualTo("10.0.0.100 - 10.0.0.199");
  }

  @Test
  void keaOutput_sendsEachVendorsOwnOption() throws Exception {
    // when
    JsonNode dhcp4 = kea(Map.of());

    // then
    assertThat(keaClass(dhcp4, "autoprovd-gigaset-n720").path("option-data").get(0).path("code").asInt()).isEqualTo(114);
    assertThat(keaClass(dhcp4, "autoprovd-audiocodes").path("option-data").get(0).path("name").asText())
        .isEqualTo("autoprovd-provisioning-url");
    var cisco7920 = keaClass(dhcp4, "autoprovd-cisco-7920").path("option-data");
    assertThat(cisco7920.get(1).path("name").asText()).isEqualTo("autoprovd-cisco-tftp-servers");
    assertThat(cisco7920.get(1).path("data").asText()).isEqualTo("10.0.0.254");
    var alcatel = keaClass(dhcp4, "autoprovd-alcatel-noe");
    assertThat(alcatel.path("next-server").asText()).isEqualTo("10.0.0.254");
    assertThat(alcatel.path("boot-file-name").asText()).isEqualTo("sipconfig.txt");
    var fanvil = keaClass(dhcp4, "autoprovd-fanvil");
    assertThat(fanvil.path("option-def").get(0).path("type").asText()).isEqualTo("string");
    assertThat(fanvil.path("option-data").get(1).path("data").asText()).isEqualTo("http://10.0.0.254:8667/Fanvil/$mac.cfg");
    assertThat(keaClass(dhcp4, "autoprovd-aastra").has("option-def")).isFalse();
    assertThat(keaClass(dhcp4, "autoprovd-cisco-3pcc").path("test").asText())
        .startsWith("substring(option[60].hex,-6,all) == 0x2d33504343" + "00");
  }

  @Test
  void aTftpHostThatIsAName_leavesOutWhatNeedsAnAddress_andSaysSo() {
    // given
    var named = new DhcpTargets("http://prov.example.com:8667/", "prov.example.com", 6969);

    // when
    String config = DhcpConfigGenerator.generate(request(Map.of("format", "isc")), named, null);

    // then
    assertThat(config).contains("# CISCO_TFTP_SERVERS omitted: the TFTP host 'prov.example.com' is not an IPv4 address");
    assertThat(config).contains("option tftp-server-name \"prov.example.com\";");
    assertThat(config).contains("option tftp-server-name \"http://prov.example.com:8667/Digium\";");
    assertThat(config).contains("TFTP listener is on port 6969");
  }

  @Test
  void theSameRequest_givesTheSameText() {
    assertThat(isc(Map.of("device", "001565aabb01"))).isEqualTo(isc(Map.of("device", "001565aabb01")));
  }

  @Test
  void badParameters_areRefusedWithEveryReason() {
    // when
    List<String> problems = problems(Map.of(
        "format", List.of("dnsmasq"),
        "subnet", List.of("10.0.0.0/24"),
        "range", List.of("10.0.1.1-10.0.1.9"),
        "router", List.of("10.0.0.1"),
        "device", List.of("phone-1"),
        "hook_dir", List.of("/tmp/x\"; execute(\"rm"),
        "color", List.of("blue")));

    // then
    assertThat(problems).containsExactlyInAnyOrder(
        "color: unknown parameter (known: device, format, hook_dir, interface, kea_hooks_dir, lease_file, range, router, subnet)",
        "format: isc or kea, not 'dnsmasq'",
        "range: 10.0.1.1-10.0.1.9 must lie inside 10.0.0.0/24, network and broadcast addresses excluded",
        "device: not a MAC address: 'phone-1'",
        "hook_dir: an absolute path of letters, digits and . _ / + - only: '/tmp/x\"; execute(\"rm'");
  }

  @ParameterizedTest(name = "{0} {1} {2} → {3}")
  @CsvSource(delimiter = '|', value = {
      "10.0.0.0/24 | 10.0.0.100-10.0.0.199 | | subnet, range and router: give all three or none",
      "10.0.0.1/24 | 10.0.0.100-10.0.0.199 | 10.0.0.1 | subnet: 10.0.0.1/24 has host bits set; the block is 10.0.0.0/24",
      "10.0.0.0/24 | 10.0.0.199-10.0.0.100 | 10.0.0.1 | range: 10.0.0.199 comes after 10.0.0.100",
      "10.0.0.0/24 | 10.0.0.100-10.0.0.199 | 10.0.0.150 | router: 10.0.0.150 lies inside the range 10.0.0.100-10.0.0.199",
      "10.0.0.0/24 | 10.0.0.100-10.0.0.199 | 10.0.1.1 | router: 10.0.1.1 is not a host address of 10.0.0.0/24",
      "10.0.0.0/31 | 10.0.0.0-10.0.0.1 | 10.0.0.1 | subnet: prefix must be 8..30, not /31",
      "fe80::/64 | 10.0.0.100-10.0.0.199 | 10.0.0.1 | subnet: not an IPv4 block such as 10.0.0.0/24: 'fe80::/64'"})
  void aSubnetTemplateThatCannotWork_isRefused(String subnet, String range, String router, String problem) {
    var parameters = new LinkedHashMap<String, List<String>>();
    parameters.put("format", List.of("isc"));
    parameters.put("subnet", List.of(subnet));
    parameters.put("range", List.of(range));
    if (router != null) {
      parameters.put("router", List.of(router));
    }
    assertThat(problems(parameters)).containsExactly(problem);
  }

  @Test
  void keaOnlyParameters_areRefusedForIsc() {
    assertThat(problems(Map.of("format", List.of("isc"), "interface", List.of("eth0")))).containsExactly(
        "interface: only for format kea (dhcpd takes its interfaces and lease file on its command line)");
  }

  // --- the vendor table itself ---

  @Test
  void theYealinkOuis_areThoseOfTheYealinkPacksPathRule(@TempDir Path packs) {
    // given dhcp.md §3: "the Yealink OUI list must match the Yealink plugin's known-OUI list"
    BundledPacks.install(packs);
    var yealink = BundledPacks.loadInstalled(packs).stream().filter(p -> p.id().equals("yealink")).findFirst().orElseThrow();
    String pathRule = yealink.rules().stream().filter(r -> r.source() == IdentifyRule.Source.PATH)
        .map(r -> r.pattern().pattern()).findFirst().orElseThrow();
    var m = Pattern.compile("\\(\\?:([0-9a-f|]+)\\)").matcher(pathRule);
    assertThat(m.find()).isTrue();

    // then
    var profile = VendorTable.PROFILES.stream().filter(p -> p.id().equals("yealink")).findFirst().orElseThrow();
    assertThat(profile.ouis()).containsExactlyInAnyOrder(m.group(1).split("\\|"));
  }

  @Test
  void noOuiBelongsToTwoProfiles_andVendorClassProfilesComeFirst() {
    Set<String> seen = new HashSet<>();
    boolean ouiOnlySeen = false;
    for (VendorProfile p : VendorTable.PROFILES) {
      for (String oui : p.ouis()) {
        assertThat(seen.add(oui)).as("OUI %s appears twice", oui).isTrue();
      }
      if (p.vendorClasses().isEmpty()) {
        ouiOnlySeen = true;
      } else {
        assertThat(ouiOnlySeen).as("%s matches vendor classes but comes after an OUI-only profile", p.id()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0} / {1} → {2}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "02:00:00:00:00:01 | yealink | yealink",
      "80:5e:c0:00:00:01 | - | yealink",
      "02:00:00:00:00:01 | Cisco Systems, Inc. IP Phone CP-8841-3PCC\\0 | cisco-3pcc",
      "02:00:00:00:00:01 | Cisco Systems, Inc. IP Phone CP-7941G\\0 | cisco-sccp",
      "02:00:00:00:00:01 | Cisco Systems, Inc. IP Phone 7920\\0 | cisco-7920",
      "02:00:00:00:00:01 | Cisco Systems, Inc. IP Phone SPA504G | cisco-spa",
      "02:00:00:00:00:01 | CISCO SPA122 | cisco-spa",
      "02:00:00:00:00:01 | CISCO ATA191-MPP | cisco-ata-mpp",
      "02:00:00:00:00:01 | Nortel-SIP-1230 | nortel-sip",
      "02:00:00:00:00:01 | Nortel-1230 | nortel-unistim",
      "02:00:00:00:00:01 | snomD785 | snom",
      "00:04:13:00:00:01 | - | snom-oui",
      "00:04:13:00:00:01 | something | -",
      "0c:38:3e:00:00:01 | - | fanvil",
      "0c:38:3e:00:00:01 | Fanvil X4 | -",
      "00:08:5d:00:00:01 | - | aastra-oui",
      "00:08:5d:00:00:01 | AastraIPPhone6757i | aastra",
      "7c:2f:80:00:00:01 | - | gigaset-n720",
      "02:00:00:00:00:01 | MSFT 5.0 | -",
      "02:00:00:00:00:01 | - | -"})
  void aClient_belongsToTheExpectedClass(String mac, String vendorClass, String expected) {
    String sent = vendorClass == null ? null : vendorClass.replace("\\0", "\0");
    assertThat(VendorTable.classify(Mac.parse(mac), sent, null).map(VendorProfile::id).orElse(null)).isEqualTo(expected);
  }
}
