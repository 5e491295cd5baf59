package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.ProvisioningCode;
import io.autoprovd.core.code.SipAccountIndex;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.tenant.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CodeStore} promises: codes unique on the server, one per line, claims
 * compare-and-set (one winner), release only by the holder; and the {@link SipAccountIndex} finds
 * a config by its own line 1 user name.
 */
abstract class CodeStoreContract {
  static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123Z");
  static final String TENANT = "aaaaaaaa-0000-4000-8000-00000000000a";

  /** Fresh, empty stores. */
  protected abstract CodeStore codes();

  protected abstract ConfigStore configs();

  protected abstract SipAccountIndex accounts();

  CodeStore codes;

  @BeforeEach
  void open() {
    codes = codes();
  }

  static ProvisioningCode code(String code, String config) {
    return ProvisioningCode.unclaimed(code, config, TENANT, CREATED);
  }

  @Test
  void anInsertedCode_isFoundAsWritten_byCode_byConfig_andInTheList() {
    // given
    var code = code("123456", "alice");

    // when
    var insertion = codes.insert(code);

    // then
    assertThat(insertion).isEqualTo(new CodeStore.Insertion.Inserted(code));
    assertThat(codes.find("123456")).contains(code);
    assertThat(codes.findByConfig("alice")).containsExactly(code);
    assertThat(codes.list()).containsExactly(code);
  }

  @Test
  void aCodeIsUniqueOnTheWholeServer_andALineCarriesOne() {
    codes.insert(code("123456", "alice"));

    assertThat(codes.insert(code("123456", "bob"))).isEqualTo(new CodeStore.Insertion.Duplicate("123456"));
    assertThat(codes.insert(code("654321", "alice")))
        .isEqualTo(new CodeStore.Insertion.LineTaken(code("123456", "alice")));
    assertThat(codes.list()).hasSize(1);
  }

  @Test
  void aClaim_succeedsOnlyIfTheClaimantIsStillTheExpectedOne() {
    codes.insert(code("123456", "alice"));
    Instant at = CREATED.plusSeconds(5);

    var first = codes.claim("123456", null, "phone1", at);
    var second = codes.claim("123456", null, "phone2", at);
    var takeover = codes.claim("123456", "phone1", "phone2", at);

    assertThat(first).contains(code("123456", "alice").withClaim("phone1", at));
    assertThat(second).isEmpty();
    assertThat(takeover.orElseThrow().claimedBy()).isEqualTo("phone2");
    assertThat(codes.findByClaimant("phone2")).hasSize(1);
    assertThat(codes.findByClaimant("phone1")).isEmpty();
  }

  @Test
  void ofManyDevicesClaimingOneCodeAtOnce_exactlyOneWins() throws Exception {
    codes.insert(code("123456", "alice"));
    var tasks = new ArrayList<Callable<Boolean>>();
    for (int i = 0; i < 8; i++) {
      String device = "phone" + i;
      tasks.add(() -> codes.claim("123456", null, device, CREATED).isPresent());
    }

    List<Boolean> wins;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      wins = pool.invokeAll(tasks).stream().map(f -> {
        try {
          return f.get();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).toList();
    }

    assertThat(wins).filteredOn(w -> w).hasSize(1);
  }

  @Test
  void release_freesTheCodeOnlyForItsHolder() {
    codes.insert(code("123456", "alice"));
    codes.claim("123456", null, "phone1", CREATED);

    assertThat(codes.release("123456", "phone2")).isFalse();
    assertThat(codes.release("123456", "phone1")).isTrue();

    assertThat(codes.find("123456").orElseThrow().claimed()).isFalse();
  }

  @Test
  void revoke_deletesTheCode() {
    codes.insert(code("123456", "alice"));

    assertThat(codes.revoke("123456")).isTrue();
    assertThat(codes.revoke("123456")).isFalse();

    assertThat(codes.find("123456")).isEmpty();
  }

  @Test
  void theAccountIndex_findsTheConfigByTheUserNameOfItsOwnLine1_only() {
    configs().insert(new Config("autoprov-x", List.of("autoprov"),
        Map.of("sip_lines", Map.of("1", Map.of("username", "apabcdefghij", "password", "p"))),
        null, true, true, Tenant.MASTER_UUID, Map.of(), 0));
    configs().insert(new Config("two-lines", List.of(),
        Map.of("sip_lines", Map.of("2", Map.of("username", "apzzzzzzzzzz"))), null, false, true, null, Map.of(), 0));

    assertThat(accounts().findConfigId("apabcdefghij")).contains("autoprov-x");
    assertThat(accounts().findConfigId("apzzzzzzzzzz")).isEmpty();
    assertThat(accounts().findConfigId("nobody")).isEmpty();
    assertThat(accounts().findConfigId("")).isEmpty();
  }
}
