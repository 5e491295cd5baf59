package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Mac;
import io.autoprovd.core.document.Documents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DHCP endpoints over a real REST listener: lease reports and the configuration generator. */
class DhcpRestTest {
  static final String DHCPINFO = "/0.2/dev_mgr/dhcpinfo";

  @TempDir Path dataDir;
  AutoprovdUnderTest server;

  @BeforeEach
  void start() {
    server = AutoprovdUnderTest.start(dataDir, "127.0.0.1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Map<String, Object> commit(String ip, String mac, List<String> options) {
    return Map.of("dhcp_info", Map.of("op", "commit", "ip", ip, "mac", mac, "options", options));
  }

  @Test
  void aCommitOfAYealink_answers204_andTheDeviceIsKnownByMacAndAddress() throws Exception {
    // when ISC reports a lease, MAC unpadded, vendor class "yealink" without a dot after the code
    var response = server.rest("POST", DHCPINFO, commit("10.1", "0:15:65:aa:bb:1", List.of("06079.65.61.6c.69.6e.6b")));

    // then
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(server.devices()).singleElement().satisfies(d -> assertThat(d)
        .containsEntry("mac", "00:15:65:aa:bb:01").containsEntry("ip", "10.0.0.1")
        .containsEntry("vendor", "Yealink").containsEntry("plugin", "yealink").containsEntry("added", "auto"));
    assertThat(server.server.store().dhcpLeases().findByIp("10.0.0.1")).isPresent();
  }

  @Test
  void aTokenWithOnlyTheDhcpinfoAcl_mayReportLeases_andNothingElse() throws Exception {
    // given the token a DHCP hook is given
    String hookToken = server.token("provd.dev_mgr.dhcpinfo.create");

    // when
    var report = server.rest("POST", DHCPINFO, commit("10.0.0.9", "00:15:65:aa:bb:09", List.of()), hookToken);
    var read = server.rest("GET", "/0.2/dev_mgr/devices", null, hookToken);
    var noToken = server.rest("POST", DHCPINFO, commit("10.0.0.10", "00:15:65:aa:bb:10", List.of()), null);
    var otherAcl = server.rest("POST", DHCPINFO, commit("10.0.0.11", "00:15:65:aa:bb:11", List.of()),
        server.token("provd.dev_mgr.devices.read"));

    // then
    assertThat(report.statusCode()).isEqualTo(204);
    assertThat(read.statusCode()).isEqualTo(401);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(otherAcl.statusCode()).isEqualTo(401);
    assertThat(server.devices()).extracting(d -> d.get("mac")).containsExactly("00:15:65:aa:bb:09");
  }

  @Test
  void aReleaseAfterACommit_clearsTheDevicesAddress() throws Exception {
    // given
    server.rest("POST", DHCPINFO, commit("10.0.0.42", "00:15:65:aa:bb:01", List.of()));

    // when
    var response = server.rest("POST", DHCPINFO, Map.of("dhcp_info", Map.of("op", "release", "ip", "10.0.0.42")));

    // then
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(server.devices()).singleElement().satisfies(d -> assertThat(d.get("ip")).isNull());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"dhcp_info\": {\"op\": \"renew\", \"ip\": \"10.0.0.1\", \"mac\": \"00:15:65:aa:bb:01\", \"options\": []}}",
      "{\"dhcp_info\": {\"op\": \"commit\", \"ip\": \"10.0.0.1\", \"mac\": \"00:15:65:aa:bb:01\", \"options\": [\"060436973\"]}}",
      "{\"dhcp_info\": {\"op\": \"commit\", \"ip\": \"10.0.0.1\", \"mac\": \"not-a-mac\", \"options\": []}}",
      "{\"dhcp_info\": {\"op\": \"commit\", \"ip\": \"ten.zero.zero.one\", \"mac\": \"00:15:65:aa:bb:01\", \"options\": []}}",
      "{\"dhcp_info\": {\"op\": \"commit\", \"ip\": \"10.0.0.1\", \"mac\": \"00:15:65:aa:bb:01\"}}",
      "{\"dhcp_info\": \"commit 10.0.0.1\"}",
      "{\"op\": \"commit\"}",
      "{\"dhcp_info\": {\"op\": \"commit\"",
      "[]"})
  void badInput_is400WithTheReason_andNothingIsStored(String body) throws Exception {
    // when
    var response = server.rest("POST", DHCPINFO, body);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    Map<String, Object> error = Documents.parseObject(response.body());
    assertThat((String) error.get("message")).isNotBlank();
    assertThat(server.devices()).isEmpty();
    assertThat(server.server.store().dhcpLeases().findByIp("10.0.0.1")).isEmpty();
  }

  @Test
  void theReasonOfA400_namesEachProblem() throws Exception {
    // when
    var response = server.rest("POST", DHCPINFO, Map.of("dhcp_info",
        Map.of("op", "commit", "ip", "10.0.0.1", "mac", "00:15:65:aa:bb:01", "options", List.of("060.79", "60.1"))));

    // then
    assertThat(Documents.parseObject(response.body()).get("errors")).isEqualTo(List.of(
        "options[1]: not a code of three digits followed by dot-separated hex bytes: '60.1'"));
  }

  @Test
  void aBodyThatIsNotJson_is415or400_neverAServerError() throws Exception {
    var response = server.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.restUrl() + DHCPINFO))
        .header("X-Auth-Token", server.adminToken).header("Content-Type", "text/plain")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("commit 10.0.0.1")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void theConfiguration_isGeneratedForTheAdvertisedUrl_inBothFormats() throws Exception {
    // when
    var isc = server.rest("GET", "/0.2/dhcp/config?format=isc&device=00:15:65:aa:bb:01", null);
    var kea = server.rest("GET", "/0.2/dhcp/config?format=kea&subnet=10.0.0.0/24&range=10.0.0.10-10.0.0.20&router=10.0.0.1", null);

    // then
    assertThat(isc.statusCode()).isEqualTo(200);
    assertThat(isc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(isc.body()).contains("option tftp-server-name \"" + server.httpUrl() + "\";")
        .contains("host autoprovd-001565aabb01 {");
    assertThat(kea.statusCode()).isEqualTo(200);
    var dhcp4 = (Map<?, ?>) Documents.parseObject(kea.body()).get("Dhcp4");
    assertThat(dhcp4.get("subnet4")).asList().hasSize(1);
  }

  @Test
  void theHostDeclarationOfAKnownDevice_usesItsStoredVendor() throws Exception {
    // given a Gigaset known by a MAC outside Gigaset's prefixes
    var created = server.rest("POST", "/0.2/dev_mgr/devices",
        Map.of("device", Map.of("mac", "02:00:00:00:00:05", "vendor", "Gigaset")));
    assertThat(created.statusCode()).isEqualTo(201);

    // when
    var isc = server.rest("GET", "/0.2/dhcp/config?format=isc&device=" + Mac.parse("020000000005"), null);

    // then it gets Gigaset's option 114, not the default option 66
    assertThat(isc.body()).contains("host autoprovd-020000000005 {\n  hardware ethernet 02:00:00:00:00:05;\n"
        + "  option default-url \"" + server.httpUrl() + "\";\n}");
  }

  @Test
  void badGeneratorParameters_are400WithEveryReason() throws Exception {
    // when
    var response = server.rest("GET", "/0.2/dhcp/config?format=bind&device=zz", null);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Documents.parseObject(response.body()).get("errors")).isEqualTo(List.of(
        "format: isc or kea, not 'bind'", "device: not a MAC address: 'zz'"));
  }
}
