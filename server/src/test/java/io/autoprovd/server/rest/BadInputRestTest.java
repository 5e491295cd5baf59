package io.autoprovd.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets its 4xx with a readable JSON body, and nothing stored changes: a
 * device and a config exist before each test and are compared after it.
 */
class BadInputRestTest {
  @TempDir Path dataDir;
  RestFixture f;
  String devicesBefore;
  String configsBefore;

  @BeforeEach
  void start() {
    f = RestFixture.start(dataDir);
    f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "d1", "mac", "00:15:65:00:00:01"))).send();
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("c1", List.of("base"), Map.of())).send();
    devicesBefore = f.api.get("/0.2/dev_mgr/devices?recurse=true").send().body();
    configsBefore = f.api.get("/0.2/cfg_mgr/configs").send().body();
  }

  @AfterEach
  void unchangedAndStop() {
    try {
      assertThat(f.api.get("/0.2/dev_mgr/devices?recurse=true").send().body()).isEqualTo(devicesBefore);
      assertThat(f.api.get("/0.2/cfg_mgr/configs").send().body()).isEqualTo(configsBefore);
    } finally {
      f.close();
    }
  }

  private ApiClient.Reply raw(String method, String path, String body) {
    return f.api.call(method, path).body(body).invalid().send();
  }

  @ParameterizedTest(name = "{0} {1} with {2}")
  @CsvSource(delimiter = '|', value = {
      "POST | /0.2/dev_mgr/devices         | {\"device\": {\"id\": \"x\"",
      "PUT  | /0.2/dev_mgr/devices/d1      | not json at all",
      "POST | /0.2/cfg_mgr/configs         | [1, 2]",
      "PUT  | /0.2/cfg_mgr/configs/c1      | \"a string\"",
      "POST | /0.2/dev_mgr/synchronize     | {\"id\": \"d1\",}",
      "PUT  | /0.2/configure/locale        | {\"param\": {\"value\": \"fr_FR\"}} trailing",
  })
  void brokenJson_is400(String method, String path, String body) {
    var reply = raw(method, path, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").toString()).startsWith("Invalid JSON document");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "device.mac      | {\"device\": {\"mac\": \"00-15-65\"}}",
      "device.mac      | {\"device\": {\"mac\": 5}}",
      "device.ip       | {\"device\": {\"ip\": \"10.0.0.256\"}}",
      "device.options  | {\"device\": {\"options\": [1]}}",
      "device.model    | {\"device\": {\"model\": true}}",
      "device.id       | {\"device\": {\"id\": 42}}",
      "device.config   | {\"device\": {\"config\": \"../base\"}}",
      "device          | {\"device\": [1]}",
      "device          | {}",
      "other           | {\"device\": {}, \"other\": 1}",
  })
  void wrongTypesAndUnknownEnvelopeKeys_onADevice_are400NamingTheField(String field, String body) {
    for (var reply : List.of(raw("POST", "/0.2/dev_mgr/devices", body), raw("PUT", "/0.2/dev_mgr/devices/d1", body))) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().get("errors").toString()).contains(field);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "config.parent_ids | {\"config\": {\"raw_config\": {}}}",
      "config.parent_ids | {\"config\": {\"parent_ids\": \"base\", \"raw_config\": {}}}",
      "config.raw_config | {\"config\": {\"parent_ids\": []}}",
      "config.deletable  | {\"config\": {\"parent_ids\": [], \"raw_config\": {}, \"deletable\": \"no\"}}",
      "config.parent_ids | {\"config\": {\"id\": \"c1\", \"parent_ids\": [\"c1\"], \"raw_config\": {}}}",
  })
  void wrongTypes_onAConfig_are400NamingTheField(String field, String body) {
    var reply = raw("PUT", "/0.2/cfg_mgr/configs/c1", body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().get("errors").toString()).contains(field);
  }

  @ParameterizedTest(name = "id {0}")
  @ValueSource(strings = {"../etc", "a/b", ".", "..", "*&!\\\"/invalid _", ""})
  void idsThatCouldEscapeAPath_are400(String id) {
    var device = raw("POST", "/0.2/dev_mgr/devices", "{\"device\": {\"id\": \"" + id + "\"}}");
    var config = raw("POST", "/0.2/cfg_mgr/configs", "{\"config\": {\"id\": \"" + id + "\", \"parent_ids\": [], \"raw_config\": {}}}");

    assertThat(device.status()).isEqualTo(400);
    assertThat(config.status()).isEqualTo(400);
  }

  @Test
  void anEncodedSlashInAPathId_isRefusedByTheListener() {
    var reply = f.api.get("/0.2/dev_mgr/devices/d1%2F..%2Fx").undocumented().send();

    assertThat(reply.status()).isBetween(400, 404);
  }

  @Test
  void aOneMebibyteString_is413_andAMegaCharacterField400() {
    String mebibyte = "x".repeat(1 << 20);
    var tooLarge = raw("POST", "/0.2/dev_mgr/devices", "{\"device\": {\"description\": \"" + mebibyte + "\"}}");
    var tooLong = raw("PUT", "/0.2/dev_mgr/devices/d1", "{\"device\": {\"description\": \"" + "y".repeat(1_000_000) + "\"}}");

    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("errors").toString()).contains("device.description: at most 4096 characters");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"mac\": {\"$regex\": \"x\"}}", "{\"mac\": {\"$in\": \"x\"}}", "{\"mac\": {\"$exists\": 1}}",
      "[1]", "not json", "{\"a..b\": 1}"})
  void badSelectors_are400(String q) {
    var devices = f.api.get("/0.2/dev_mgr/devices?q=" + DevicesRestTest.enc(q)).send();
    var configs = f.api.get("/0.2/cfg_mgr/configs?q=" + DevicesRestTest.enc(q)).send();

    assertThat(devices.status()).isEqualTo(400);
    assertThat(configs.status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"skip=x", "limit=-1", "sort=ip&sort_ord=UP", "q64=***"})
  void badPagingAndSorting_are400(String query) {
    assertThat(f.api.get("/0.2/dev_mgr/devices?" + query).invalid().send().status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "Content-Type {0}")
  @ValueSource(strings = {"text/plain", "application/xml", "application/json; charset=latin1", "application/x-www-form-urlencoded"})
  void anotherMediaType_is415(String type) {
    var reply = f.api.call("PUT", "/0.2/dev_mgr/devices/d1").header("Content-Type", type)
        .body("{\"device\": {}}").invalid().send();

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().get("message").toString()).contains("application/vnd.proformatique.provd+json");
  }

  @ParameterizedTest(name = "Content-Type {0}")
  @ValueSource(strings = {"application/vnd.proformatique.provd+json; charset=utf-8", "application/json",
      "application/json;charset=UTF-8"})
  void theProvdType_json_andAUtf8Charset_areAccepted(String type) {
    var reply = f.api.call("POST", "/0.2/dev_mgr/reconfigure").header("Content-Type", type)
        .body("{\"id\": \"d1\"}").send();

    assertThat(reply.status()).isEqualTo(204);
  }

  @ParameterizedTest(name = "Accept {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "text/html                                   | 406",
      "application/xml, text/plain;q=0.5           | 406",
      "application/json                            | 200",
      "text/html, application/vnd.proformatique.provd+json;q=0.1 | 200",
      "*/*                                         | 200",
  })
  void accept_isChecked(String accept, int status) {
    var reply = f.api.get("/0.2/dev_mgr/devices/d1").header("Accept", accept).invalid().send();

    assertThat(reply.status()).isEqualTo(status);
    if (status == 200) {
      assertThat(reply.header("Content-Type")).startsWith("application/vnd.proformatique.provd+json");
    }
  }

  @Test
  void aBadTokenWithABadMediaType_is401NotThe415() {
    var reply = f.api.call("PUT", "/0.2/dev_mgr/devices/d1").token("nope").header("Content-Type", "text/plain")
        .body("x").invalid().send();

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void unknownFields_inActionBodies_are400() {
    assertThat(raw("POST", "/0.2/dev_mgr/reconfigure", "{\"id\": \"d1\", \"force\": true}").status()).isEqualTo(400);
    assertThat(raw("POST", "/0.2/dev_mgr/synchronize", "{\"device\": \"d1\"}").status()).isEqualTo(400);
    assertThat(raw("POST", "/0.2/cfg_mgr/autocreate", "{\"id\": \"x\"}").status()).isEqualTo(400);
  }
}
