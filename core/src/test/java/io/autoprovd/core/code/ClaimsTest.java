package io.autoprovd.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.InMemoryDeviceStore;
import io.autoprovd.core.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Claims and resets on the in-memory stores: the code rules and the product's tenant rules. */
class ClaimsTest {
  static final String TENANT_A = "aaaaaaaa-0000-4000-8000-00000000000a";
  static final String TENANT_B = "bbbbbbbb-0000-4000-8000-00000000000b";

  final InMemoryDeviceStore devices = new InMemoryDeviceStore();
  final InMemoryConfigStore configs = new InMemoryConfigStore();
  final InMemoryCodeStore codes = new InMemoryCodeStore();
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
  final InstantSource clock = () -> now.get();
  final WrongCodeLimiter limiter = new WrongCodeLimiter(5, Duration.ofMinutes(10), clock);
  final Autocreate autocreate = new Autocreate(new SplittableRandom(7));
  int lines = 2;
  Claims claims;
  CodeIssuer issuer;

  @BeforeEach
  void setUp() {
    StandardConfigs.all("10.0.0.1", 5060).forEach(configs::insert);
    claims = new Claims(devices, configs, codes, d -> d.toBuilder().configured(d.config() != null, "no config").build(),
        d -> lines, limiter, autocreate, clock, id -> { });
    issuer = new CodeIssuer(codes, configs, 6, new SplittableRandom(3), clock);
    line("alice", TENANT_A, "1001");
    line("bob", TENANT_A, "1002");
    line("carol", TENANT_A, "1003");
    line("mallory", TENANT_B, "2001");
    line("shared", null, "3001");
  }

  void line(String id, String tenant, String username) {
    configs.insert(new Config(id, List.of(StandardConfigs.BASE, StandardConfigs.DEFAULT_CONFIG_DEVICE),
        Map.of("sip_lines", Map.of("1", Map.of("username", username, "password", "pw-" + username,
            "display_name", id, "registrar_ip", "pbx.example.com"))),
        null, false, true, tenant, Map.of(), 0));
  }

  String code(String lineConfig) {
    return ((CodeIssuer.Issue.Issued) issuer.issue(lineConfig, null)).code().code();
  }

  /** A phone found on the network: master tenant, is_new, its own autoprov config. */
  Device discovered(String id) {
    Config autoprov = autocreate.newConfig(configs.findByRole(StandardConfigs.ROLE_AUTOCREATE).orElseThrow());
    configs.insert(autoprov);
    Device device = Device.newBuilder(id, Tenant.MASTER_UUID).isNew(true).plugin("yealink").model("T46S")
        .config(autoprov.id()).build();
    return devices.insertIfAbsent(device).device();
  }

  Device stored(String id) {
    return devices.findById(id).orElseThrow();
  }

  @Nested
  class GivenADeviceInAutoprov {
    Device phone;

    @BeforeEach
    void discover() {
      phone = discovered("phone1");
    }

    @Test
    void whenItClaimsACode_thenItGetsAConfigWhoseParentIsTheLine_atLine1() {
      String code = code("alice");

      var result = (ClaimResult.Claimed) claims.claim("phone1", code);

      assertThat(result.line()).isEqualTo(1);
      Device after = stored("phone1");
      assertThat(after.config()).isEqualTo("phone1");
      Config deviceConfig = configs.findById("phone1").orElseThrow();
      assertThat(deviceConfig.parentIds()).containsExactly("alice");
      assertThat(deviceConfig.extra()).containsEntry(Claims.LINES_KEY, Map.of("1", "alice"));
      assertThat(deviceConfig.transientConfig()).isFalse();
      assertThat(codes.find(code).orElseThrow().claimedBy()).isEqualTo("phone1");
    }

    @Test
    void whenItClaimsACode_thenItMovesFromTheMasterTenantToTheLinesTenant() {
      var result = (ClaimResult.Claimed) claims.claim("phone1", code("alice"));

      assertThat(result.tenantMoved()).isTrue();
      assertThat(stored("phone1").tenantUuid()).isEqualTo(TENANT_A);
      assertThat(stored("phone1").isNew()).isFalse();
      assertThat(configs.findById("phone1").orElseThrow().tenantUuid()).isEqualTo(TENANT_A);
    }

    @Test
    void whenItClaimsTheCodeOfASharedLine_thenItStaysInTheMasterTenant() {
      var result = (ClaimResult.Claimed) claims.claim("phone1", code("shared"));

      assertThat(result.tenantMoved()).isFalse();
      assertThat(stored("phone1").tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
      assertThat(stored("phone1").isNew()).isTrue();
    }

    @Test
    void whenItClaims_thenItsAutoprovConfigIsDeleted() {
      String autoprov = phone.config();

      claims.claim("phone1", code("alice"));

      assertThat(configs.findById(autoprov)).isEmpty();
    }

    @Test
    void whenItDialsAnUnknownCode_thenNothingChanges() {
      var result = claims.claim("phone1", "424242");

      assertThat(result).isEqualTo(new ClaimResult.UnknownCode("424242"));
      assertThat(stored("phone1")).isEqualTo(phone);
    }

    @Test
    void whenItDialsSomethingThatIsNotACode_thenItIsAnUnknownCode() {
      assertThat(claims.claim("phone1", "*98")).isInstanceOf(ClaimResult.UnknownCode.class);
      assertThat(claims.claim("phone1", "")).isInstanceOf(ClaimResult.UnknownCode.class);
    }

    @Test
    void whenItDialsItsCodeAgain_thenTheClaimIsRepeated_andNothingChanges() {
      String code = code("alice");
      claims.claim("phone1", code);
      Device before = stored("phone1");

      var again = (ClaimResult.Claimed) claims.claim("phone1", code);

      assertThat(again.repeated()).isTrue();
      assertThat(stored("phone1")).isEqualTo(before);
    }

    @Test
    void whenTheCodesLineWasDeleted_thenTheLineIsMissing() {
      String code = code("alice");
      configs.delete("alice");

      assertThat(claims.claim("phone1", code)).isEqualTo(new ClaimResult.LineMissing(code, "alice"));
      assertThat(stored("phone1")).isEqualTo(phone);
    }

    @Test
    void whenAConfigNamedAfterTheDeviceExistsAlready_thenTheClaimFails_andTheCodeStaysFree() {
      configs.insert(Config.of("phone1", List.of(), Map.of()));
      String code = code("alice");

      assertThat(claims.claim("phone1", code)).isInstanceOf(ClaimResult.Conflict.class);
      assertThat(codes.find(code).orElseThrow().claimed()).isFalse();
      assertThat(stored("phone1").config()).isEqualTo(phone.config());
    }
  }

  @Nested
  class GivenACodeAnotherDeviceClaimed {
    String code;

    @BeforeEach
    void claimIt() {
      discovered("first");
      discovered("second");
      code = code("alice");
      claims.claim("first", code);
    }

    @Test
    void whenAnotherDeviceDialsIt_thenItIsAlreadyClaimed_andNothingIsLinked() {
      Device before = stored("second");

      var result = claims.claim("second", code);

      assertThat(result).isEqualTo(new ClaimResult.AlreadyClaimed(code, "first"));
      assertThat(stored("second")).isEqualTo(before);
      assertThat(stored("first").config()).isEqualTo("first");
    }

    @Test
    void whenTheFirstDeviceIsResetToAutoprov_thenTheCodeIsFreeForAnother() {
      claims.reset("first");

      assertThat(claims.claim("second", code)).isInstanceOf(ClaimResult.Claimed.class);
      assertThat(stored("second").config()).isEqualTo("second");
    }

    @Test
    void whenTheFirstDeviceWasDeleted_thenItsStaleClaimDoesNotBlockAnother() {
      devices.delete("first");

      assertThat(claims.claim("second", code)).isInstanceOf(ClaimResult.Claimed.class);
      assertThat(codes.find(code).orElseThrow().claimedBy()).isEqualTo("second");
    }
  }

  @Nested
  class TenantRules {
    @Test
    void aDeviceFoundOnTheNetwork_isInTheMasterTenant_andNew() {
      Device phone = discovered("phone1");

      assertThat(phone.tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
      assertThat(phone.isNew()).isTrue();
    }

    @Test
    void provisioning_transfersTheDeviceToTheTenantOfItsLine() {
      discovered("phone1");

      claims.claim("phone1", code("mallory"));

      assertThat(stored("phone1").tenantUuid()).isEqualTo(TENANT_B);
    }

    @Test
    void aResetToAutoprov_keepsTheTenant() {
      discovered("phone1");
      claims.claim("phone1", code("alice"));

      var reset = (ResetResult.Reset) claims.reset("phone1");

      assertThat(reset.device().tenantUuid()).isEqualTo(TENANT_A);
      assertThat(stored("phone1").tenantUuid()).isEqualTo(TENANT_A);
      assertThat(stored("phone1").isNew()).isFalse();
      assertThat(configs.findById(reset.autoprovConfigId()).orElseThrow().tenantUuid()).isEqualTo(TENANT_A);
    }

    @Test
    void afterThat_theTenantNeverChanges_aLineOfAnotherTenantIsRefused() {
      discovered("phone1");
      claims.claim("phone1", code("alice"));
      claims.reset("phone1");
      Device before = stored("phone1");

      var result = claims.claim("phone1", code("mallory"));

      assertThat(result).isEqualTo(new ClaimResult.WrongTenant("phone1", TENANT_A, TENANT_B));
      assertThat(stored("phone1")).isEqualTo(before);
    }

    @Test
    void afterThat_aLineOfTheSameTenant_isClaimedWithoutMoving() {
      discovered("phone1");
      claims.claim("phone1", code("alice"));
      claims.reset("phone1");

      var result = (ClaimResult.Claimed) claims.claim("phone1", code("bob"));

      assertThat(result.tenantMoved()).isFalse();
      assertThat(stored("phone1").tenantUuid()).isEqualTo(TENANT_A);
    }
  }

  @Nested
  class GivenALinkedMultiLinePhone {
    @BeforeEach
    void link() {
      discovered("phone1");
      claims.claim("phone1", code("alice"));
    }

    @Test
    void whenASecondCodeIsClaimed_thenItFillsLine2WithTheOtherLinesAccount() {
      var result = (ClaimResult.Claimed) claims.claim("phone1", code("bob"));

      assertThat(result.line()).isEqualTo(2);
      Config deviceConfig = configs.findById("phone1").orElseThrow();
      assertThat(deviceConfig.parentIds()).containsExactly("alice");
      @SuppressWarnings("unchecked")
      var line2 = (Map<String, Object>) ((Map<String, Object>) deviceConfig.rawConfig().get("sip_lines")).get("2");
      assertThat(line2).containsEntry("username", "1002").containsEntry("password", "pw-1002");
      assertThat(deviceConfig.extra()).containsEntry(Claims.LINES_KEY, Map.of("1", "alice", "2", "bob"));
    }

    @Test
    void whenEveryLineOfTheModelIsTaken_thenThereIsNoFreeLine_andTheCodeStaysFree() {
      claims.claim("phone1", code("bob"));
      String third = code("carol");

      assertThat(claims.claim("phone1", third)).isEqualTo(new ClaimResult.NoFreeLine("phone1", 2));
      assertThat(codes.find(third).orElseThrow().claimed()).isFalse();
    }

    @Test
    void whenItIsReset_thenTheDeviceConfigGoes_andEveryCodeItHeldIsFree() {
      String bob = code("bob");
      claims.claim("phone1", bob);

      var reset = (ResetResult.Reset) claims.reset("phone1");

      assertThat(reset.releasedCodes()).hasSize(2).contains(bob);
      assertThat(configs.findById("phone1")).isEmpty();
      assertThat(codes.findByClaimant("phone1")).isEmpty();
    }
  }

  @Nested
  class ResetToAutoprov {
    @Test
    void givesAFreshAutoprovConfigWithANewSipAccount() {
      Device phone = discovered("phone1");
      String oldAccount = username(phone.config());
      claims.claim("phone1", code("alice"));

      var reset = (ResetResult.Reset) claims.reset("phone1");

      Config fresh = configs.findById(reset.autoprovConfigId()).orElseThrow();
      assertThat(fresh.parentIds()).containsExactly(StandardConfigs.AUTOPROV);
      assertThat(fresh.transientConfig()).isTrue();
      assertThat(username(fresh.id())).startsWith("ap").hasSize(12).isNotEqualTo(oldAccount);
      assertThat(stored("phone1").config()).isEqualTo(fresh.id());
      assertThat(claims.isAutoprov(fresh)).isTrue();
    }

    @Test
    void ofAnUnknownDevice_saysSo() {
      assertThat(claims.reset("nope")).isEqualTo(new ResetResult.UnknownDevice("nope"));
    }

    @SuppressWarnings("unchecked")
    String username(String configId) {
      var lines = (Map<String, Object>) configs.findById(configId).orElseThrow().rawConfig().get("sip_lines");
      return (String) ((Map<String, Object>) lines.get("1")).get("username");
    }
  }

  @Nested
  class BadInput {
    @Test
    void aDeviceWhoseConfigWasSetByHand_isNotInAutoprov() {
      devices.insertIfAbsent(Device.newBuilder("manual", Tenant.MASTER_UUID).isNew(true).config("alice").build());

      var result = claims.claim("manual", code("bob"));

      assertThat(result).isInstanceOf(ClaimResult.NotInAutoprov.class);
      assertThat(stored("manual").config()).isEqualTo("alice");
    }

    @Test
    void aDeviceWithoutConfig_isNotInAutoprov() {
      devices.insertIfAbsent(Device.newBuilder("bare", Tenant.MASTER_UUID).isNew(true).build());

      assertThat(claims.claim("bare", code("bob"))).isInstanceOf(ClaimResult.NotInAutoprov.class);
    }

    @Test
    void anUnknownDevice_isUnknown() {
      assertThat(claims.claim("ghost", code("bob"))).isEqualTo(new ClaimResult.UnknownDevice("ghost"));
    }
  }

  @Nested
  class WrongCodes {
    @Test
    void afterFiveWrongCodes_evenTheRightOneIsRefused_untilTheWindowPasses() {
      discovered("phone1");
      String right = code("alice");
      for (int i = 0; i < 5; i++) {
        assertThat(claims.claim("phone1", "00000" + i)).isInstanceOf(ClaimResult.UnknownCode.class);
      }

      var refused = claims.claim("phone1", right);

      assertThat(refused).isEqualTo(new ClaimResult.RateLimited("phone1", Duration.ofMinutes(10)));
      assertThat(codes.find(right).orElseThrow().claimed()).isFalse();
      now.set(now.get().plus(Duration.ofMinutes(10)));
      assertThat(claims.claim("phone1", right)).isInstanceOf(ClaimResult.Claimed.class);
    }

    @Test
    void oneDevicesWrongCodes_doNotLockOutAnother() {
      discovered("guesser");
      discovered("honest");
      for (int i = 0; i < 5; i++) {
        claims.claim("guesser", "11111" + i);
      }

      assertThat(claims.claim("guesser", code("bob"))).isInstanceOf(ClaimResult.RateLimited.class);
      assertThat(claims.claim("honest", code("alice"))).isInstanceOf(ClaimResult.Claimed.class);
    }
  }

  @Nested
  class Issuing {
    @Test
    void aGeneratedCodeHasTheConfiguredLength_andBelongsToTheLinesTenant() {
      var issued = (CodeIssuer.Issue.Issued) issuer.issue("alice", null);

      assertThat(issued.code().code()).matches("[0-9]{6}");
      assertThat(issued.code().tenantUuid()).isEqualTo(TENANT_A);
      assertThat(issued.code().configId()).isEqualTo("alice");
    }

    @Test
    void aSharedLinesCode_belongsToTheMasterTenant() {
      var issued = (CodeIssuer.Issue.Issued) issuer.issue("shared", null);

      assertThat(issued.code().tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
    }

    @Test
    void aChosenCodeIsKept_butOnlyOnceOnTheWholeServer() {
      assertThat(issuer.issue("alice", "7777")).isInstanceOf(CodeIssuer.Issue.Issued.class);

      assertThat(issuer.issue("mallory", "7777")).isEqualTo(new CodeIssuer.Issue.Duplicate("7777"));
    }

    @Test
    void aLineCarriesOneCode() {
      var first = (CodeIssuer.Issue.Issued) issuer.issue("alice", null);

      assertThat(issuer.issue("alice", null)).isEqualTo(new CodeIssuer.Issue.LineTaken(first.code()));
    }

    @Test
    void aConfigWithoutALine_orAnUnknownConfig_orABadCode_isRefused() {
      assertThat(issuer.issue(StandardConfigs.BASE, null)).isEqualTo(new CodeIssuer.Issue.NotALine("base"));
      assertThat(issuer.issue("nope", null)).isEqualTo(new CodeIssuer.Issue.UnknownConfig("nope"));
      assertThat(issuer.issue("alice", "12a4")).isInstanceOf(CodeIssuer.Issue.Invalid.class);
      assertThat(issuer.issue("alice", "123")).isInstanceOf(CodeIssuer.Issue.Invalid.class);
    }

    @Test
    void aRevokedCode_isUnknown_butTheDeviceItLinkedStaysLinked() {
      discovered("phone1");
      String code = code("alice");
      claims.claim("phone1", code);

      assertThat(codes.revoke(code)).isTrue();

      assertThat(codes.find(code)).isEmpty();
      assertThat(stored("phone1").config()).isEqualTo("phone1");
    }
  }
}
