package io.autoprovd.server.rest;

import static io.autoprovd.server.rest.RestFixture.MASTER_TOKEN;
import static io.autoprovd.server.rest.RestFixture.OTHER;
import static io.autoprovd.server.rest.RestFixture.OTHER_TOKEN;
import static io.autoprovd.server.rest.RestFixture.SUB;
import static io.autoprovd.server.rest.RestFixture.SUB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analog gateway whose two ports are lines of two tenants (issue 7; docs/rest-api.md, "Lines
 * of a device"): SUB owns the gateway and port 1, OTHER (a sibling of SUB) holds port 2. Each
 * tenant sees the gateway and only its own line; the master tenant sees both.
 */
class DeviceLinesRestTest {
  static final String LINES = "/0.2/dev_mgr/devices/ata/lines";

  @TempDir Path dataDir;
  RestFixture f;

  @BeforeEach
  void start() {
    f = RestFixture.start(dataDir);
    // Discovered in the master tenant, then linked by SUB to its config with port 1's line.
    expect(201, f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "ata",
        "mac", "00:0b:82:aa:bb:cc", "vendor", "Grandstream", "model", "HT802"))).token(MASTER_TOKEN).send());
    expect(201, f.api.post("/0.2/cfg_mgr/configs", Map.of("config", Map.of("id", "ata", "parent_ids", List.of("base"),
        "raw_config", Map.of("sip_lines", Map.of("1", line("sub-101", "sub-secret"))))))
        .token(SUB_TOKEN).send());
    expect(204, f.api.put("/0.2/dev_mgr/devices/ata", Map.of("device", Map.of("mac", "00:0b:82:aa:bb:cc",
        "vendor", "Grandstream", "model", "HT802", "config", "ata"))).token(SUB_TOKEN).send());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  static Map<String, Object> line(String username, String password) {
    return Map.of("username", username, "password", password, "display_name", username,
        "registrar_ip", "pbx.example.com", "proxy_ip", "pbx.example.com");
  }

  private static ApiClient.Reply expect(int status, ApiClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    return reply;
  }

  private void handPort2ToOther() {
    expect(204, f.api.put("/0.2/dev_mgr/devices/ata/line_tenants/2", Map.of("tenant_uuid", OTHER))
        .token(SUB_TOKEN).send());
    expect(204, f.api.put(LINES + "/2", Map.of("line", line("other-201", "other-secret"))).token(OTHER_TOKEN).send());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sipLines(String token, String path) {
    var reply = expect(200, f.api.get(path).token(token).send());
    Map<String, Object> raw = path.endsWith("/raw") ? (Map<String, Object>) reply.json().get("raw_config")
        : (Map<String, Object>) reply.object("config").get("raw_config");
    return (Map<String, Object>) raw.get("sip_lines");
  }

  @Test
  void eachTenant_seesTheGatewayAndOnlyItsOwnLine_andTheMasterSeesBoth() {
    handPort2ToOther();

    // OTHER: the gateway is listed and readable, with its own line only; SUB's config stays hidden.
    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices").token(OTHER_TOKEN).send()).list("devices"))
        .singleElement().satisfies(d -> assertThat(d).containsEntry("id", "ata")
            .containsEntry("tenant_uuid", SUB).containsEntry("line_tenants", Map.of("2", OTHER)));
    assertThat(expect(200, f.api.get(LINES).token(OTHER_TOKEN).send()).object("lines"))
        .containsOnlyKeys("2").extractingByKey("2").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("username", "other-201");
    expect(404, f.api.get("/0.2/cfg_mgr/configs/ata").token(OTHER_TOKEN).send());

    // SUB: the owner sees its device and line 1, not OTHER's line, in every view of its config.
    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices/ata").token(SUB_TOKEN).send()).object("device"))
        .doesNotContainKey("line_tenants");
    assertThat(expect(200, f.api.get(LINES).token(SUB_TOKEN).send()).object("lines")).containsOnlyKeys("1");
    assertThat(sipLines(SUB_TOKEN, "/0.2/cfg_mgr/configs/ata")).containsOnlyKeys("1");
    assertThat(sipLines(SUB_TOKEN, "/0.2/cfg_mgr/configs/ata/raw")).containsOnlyKeys("1");
    assertThat(expect(200, f.api.get("/0.2/cfg_mgr/configs").token(SUB_TOKEN).send()).list("configs"))
        .filteredOn(c -> "ata".equals(c.get("id"))).singleElement()
        .satisfies(c -> assertThat((Map<String, Object>) c.get("raw_config"))
            .extractingByKey("sip_lines").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsOnlyKeys("1"));

    // The master tenant, above both, sees the whole gateway: what its phone is served.
    assertThat(sipLines(MASTER_TOKEN, "/0.2/cfg_mgr/configs/ata/raw")).containsOnlyKeys("1", "2");
    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices/ata").token(MASTER_TOKEN).send()).object("device"))
        .containsEntry("line_tenants", Map.of("2", OTHER));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOwnersConfigReplacement_keepsTheLineItCannotSee() {
    handPort2ToOther();

    expect(204, f.api.put("/0.2/cfg_mgr/configs/ata", Map.of("config", Map.of("parent_ids", List.of("base"),
        "raw_config", Map.of("sip_lines", Map.of("1", line("sub-102", "new"), "2", line("stolen", "x"))))))
        .token(SUB_TOKEN).send());

    var lines = sipLines(MASTER_TOKEN, "/0.2/cfg_mgr/configs/ata");
    assertThat((Map<String, Object>) lines.get("1")).containsEntry("username", "sub-102");
    assertThat((Map<String, Object>) lines.get("2")).containsEntry("username", "other-201")
        .containsEntry("password", "other-secret");
  }

  @Test
  void theLineHolder_cannotTouchTheOwnersLine_norTheDevice() {
    handPort2ToOther();

    expect(404, f.api.put(LINES + "/1", Map.of("line", line("x", "y"))).token(OTHER_TOKEN).send());
    expect(404, f.api.delete(LINES + "/1").token(OTHER_TOKEN).send());
    expect(404, f.api.put("/0.2/dev_mgr/devices/ata/line_tenants/1", Map.of("tenant_uuid", OTHER))
        .token(OTHER_TOKEN).send());
    expect(404, f.api.put("/0.2/dev_mgr/devices/ata", Map.of("device", Map.of("mac", "00:0b:82:aa:bb:cc")))
        .token(OTHER_TOKEN).send());
    expect(404, f.api.delete("/0.2/dev_mgr/devices/ata").token(OTHER_TOKEN).send());
    assertThat(sipLines(MASTER_TOKEN, "/0.2/cfg_mgr/configs/ata")).containsOnlyKeys("1", "2");
    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices/ata").token(MASTER_TOKEN).send()).object("device"))
        .containsEntry("tenant_uuid", SUB);
  }

  @Test
  void takingTheLineBack_hidesTheGatewayFromItsHolder_andClearsThatLine() {
    handPort2ToOther();

    expect(204, f.api.delete("/0.2/dev_mgr/devices/ata/line_tenants/2").token(SUB_TOKEN).send());

    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices").token(OTHER_TOKEN).send()).list("devices")).isEmpty();
    expect(404, f.api.get(LINES).token(OTHER_TOKEN).send());
    // OTHER's SIP password does not stay behind for the owner to read.
    assertThat(sipLines(MASTER_TOKEN, "/0.2/cfg_mgr/configs/ata")).containsOnlyKeys("1");
  }

  @Test
  void aDeviceBodyCannotHandOutLines() {
    expect(204, f.api.put("/0.2/dev_mgr/devices/ata", Map.of("device", Map.of("mac", "00:0b:82:aa:bb:cc",
        "config", "ata", "line_tenants", Map.of("2", OTHER)))).token(SUB_TOKEN).send());

    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices/ata").token(MASTER_TOKEN).send()).object("device"))
        .doesNotContainKey("line_tenants");
    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices").token(OTHER_TOKEN).send()).list("devices")).isEmpty();
  }

  @Test
  void badInput_getsItsError_andChangesNothing() {
    expect(400, f.api.put("/0.2/dev_mgr/devices/ata/line_tenants/0", Map.of("tenant_uuid", OTHER)).token(SUB_TOKEN).invalid().send());
    expect(400, f.api.put("/0.2/dev_mgr/devices/ata/line_tenants/2", Map.of("tenant_uuid", 5)).token(SUB_TOKEN).invalid().send());
    expect(400, f.api.put("/0.2/dev_mgr/devices/ata/line_tenants/2", Map.of("tenant_uuid", OTHER, "x", 1))
        .token(SUB_TOKEN).invalid().send());
    expect(400, f.api.put(LINES + "/abc", Map.of("line", line("a", "b"))).token(SUB_TOKEN).invalid().send());
    expect(400, f.api.put(LINES + "/1", Map.of("line", Map.of("username", 12))).token(SUB_TOKEN).send());
    expect(404, f.api.put("/0.2/dev_mgr/devices/nope/line_tenants/2", Map.of("tenant_uuid", OTHER)).token(SUB_TOKEN).send());

    assertThat(expect(200, f.api.get("/0.2/dev_mgr/devices/ata").token(MASTER_TOKEN).send()).object("device"))
        .doesNotContainKey("line_tenants");
    assertThat(sipLines(MASTER_TOKEN, "/0.2/cfg_mgr/configs/ata")).containsOnlyKeys("1");
  }

  @Test
  void aLineOfADeviceWithoutConfig_isAConflict() {
    expect(201, f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "bare"))).token(SUB_TOKEN).send());

    var reply = expect(409, f.api.put("/0.2/dev_mgr/devices/bare/lines/1", Map.of("line", line("a", "b")))
        .token(SUB_TOKEN).send());
    assertThat(reply.body()).contains("has no config");
  }
}
