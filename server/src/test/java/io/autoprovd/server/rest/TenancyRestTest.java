package io.autoprovd.server.rest;

import static io.autoprovd.server.rest.RestFixture.MASTER;
import static io.autoprovd.server.rest.RestFixture.OTHER;
import static io.autoprovd.server.rest.RestFixture.OTHER_TOKEN;
import static io.autoprovd.server.rest.RestFixture.SUB;
import static io.autoprovd.server.rest.RestFixture.SUB_CHILD;
import static io.autoprovd.server.rest.RestFixture.SUB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication (test_authentication.py) and multi-tenancy (test_multitenant.py), and what autoprovd adds. */
class TenancyRestTest {
  @TempDir Path dataDir;
  RestFixture f;

  @BeforeEach
  void start() {
    f = RestFixture.start(dataDir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String add(String token, String tenant, Map<String, Object> device) {
    var call = f.api.post("/0.2/dev_mgr/devices", Map.of("device", device)).token(token);
    if (tenant != null) {
      call.tenant(tenant);
    }
    var reply = call.send();
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.json().get("id");
  }

  @Test
  void noToken_anUnknownToken_orAMissingAcl_are401Unauthorized_andChangeNothing() {
    f.token("reader", MASTER, "provd.dev_mgr.devices.read");

    var none = f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "a"))).token(null).invalid().send();
    var unknown = f.api.get("/0.2/dev_mgr/devices").token("nope").invalid().send();
    var noAcl = f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "a"))).token("reader").send();

    for (var reply : List.of(none, unknown, noAcl)) {
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.json()).containsEntry("message", "Unauthorized");
    }
    assertThat(f.api.get("/0.2/dev_mgr/devices").token("reader").send().list("devices")).isEmpty();
  }

  @Test
  void aclTemplates_areFilledWithTheDeviceId_andWildcardsApply() {
    add(RestFixture.MASTER_TOKEN, null, Map.of("id", "mine"));
    add(RestFixture.MASTER_TOKEN, null, Map.of("id", "theirs"));
    f.token("one-device", MASTER, "provd.dev_mgr.devices.mine.read");
    f.token("any-device", MASTER, "provd.dev_mgr.devices.*.read");

    assertThat(f.api.get("/0.2/dev_mgr/devices/mine").token("one-device").send().status()).isEqualTo(200);
    assertThat(f.api.get("/0.2/dev_mgr/devices/theirs").token("one-device").send().status()).isEqualTo(401);
    assertThat(f.api.get("/0.2/dev_mgr/devices/theirs").token("any-device").send().status()).isEqualTo(200);
    assertThat(f.api.get("/0.2/dev_mgr/devices").token("any-device").send().status()).isEqualTo(401);
  }

  @Test
  void anUnknownPath_is404_beforeAuthentication_butAnUnknownPlugin_after() {
    assertThat(f.api.get("/0.2/cfg_mgr/configs/x/nothing").token(null).undocumented().send().status()).isEqualTo(404);
    assertThat(f.api.get("/0.2/pg_mgr/plugins/nope").token(null).invalid().send().status()).isEqualTo(401);
    assertThat(f.api.get("/0.2/pg_mgr/plugins/nope").send().status()).isEqualTo(404);
  }

  @Test
  void wazoTenant_mustBeTheTokensTenantOrADescendant() {
    assertThat(f.api.get("/0.2/dev_mgr/devices").token(SUB_TOKEN).tenant(SUB_CHILD).send().status()).isEqualTo(200);
    assertThat(f.api.get("/0.2/dev_mgr/devices").token(SUB_TOKEN).tenant(MASTER).send().status()).isEqualTo(401);
    assertThat(f.api.get("/0.2/dev_mgr/devices").token(SUB_TOKEN).tenant(OTHER).send().status()).isEqualTo(401);
    assertThat(f.api.get("/0.2/dev_mgr/devices").token(SUB_TOKEN).tenant("unknown-tenant").send().status()).isEqualTo(401);
  }

  @Test
  void aDeviceCreatedFromASubtenant_belongsToIt_andIsNotNew() {
    String id = add(SUB_TOKEN, null, Map.of("mac", "00:15:65:00:00:01", "tenant_uuid", MASTER));

    var device = f.api.get("/0.2/dev_mgr/devices/" + id).token(SUB_TOKEN).send().object("device");

    assertThat(device).containsEntry("tenant_uuid", SUB).containsEntry("is_new", false);
  }

  @Test
  void listings_coverTheRequestTenant_andItsSubtreeOnlyWithRecurse() {
    add(RestFixture.MASTER_TOKEN, null, Map.of("id", "m"));
    add(SUB_TOKEN, null, Map.of("id", "s"));
    add(SUB_TOKEN, SUB_CHILD, Map.of("id", "c"));
    add(OTHER_TOKEN, null, Map.of("id", "o"));

    assertThat(ids(f.api.get("/0.2/dev_mgr/devices"))).containsExactly("m");
    assertThat(ids(f.api.get("/0.2/dev_mgr/devices?recurse=True"))).containsExactly("c", "m", "o", "s");
    assertThat(ids(f.api.get("/0.2/dev_mgr/devices?recurse=true").token(SUB_TOKEN))).containsExactly("c", "s");
    assertThat(ids(f.api.get("/0.2/dev_mgr/devices?recurse=yes").token(SUB_TOKEN))).containsExactly("s");
    assertThat(ids(f.api.get("/0.2/dev_mgr/devices?recurse=true&q=" + DevicesRestTest.enc("{\"tenant_uuid\": \"" + OTHER + "\"}"))
        .token(SUB_TOKEN))).isEmpty();
  }

  @Test
  void aDeviceOutsideTheSubtree_is404_onGetPutDeleteSynchronizeAndReconfigure() {
    add(OTHER_TOKEN, null, Map.of("id", "o", "description", "other's"));

    assertThat(f.api.get("/0.2/dev_mgr/devices/o").token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.put("/0.2/dev_mgr/devices/o", Map.of("device", Map.of())).token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.delete("/0.2/dev_mgr/devices/o").token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.post("/0.2/dev_mgr/synchronize", Map.of("id", "o")).token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.post("/0.2/dev_mgr/reconfigure", Map.of("id", "o")).token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.get("/0.2/dev_mgr/devices/o").token(OTHER_TOKEN).send().object("device"))
        .containsEntry("description", "other's");
  }

  @Test
  void aNewDevice_movesToTheTenantThatFirstPutsIt_thenNeverMoves() {
    add(RestFixture.MASTER_TOKEN, null, Map.of("id", "phone", "mac", "00:15:65:00:00:01"));

    var linked = f.api.put("/0.2/dev_mgr/devices/phone", Map.of("device", Map.of("mac", "00:15:65:00:00:01")))
        .tenant(SUB).send();
    assertThat(linked.status()).isEqualTo(204);
    assertThat(f.api.get("/0.2/dev_mgr/devices/phone").send().object("device"))
        .containsEntry("tenant_uuid", SUB).containsEntry("is_new", false);

    var fromMaster = f.api.put("/0.2/dev_mgr/devices/phone", Map.of("device", Map.of("description", "x",
        "tenant_uuid", OTHER))).send();
    assertThat(fromMaster.status()).isEqualTo(204);
    assertThat(f.api.get("/0.2/dev_mgr/devices/phone").send().object("device"))
        .containsEntry("tenant_uuid", SUB).containsEntry("description", "x");
    assertThat(f.api.put("/0.2/dev_mgr/devices/phone", Map.of("device", Map.of())).token(OTHER_TOKEN).send().status())
        .isEqualTo(404);
  }

  @Test
  void configs_areScoped_aTenantSeesItsOwnAndTheSharedOnes_neverAnothersPasswords() {
    var secret = Map.<String, Object>of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret")));
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("other-line", List.of("base"), secret)).token(OTHER_TOKEN).send();
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("sub-line", List.of("base"), Map.of())).token(SUB_TOKEN).send();

    var seenBySub = f.api.get("/0.2/cfg_mgr/configs").token(SUB_TOKEN).send();
    assertThat(seenBySub.list("configs")).extracting(c -> c.get("id"))
        .containsExactly("autoprov", "base", "defaultconfigdevice", "sub-line");
    assertThat(seenBySub.body()).doesNotContain("s3cret");
    assertThat(f.api.get("/0.2/cfg_mgr/configs/other-line").token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.get("/0.2/cfg_mgr/configs/other-line/raw").token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.delete("/0.2/cfg_mgr/configs/other-line").token(SUB_TOKEN).send().status()).isEqualTo(404);
    assertThat(f.api.get("/0.2/cfg_mgr/configs/other-line").send().object("config")).containsEntry("tenant_uuid", OTHER);
  }

  @Test
  void aSubtenant_cannotInheritFrom_norLinkADeviceTo_anotherTenantsConfig() {
    var secret = Map.<String, Object>of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret")));
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("other-line", List.of("base"), secret)).token(OTHER_TOKEN).send();

    var child = f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("thief", List.of("other-line"), Map.of()))
        .token(SUB_TOKEN).send();
    var device = f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "d", "config", "other-line")))
        .token(SUB_TOKEN).send();

    assertThat(child.status()).isEqualTo(400);
    assertThat(device.status()).isEqualTo(400);
    assertThat(device.json().get("errors").toString()).contains("device.config");
    assertThat(f.api.get("/0.2/dev_mgr/devices/d").send().status()).isEqualTo(404);
  }

  @Test
  void wazoConfd_withItsMasterToken_createsConfigs_andLinksThemToSubtenantDevices() {
    String id = add(RestFixture.MASTER_TOKEN, null, Map.of("mac", "00:15:65:00:00:01"));
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config(id, List.of("base", "defaultconfigdevice"), Map.of()))
        .send();

    var linked = f.api.put("/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of("mac", "00:15:65:00:00:01",
        "config", id, "plugin", "yealink"))).tenant(SUB).send();

    assertThat(linked.status()).isEqualTo(204);
    assertThat(f.api.get("/0.2/dev_mgr/devices/" + id).token(SUB_TOKEN).send().object("device"))
        .containsEntry("config", id).containsEntry("tenant_uuid", SUB);
  }

  @Test
  void aSubtenantTakingADiscoveredPhone_mayKeepItsAutoprovConfig_butNotLinkAnotherUnseenOne() {
    // a discovered phone: in the master tenant, with its autoprov account owned by the master tenant
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("autoprov-x", List.of("autoprov"), Map.of())).send();
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("master-line", List.of("base"), Map.of())).send();
    String id = add(RestFixture.MASTER_TOKEN, null, Map.of("mac", "00:15:65:00:00:02", "config", "autoprov-x"));

    var kept = f.api.put("/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of("mac", "00:15:65:00:00:02",
        "config", "autoprov-x"))).token(SUB_TOKEN).send();
    var other = f.api.put("/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of("mac", "00:15:65:00:00:02",
        "config", "master-line"))).token(SUB_TOKEN).send();

    assertThat(kept.status()).as(kept.body()).isEqualTo(204);
    assertThat(other.status()).as(other.body()).isEqualTo(400);
    assertThat(f.api.get("/0.2/dev_mgr/devices/" + id).token(SUB_TOKEN).send().object("device"))
        .containsEntry("config", "autoprov-x").containsEntry("tenant_uuid", SUB);
  }

  @Test
  void sharedConfigs_changeOnlyFromTheMasterTenant() {
    var fromSub = f.api.put("/0.2/cfg_mgr/configs/defaultconfigdevice",
        ConfigsRestTest.config("defaultconfigdevice", List.of(), Map.of())).token(SUB_TOKEN).send();

    assertThat(fromSub.status()).isEqualTo(403);
    assertThat(f.api.put("/0.2/cfg_mgr/configs/defaultconfigdevice",
        ConfigsRestTest.config("defaultconfigdevice", List.of(), Map.of("X_k", 1))).send().status()).isEqualTo(204);
  }

  private static List<Object> ids(ApiClient.Call call) {
    var reply = call.send();
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.list("devices").stream().map(d -> d.get("id")).toList();
  }
}
