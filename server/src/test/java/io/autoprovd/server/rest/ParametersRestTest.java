package io.autoprovd.server.rest;

import static io.autoprovd.server.rest.RestFixture.OTHER_TOKEN;
import static io.autoprovd.server.rest.RestFixture.SUB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** wazo-provd's parameter scenarios (test_configure.py), re-expressed. */
class ParametersRestTest {
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

  private static Map<String, Object> value(Object v) {
    var param = new HashMap<String, Object>();
    param.put("value", v);
    return Map.of("param", param);
  }

  @Test
  void theListing_namesEveryParameter_withItsLink() {
    var params = f.api.get("/0.2/configure").send().list("params");

    assertThat(params).extracting(p -> p.get("id")).containsExactly("plugin_server", "http_proxy", "ftp_proxy",
        "https_proxy", "locale", "NAT", "provisioning_key");
    assertThat(params.get(5)).containsEntry("value", 0)
        .containsEntry("links", java.util.List.of(Map.of("rel", "srv.configure.param", "href", "/0.2/configure/NAT")));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "plugin_server, http://plugins.example.com/stable/",
      "http_proxy, http://user:pw@proxy.example.com:3128",
      "ftp_proxy, http://proxy.example.com:3128",
      "https_proxy, proxy.example.com:3128",
      "locale, fr_FR",
  })
  void aValidValue_isStored_readBack_andSurvivesARestart(String id, String v) {
    assertThat(f.api.put("/0.2/configure/" + id, value(v)).send().status()).isEqualTo(204);

    assertThat(f.api.get("/0.2/configure/" + id).send().object("param")).containsEntry("value", v);
    f.close();
    f = RestFixture.start(dataDir);
    assertThat(f.api.get("/0.2/configure/" + id).send().object("param")).containsEntry("value", v);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "plugin_server, not a url",
      "http_proxy, http://proxy.example.com:3128/path",
      "https_proxy, http://proxy.example.com:3128",
      "https_proxy, ''",
      "locale, french",
      "NAT, 2",
      "provisioning_key, short",
      "provisioning_key, has spaces in it",
  })
  void anInvalidValue_is400NamingTheField_andTheOldValueStays(String id, String v) {
    var reply = f.api.put("/0.2/configure/" + id, value(v)).send();

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("errors").toString()).contains("param.value");
    assertThat(f.api.get("/0.2/configure/" + id).send().object("param").get("value")).isIn(null, 0);
  }

  @Test
  void nat_isAnInteger_andNullUnsetsIt() {
    f.api.put("/0.2/configure/NAT", value("1")).send();
    assertThat(f.api.get("/0.2/configure/NAT").send().object("param")).containsEntry("value", 1);

    assertThat(f.api.put("/0.2/configure/NAT", value(null)).send().status()).isEqualTo(204);
    assertThat(f.api.get("/0.2/configure/NAT").send().object("param")).containsEntry("value", 0);
  }

  @Test
  void provisioningKey_isPerTenant_andUniqueAcrossTenants() {
    assertThat(f.api.put("/0.2/configure/provisioning_key", value("sub-key-123")).token(SUB_TOKEN).send().status())
        .isEqualTo(204);

    var taken = f.api.put("/0.2/configure/provisioning_key", value("sub-key-123")).token(OTHER_TOKEN).send();

    assertThat(taken.status()).isEqualTo(409);
    assertThat(f.api.get("/0.2/configure/provisioning_key").token(OTHER_TOKEN).send().object("param").get("value")).isNull();
    assertThat(f.api.get("/0.2/configure/provisioning_key").token(SUB_TOKEN).send().object("param"))
        .containsEntry("value", "sub-key-123");
    assertThat(f.api.get("/0.2/configure/provisioning_key").send().object("param").get("value")).isNull();
  }

  @Test
  void globalParameters_needAMasterTenantToken() {
    assertThat(f.api.put("/0.2/configure/NAT", value("1")).token(SUB_TOKEN).send().status()).isEqualTo(403);
    assertThat(f.api.get("/0.2/configure/plugin_server").token(SUB_TOKEN).send().status()).isEqualTo(403);
    assertThat(f.api.get("/0.2/configure").token(SUB_TOKEN).send().list("params")).extracting(p -> p.get("id"))
        .containsExactly("provisioning_key");
    assertThat(f.api.get("/0.2/configure/NAT").send().object("param")).containsEntry("value", 0);
  }

  @Test
  void theParameterAcl_namesTheTenantAndTheParameter() {
    f.token("nat-only", RestFixture.MASTER, "provd.configure." + RestFixture.MASTER + ".NAT.update");

    assertThat(f.api.put("/0.2/configure/NAT", value("1")).token("nat-only").send().status()).isEqualTo(204);
    assertThat(f.api.put("/0.2/configure/locale", value("fr_FR")).token("nat-only").send().status()).isEqualTo(401);
  }

  @Test
  void unknownParameters_andTheReferencesTenantsMap_are404() {
    assertThat(f.api.get("/0.2/configure/tenants").invalid().send().status()).isEqualTo(404);
    assertThat(f.api.put("/0.2/configure/nope", value("x")).invalid().send().status()).isEqualTo(404);
  }

  @Test
  void aBodyWithoutValue_orWithUnknownKeys_is400() {
    assertThat(f.api.put("/0.2/configure/locale", Map.of("param", Map.of())).invalid().send().status()).isEqualTo(400);
    assertThat(f.api.put("/0.2/configure/locale", Map.of("param", Map.of("value", "fr_FR", "x", 1))).invalid().send().status())
        .isEqualTo(400);
    assertThat(f.api.put("/0.2/configure/locale", Map.of("param", Map.of("value", 5))).invalid().send().status())
        .isEqualTo(400);
  }
}
