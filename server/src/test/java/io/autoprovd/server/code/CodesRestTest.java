package io.autoprovd.server.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codes, claims and resets over the REST API of a real server, and the product's tenant rules. */
class CodesRestTest {
  static final String A = AutoprovServer.TENANT_A;
  static final String B = AutoprovServer.TENANT_B;
  static final String MAC = "00:15:65:aa:bb:01";
  static final String UA = "Yealink SIP-T46S 66.86.0.15 " + MAC;
  static final String FILE = "/001565aabb01.cfg";

  @TempDir Path dataDir;
  AutoprovServer autoprovd;

  @BeforeEach
  void start() {
    // Resync goes nowhere here: these tests are about codes and tenants.
    autoprovd = AutoprovServer.start(dataDir, Map.of("sync.strategy", "none"));
    autoprovd.lineConfig("alice", A, "1001", "alice-secret");
    autoprovd.lineConfig("bob", A, "1002", "bob-secret");
    autoprovd.lineConfig("mallory", B, "2001", "mallory-secret");
  }

  @AfterEach
  void stop() {
    autoprovd.close();
  }

  /** A phone found on the network: it fetched its file once. */
  String discovered() {
    autoprovd.fetch(FILE, UA);
    return autoprovd.deviceIdByMac(MAC);
  }

  Map<String, Object> claim(String device, String code, int status) {
    return autoprovd.json("POST", "/0.2/dev_mgr/claim", Map.of("id", device, "code", code), null, status);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> inner(Map<String, Object> doc, String key) {
    return (Map<String, Object>) doc.get(key);
  }

  @Nested
  class Codes {
    @Test
    void aCodeForALine_hasSixDigits_belongsToTheLinesTenant_andIsListedThere() {
      String code = autoprovd.code("alice", A);

      var listed = autoprovd.json("GET", "/0.2/code_mgr/codes", null, A, 200);
      var one = autoprovd.json("GET", "/0.2/code_mgr/codes/" + code, null, A, 200);

      assertThat(code).matches("[0-9]{6}");
      assertThat(inner(one, "code")).containsEntry("config", "alice").containsEntry("tenant_uuid", A)
          .containsEntry("claimed_by", null);
      assertThat(Documents.toJson(listed)).contains("\"" + code + "\"");
    }

    @Test
    void anotherTenant_neitherListsNorReadsNorRevokesIt() {
      String code = autoprovd.code("alice", A);

      assertThat(Documents.toJson(autoprovd.json("GET", "/0.2/code_mgr/codes?recurse=true", null, B, 200)))
          .doesNotContain(code);
      assertThat(autoprovd.rest("GET", "/0.2/code_mgr/codes/" + code, null, B).statusCode()).isEqualTo(404);
      assertThat(autoprovd.rest("DELETE", "/0.2/code_mgr/codes/" + code, null, B).statusCode()).isEqualTo(404);
    }

    @Test
    void aChosenCode_isKept_butOnlyOnceOnTheServer_andALineCarriesOne() {
      autoprovd.json("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "alice", "code", "4242")), A, 201);

      var taken = autoprovd.rest("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "mallory",
          "code", "4242")), B);
      var second = autoprovd.rest("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "alice")), A);

      assertThat(taken.statusCode()).isEqualTo(409);
      assertThat(taken.body()).contains("4242 is taken");
      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(second.body()).contains("already carries code 4242");
    }

    @Test
    void badRequests_areRefusedNamingTheField() {
      var unknownConfig = autoprovd.rest("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "nope")), A);
      var notALine = autoprovd.rest("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "base")), null);
      var letters = autoprovd.rest("POST", "/0.2/code_mgr/codes",
          Map.of("code", Map.of("config", "alice", "code", "12ab")), A);
      var otherTenants = autoprovd.rest("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "mallory")), A);
      var junk = autoprovd.rest("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", "alice", "x", 1)), A);

      assertThat(unknownConfig.statusCode()).isEqualTo(400);
      assertThat(unknownConfig.body()).contains("code.config: config nope does not exist");
      assertThat(notALine.statusCode()).isEqualTo(400);
      assertThat(notALine.body()).contains("has no line 1");
      assertThat(letters.statusCode()).isEqualTo(400);
      assertThat(otherTenants.statusCode()).isEqualTo(400);
      assertThat(junk.body()).contains("code.x: unknown field");
    }

    @Test
    void aRevokedCode_cannotBeClaimed() {
      String code = autoprovd.code("alice", A);
      String device = discovered();

      autoprovd.json("DELETE", "/0.2/code_mgr/codes/" + code, null, A, 204);

      assertThat(autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", device, "code", code), null).statusCode())
          .isEqualTo(404);
    }
  }

  @Nested
  class Claims {
    @Test
    void aDeviceInAutoprov_claimsACode_andItsNextFetchHasTheLine() {
      String code = autoprovd.code("alice", A);
      String device = discovered();

      var claim = inner(claim(device, code, 200), "claim");

      assertThat(claim).containsEntry("device", device).containsEntry("line", 1).containsEntry("tenant_uuid", A)
          .containsEntry("tenant_moved", true).containsEntry("config", device);
      assertThat(AutoprovServer.yealinkValue(autoprovd.fetch(FILE, UA), "account.1.user_name")).isEqualTo("1001");
    }

    @Test
    void aSecondCodeOnAMultiLinePhone_fillsLine2() {
      String device = discovered();
      claim(device, autoprovd.code("alice", A), 200);

      var second = inner(claim(device, autoprovd.code("bob", A), 200), "claim");

      assertThat(second).containsEntry("line", 2);
      String file = autoprovd.fetch(FILE, UA);
      assertThat(AutoprovServer.yealinkValue(file, "account.1.user_name")).isEqualTo("1001");
      assertThat(AutoprovServer.yealinkValue(file, "account.2.user_name")).isEqualTo("1002");
    }

    @Test
    void anUnknownCode_is404_andCountsAsWrong_untilTheDeviceIsRateLimited() {
      String device = discovered();
      String code = autoprovd.code("alice", A);
      for (int i = 0; i < 5; i++) {
        var wrong = autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", device, "code", "11110" + i), null);
        assertThat(wrong.statusCode()).isEqualTo(404);
      }

      var limited = autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", device, "code", code), null);

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(autoprovd.device(device)).containsEntry("tenant_uuid", Tenant.MASTER_UUID);
    }

    @Test
    void aCodeAnotherDeviceHolds_is409_andNothingIsLinked() {
      String code = autoprovd.code("alice", A);
      String first = discovered();
      claim(first, code, 200);
      autoprovd.fetch("/001565aabb02.cfg", "Yealink SIP-T46S 66.86.0.15 00:15:65:aa:bb:02");
      String second = autoprovd.deviceIdByMac("00:15:65:aa:bb:02");
      Object configBefore = autoprovd.device(second).get("config");

      var refused = autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", second, "code", code), null);

      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.body()).contains("already claimed by device " + first);
      assertThat(autoprovd.device(second)).containsEntry("config", configBefore);
    }

    @Test
    void aDeviceNotInAutoprov_is409_andKeepsItsConfig() {
      String code = autoprovd.code("alice", A);
      autoprovd.json("POST", "/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "handmade", "config", "bob",
          "mac", "00:15:65:aa:bb:09")), null, 201);

      var refused = autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", "handmade", "code", code), null);

      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.body()).contains("not in autoprov");
      assertThat(autoprovd.device("handmade")).containsEntry("config", "bob");
    }

    @Test
    void badBodies_andUnknownDevices_areRefused() {
      assertThat(autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", "ghost", "code", "123456"), null)
          .statusCode()).isEqualTo(404);
      var bad = autoprovd.rest("POST", "/0.2/dev_mgr/claim", Map.of("id", 5, "extra", true), null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("extra: unknown field").contains("id: required").contains("code: required");
      assertThat(autoprovd.rest("POST", "/0.2/dev_mgr/claim", "not json", null).statusCode()).isEqualTo(400);
    }
  }

  @Nested
  class TenantRules {
    @Test
    void aPhoneFoundOnTheNetwork_isInsertedInTheMasterTenant_asNew() {
      String device = discovered();

      assertThat(autoprovd.device(device)).containsEntry("tenant_uuid", Tenant.MASTER_UUID)
          .containsEntry("is_new", true);
    }

    @Test
    void provisioning_transfersTheDeviceToTheTenantOfItsLine() {
      String device = discovered();

      claim(device, autoprovd.code("mallory", B), 200);

      assertThat(autoprovd.device(device)).containsEntry("tenant_uuid", B).containsEntry("is_new", false);
    }

    @Test
    void aResetToAutoprov_keepsTheTenant_givesAFreshAccount_andFreesTheCode() {
      String device = discovered();
      String firstAccount = AutoprovServer.yealinkValue(autoprovd.fetch(FILE, UA), "account.1.user_name");
      String code = autoprovd.code("alice", A);
      claim(device, code, 200);

      var reset = inner(autoprovd.json("POST", "/0.2/dev_mgr/reset_autoprov", Map.of("id", device), A, 200), "reset");

      assertThat(reset).containsEntry("tenant_uuid", A).containsEntry("released_codes", List.of(code));
      assertThat(autoprovd.device(device)).containsEntry("tenant_uuid", A).containsEntry("is_new", false)
          .containsEntry("config", reset.get("config"));
      String account = AutoprovServer.yealinkValue(autoprovd.fetch(FILE, UA), "account.1.user_name");
      assertThat(account).matches("ap[a-z0-9]{10}").isNotEqualTo(firstAccount);
      assertThat(inner(autoprovd.json("GET", "/0.2/code_mgr/codes/" + code, null, A, 200), "code"))
          .containsEntry("claimed_by", null);
    }

    @Test
    void afterThat_theTenantNeverChanges_aLineOfAnotherTenantIsRefused() {
      String device = discovered();
      claim(device, autoprovd.code("alice", A), 200);
      autoprovd.json("POST", "/0.2/dev_mgr/reset_autoprov", Map.of("id", device), A, 200);

      var refused = autoprovd.rest("POST", "/0.2/dev_mgr/claim",
          Map.of("id", device, "code", autoprovd.code("mallory", B)), null);

      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("never changes");
      assertThat(autoprovd.device(device)).containsEntry("tenant_uuid", A);
    }

    @Test
    void aResetFromAnotherTenant_findsNoDevice() {
      String device = discovered();
      claim(device, autoprovd.code("alice", A), 200);

      assertThat(autoprovd.rest("POST", "/0.2/dev_mgr/reset_autoprov", Map.of("id", device), B).statusCode())
          .isEqualTo(404);
      assertThat(autoprovd.device(device)).containsEntry("tenant_uuid", A);
    }
  }
}
