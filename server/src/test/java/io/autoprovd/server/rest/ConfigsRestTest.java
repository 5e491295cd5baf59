package io.autoprovd.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wazo-provd's config scenarios (test_configs.py), re-expressed over real sockets. */
class ConfigsRestTest {
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

  static Map<String, Object> config(String id, List<String> parents, Map<String, Object> raw) {
    return Map.of("config", Map.of("id", id, "parent_ids", parents, "raw_config", raw, "X_type", "device"));
  }

  @Test
  void addingAConfig_answers201_andReadsBackWithItsFreeKeys() {
    var reply = f.api.post("/0.2/cfg_mgr/configs", config("alice", List.of("base"), Map.of("X_key", "v"))).send();

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Location")).isEqualTo("/0.2/cfg_mgr/configs/alice");
    assertThat(reply.json()).isEqualTo(Map.of("id", "alice"));
    assertThat(f.api.get("/0.2/cfg_mgr/configs/alice").send().object("config"))
        .containsEntry("parent_ids", List.of("base")).containsEntry("X_type", "device")
        .containsEntry("raw_config", Map.of("X_key", "v")).containsEntry("deletable", true);
  }

  @Test
  void raw_mergesBaseThenAncestorsThenOwn_withoutDefaults() {
    f.api.post("/0.2/cfg_mgr/configs", config("parent", List.of("base"), Map.of("ntp_ip", "10.0.0.9", "X_a", "p"))).send();
    f.api.post("/0.2/cfg_mgr/configs", config("child", List.of("parent"), Map.of("X_a", "c"))).send();

    var raw = f.api.get("/0.2/cfg_mgr/configs/child/raw").send().object("raw_config");

    assertThat(raw).containsEntry("ntp_enabled", true).containsEntry("ntp_ip", "10.0.0.9").containsEntry("X_a", "c")
        .containsEntry("http_base_url", "http://127.0.0.1:8667").doesNotContainKey("sip_transport");
  }

  @Test
  void replacing_keepsTheIdFromThePath_andIs204EvenWhenNothingChanged() {
    f.api.post("/0.2/cfg_mgr/configs", config("alice", List.of(), Map.of())).send();

    assertThat(f.api.put("/0.2/cfg_mgr/configs/alice", config("other", List.of("base"), Map.of("X_k", 1))).send().status())
        .isEqualTo(204);
    assertThat(f.api.put("/0.2/cfg_mgr/configs/alice", config("other", List.of("base"), Map.of("X_k", 1))).send().status())
        .isEqualTo(204);
    assertThat(f.api.get("/0.2/cfg_mgr/configs/alice").send().object("config")).containsEntry("id", "alice")
        .containsEntry("raw_config", Map.of("X_k", 1));
  }

  @Test
  void aConfigThatIsNotDeletable_is403_andStays() {
    var reply = f.api.delete("/0.2/cfg_mgr/configs/base").send();

    assertThat(reply.status()).isEqualTo(403);
    assertThat(f.api.get("/0.2/cfg_mgr/configs/base").send().status()).isEqualTo(200);
  }

  @Test
  void unknownConfigs_are404_onGetPutDeleteAndRaw_andADuplicateIs409() {
    assertThat(f.api.get("/0.2/cfg_mgr/configs/nope").send().status()).isEqualTo(404);
    assertThat(f.api.put("/0.2/cfg_mgr/configs/nope", config("nope", List.of(), Map.of())).send().status()).isEqualTo(404);
    assertThat(f.api.delete("/0.2/cfg_mgr/configs/nope").send().status()).isEqualTo(404);
    assertThat(f.api.get("/0.2/cfg_mgr/configs/nope/raw").send().status()).isEqualTo(404);
    assertThat(f.api.post("/0.2/cfg_mgr/configs", config("base", List.of(), Map.of())).send().status()).isEqualTo(409);
  }

  @Test
  void anInvalidRawConfig_is400_namingTheField_andNothingIsStored() {
    var reply = f.api.post("/0.2/cfg_mgr/configs", config("bad", List.of(), Map.of("sip_lines",
        Map.of("1", Map.of("proxy_port", "not a port")), "XX_reserved", 1))).invalid().send();

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("errors").toString()).contains("config.raw_config.sip_lines.1.proxy_port")
        .contains("XX_reserved");
    assertThat(f.api.get("/0.2/cfg_mgr/configs/bad").send().status()).isEqualTo(404);
  }

  @Test
  void autocreate_makesATransientChildOfTheAutocreateConfig_withItsOwnAccount() {
    var reply = f.api.post("/0.2/cfg_mgr/autocreate", Map.of()).send();

    assertThat(reply.status()).isEqualTo(201);
    String id = (String) reply.json().get("id");
    assertThat(id).startsWith("autoprov");
    assertThat(reply.header("Location")).isEqualTo("/0.2/cfg_mgr/configs/" + id);
    var config = f.api.get("/0.2/cfg_mgr/configs/" + id).send().object("config");
    assertThat(config).containsEntry("parent_ids", List.of("autoprov")).containsEntry("transient", true);
    String other = (String) f.api.post("/0.2/cfg_mgr/autocreate", Map.of()).send().json().get("id");
    assertThat(f.api.get("/0.2/cfg_mgr/configs/" + other + "/raw").send().object("raw_config").get("sip_lines"))
        .isNotEqualTo(f.api.get("/0.2/cfg_mgr/configs/" + id + "/raw").send().object("raw_config").get("sip_lines"));
  }

  @Test
  void search_byXType_withQ64_asWazoConfdDoes() {
    f.api.post("/0.2/cfg_mgr/configs", config("alice", List.of("base"), Map.of())).send();
    String q64 = java.util.Base64.getEncoder().encodeToString("{\"X_type\": \"device\"}".getBytes());

    var configs = f.api.get("/0.2/cfg_mgr/configs?q64=" + q64 + "&fields=id,X_type").send().list("configs");

    assertThat(configs).containsExactly(Map.of("id", "alice", "X_type", "device"),
        Map.of("id", "defaultconfigdevice", "X_type", "device"));
    assertThat(f.api.get("/0.2/cfg_mgr/configs?q=" + DevicesRestTest.enc("{\"parent_ids\": \"base\"}"))
        .send().list("configs")).extracting(c -> c.get("id")).containsExactly("alice", "autoprov");
  }

  @Test
  void linksOfTheConfigManager() {
    assertThat(f.api.get("/0.2/cfg_mgr").send().list("links")).containsExactlyInAnyOrder(
        Map.of("rel", "cfg.configs", "href", "/0.2/cfg_mgr/configs"),
        Map.of("rel", "cfg.autocreate", "href", "/0.2/cfg_mgr/autocreate"));
  }
}
