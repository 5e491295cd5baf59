package io.autoprovd.server.rest;

import static io.autoprovd.server.rest.RestFixture.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.app.DeviceSync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wazo-provd's device scenarios (test_devices.py), re-expressed over real sockets. */
class DevicesRestTest {
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

  private String add(Map<String, Object> device) {
    var reply = f.api.post("/0.2/dev_mgr/devices", Map.of("device", device)).send();
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.json().get("id");
  }

  @Test
  void addingADevice_answers201WithItsId_andALocationUnderDevMgr() {
    var reply = f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "phone1",
        "mac", "00:15:65:12:34:56", "ip", "10.0.0.2", "vendor", "Yealink", "model", "T46S"))).send();

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json()).isEqualTo(Map.of("id", "phone1"));
    assertThat(reply.header("Location")).isEqualTo("/0.2/dev_mgr/devices/phone1");
    var device = f.api.get("/0.2/dev_mgr/devices/phone1").send().object("device");
    assertThat(device).containsEntry("mac", "00:15:65:12:34:56").containsEntry("tenant_uuid", MASTER)
        .containsEntry("is_new", true).containsEntry("configured", false);
  }

  @Test
  void addingWithoutAnId_generatesAUuidHex() {
    String id = add(Map.of("mac", "00:15:65:12:34:57"));

    assertThat(id).matches("[0-9a-f]{32}");
  }

  @Test
  void serverOwnedFields_inTheBody_areIgnored() {
    String id = add(Map.of("mac", "00:15:65:12:34:58", "configured", true, "tenant_uuid", RestFixture.OTHER,
        "is_new", false));

    var device = f.api.get("/0.2/dev_mgr/devices/" + id).send().object("device");
    assertThat(device).containsEntry("configured", false).containsEntry("tenant_uuid", MASTER).containsEntry("is_new", true);
  }

  @Test
  void aSecondDeviceWithTheSameIdOrMac_is409_andTheFirstIsUntouched() {
    add(Map.of("id", "a", "mac", "00:15:65:00:00:01", "description", "first"));

    var sameId = f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "a"))).send();
    var sameMac = f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "b", "mac", "00:15:65:00:00:01"))).send();

    assertThat(sameId.status()).isEqualTo(409);
    assertThat(sameMac.status()).isEqualTo(409);
    assertThat(sameMac.json().get("message").toString()).contains("belongs to device a");
    assertThat(f.api.get("/0.2/dev_mgr/devices").send().list("devices")).singleElement()
        .satisfies(d -> assertThat(d).containsEntry("description", "first"));
  }

  @Test
  void replacing_isAFullReplacement_withTheIdFromThePath_andUnknownKeysKept() {
    add(Map.of("id", "a", "mac", "00:15:65:00:00:01", "description", "old", "X_custom", 1));

    var reply = f.api.put("/0.2/dev_mgr/devices/a", Map.of("device", Map.of("id", "ignored",
        "mac", "00:15:65:00:00:02", "X_other", List.of(1, 2)))).send();

    assertThat(reply.status()).isEqualTo(204);
    var device = f.api.get("/0.2/dev_mgr/devices/a").send().object("device");
    assertThat(device).containsEntry("id", "a").containsEntry("mac", "00:15:65:00:00:02")
        .containsEntry("X_other", List.of(1, 2)).doesNotContainKeys("description", "X_custom");
  }

  @Test
  void unknownDevices_are404_onGetPutDeleteReconfigureAndSynchronize() {
    assertThat(f.api.get("/0.2/dev_mgr/devices/nope").send().status()).isEqualTo(404);
    assertThat(f.api.put("/0.2/dev_mgr/devices/nope", Map.of("device", Map.of())).send().status()).isEqualTo(404);
    assertThat(f.api.delete("/0.2/dev_mgr/devices/nope").send().status()).isEqualTo(404);
    assertThat(f.api.post("/0.2/dev_mgr/reconfigure", Map.of("id", "nope")).send().status()).isEqualTo(404);
    assertThat(f.api.post("/0.2/dev_mgr/synchronize", Map.of("id", "nope")).send().status()).isEqualTo(404);
  }

  @Test
  void deleting_removesTheDevice_andItsUnusedTransientConfig() {
    var config = f.api.post("/0.2/cfg_mgr/autocreate", Map.of()).send();
    String configId = (String) config.json().get("id");
    add(Map.of("id", "a", "config", configId));

    assertThat(f.api.delete("/0.2/dev_mgr/devices/a").send().status()).isEqualTo(204);

    assertThat(f.api.get("/0.2/dev_mgr/devices/a").send().status()).isEqualTo(404);
    assertThat(f.api.get("/0.2/cfg_mgr/configs/" + configId).send().status()).isEqualTo(404);
  }

  @Test
  void reconfigure_recomputesConfigured_andSaysWhyNot() {
    add(Map.of("id", "a", "mac", "00:15:65:00:00:01", "plugin", "yealink", "config", "autoprov"));

    assertThat(f.api.post("/0.2/dev_mgr/reconfigure", Map.of("id", "a")).send().status()).isEqualTo(204);

    var device = f.api.get("/0.2/dev_mgr/devices/a").send().object("device");
    assertThat(device).containsEntry("configured", true);
    add(Map.of("id", "b", "plugin", "nosuchplugin"));
    var other = f.api.get("/0.2/dev_mgr/devices/b").send().object("device");
    assertThat(other).containsEntry("configured", false).containsEntry("configured_reason", "plugin `nosuchplugin` not installed");
  }

  @Test
  void synchronize_withoutAStrategy_startsAnOperationThatFails_andItsMonitorCanBeDeleted() throws Exception {
    add(Map.of("id", "a"));

    var started = f.api.post("/0.2/dev_mgr/synchronize", Map.of("id", "a")).send();

    assertThat(started.status()).isEqualTo(201);
    assertThat(started.body()).isEmpty();
    String location = started.header("Location");
    assertThat(location).isEqualTo("/0.2/dev_mgr/synchronize/1");
    String status = awaitDone(location);
    assertThat(status).isEqualTo("fail");
    assertThat(f.api.delete(location).send().status()).isEqualTo(204);
    assertThat(f.api.get(location).send().status()).isEqualTo(404);
  }

  @Test
  void synchronize_withAStrategy_isInProgressWhileItRuns_thenSucceeds() throws Exception {
    add(Map.of("id", "a"));
    var release = new CountDownLatch(1);
    f.sync(device -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DeviceSync.SyncResult.Sent("NOTIFY accepted by " + device.id());
    });

    String location = f.api.post("/0.2/dev_mgr/synchronize", Map.of("id", "a")).send().header("Location");

    assertThat(f.api.get(location).send().json()).isEqualTo(Map.of("status", "progress"));
    release.countDown();
    assertThat(awaitDone(location)).isEqualTo("success");
    assertThat(f.api.post("/0.2/dev_mgr/synchronize", Map.of("id", "a")).send().header("Location"))
        .isEqualTo("/0.2/dev_mgr/synchronize/2");
  }

  private String awaitDone(String location) throws InterruptedException {
    // Not a timed assertion: polls until the operation leaves "progress", as a client does.
    while (true) {
      String status = (String) f.api.get(location).send().json().get("status");
      if (!status.equals("progress")) {
        return status;
      }
      Thread.sleep(5);
    }
  }

  @Test
  void search_selectsWithEveryOperator_dottedPaths_fields_skipLimit_andTypedSort() {
    for (int i = 1; i <= 12; i++) {
      add(Map.of("id", "d" + i, "mac", "00:15:65:00:00:%02x".formatted(i), "ip", "10.0.0." + i,
          "model", i % 2 == 0 ? "T46S" : "T48S", "options", Map.of("switchboard", i == 3), "X_n", i));
    }

    assertThat(ids("/0.2/dev_mgr/devices?q=" + enc("{\"model\":\"T46S\",\"X_n\":{\"$gt\":6}}")))
        .containsExactly("d10", "d12", "d8");
    assertThat(ids("/0.2/dev_mgr/devices?q=" + enc("{\"options.switchboard\":true}"))).containsExactly("d3");
    assertThat(ids("/0.2/dev_mgr/devices?q=" + enc("{\"mac\":{\"$in\":[\"00:15:65:00:00:01\",\"00:15:65:00:00:0c\"]}}")))
        .containsExactly("d1", "d12");
    assertThat(ids("/0.2/dev_mgr/devices?q=" + enc("{\"ip\":{\"$nin\":[\"10.0.0.1\"],\"$le\":\"10.0.0.3\"}}")))
        .containsExactly("d2", "d3");
    assertThat(ids("/0.2/dev_mgr/devices?q=" + enc("{\"model\":{\"$contains\":\"48\",\"$ne\":\"x\"},\"sn\":{\"$exists\":false},\"X_n\":{\"$ge\":11,\"$lt\":99}}")))
        .containsExactly("d11");
    assertThat(ids("/0.2/dev_mgr/devices?sort=ip&sort_ord=DESC&skip=1&limit=3")).containsExactly("d11", "d10", "d9");
    assertThat(ids("/0.2/dev_mgr/devices?sort=ip&limit=3")).containsExactly("d1", "d2", "d3");
    String q64 = Base64.getEncoder().encodeToString("{\"X_n\":{\"$in\":[4,5]}}".getBytes(StandardCharsets.UTF_8));
    assertThat(ids("/0.2/dev_mgr/devices?q=" + enc("{\"X_n\":1}") + "&q64=" + enc(q64))).containsExactly("d4", "d5");
    var projected = f.api.get("/0.2/dev_mgr/devices?fields=mac,options.switchboard&q=" + enc("{\"X_n\":3}"))
        .send().list("devices");
    assertThat(projected).containsExactly(Map.of("id", "d3", "mac", "00:15:65:00:00:03",
        "options", Map.of("switchboard", true)));
  }

  @Test
  void anUnknownSelectorOperator_is400_namingIt() {
    var reply = f.api.get("/0.2/dev_mgr/devices?q=" + enc("{\"mac\":{\"$regex\":\"^00\"}}")).send();

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").toString()).contains("$regex").contains("mac");
  }

  @Test
  void links_nameTheManagersChildren() {
    var links = f.api.get("/0.2/dev_mgr").send().list("links");

    assertThat(links).contains(Map.of("rel", "dev.devices", "href", "/0.2/dev_mgr/devices"),
        Map.of("rel", "dev.synchronize", "href", "/0.2/dev_mgr/synchronize"),
        Map.of("rel", "dev.reconfigure", "href", "/0.2/dev_mgr/reconfigure"),
        Map.of("rel", "dev.dhcpinfo", "href", "/0.2/dev_mgr/dhcpinfo"));
  }

  private List<Object> ids(String path) {
    var reply = f.api.get(path).send();
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.list("devices").stream().map(d -> d.get("id")).toList();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
