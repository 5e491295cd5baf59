package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.core.token.ApiToken;
import io.autoprovd.core.token.TokenStore;
import io.autoprovd.core.token.TokenStore.Insert;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} promises: tokens found by hash and by id, duplicates and unknown
 * tenants refused without writing, revocation removes, expiry kept to the millisecond.
 */
abstract class TokenStoreContract {
  static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123Z");

  /** The store of a fresh, empty, migrated database with the master tenant only. */
  protected abstract Store store();

  /** The plan the database makes for a look-up by hash, as text. */
  protected abstract String planOfFindByHash();

  /** True if {@code plan} reads the tokens through the {@code tokens_hash} index. */
  protected abstract boolean usesHashIndex(String plan);

  private TokenStore tokens;

  @BeforeEach
  void openTokens() {
    tokens = store().tokens();
  }

  static String hash(int n) {
    return HexFormat.of().formatHex(new byte[32]).substring(0, 56) + "%08x".formatted(n);
  }

  static ApiToken token(String id, int n) {
    return new ApiToken(id, hash(n), Tenant.MASTER_UUID, List.of("provd.#"), "token " + id, null, CREATED, null);
  }

  @Test
  void anInsertedToken_isFoundByItsHashAndItsId_exactlyAsWritten() {
    // given
    var token = new ApiToken("t1", hash(1), Tenant.MASTER_UUID,
        List.of("provd.dev_mgr.devices.*.read", "!provd.configure.#"), "confd", "wazo-confd's token",
        CREATED, CREATED.plusSeconds(3600));

    // when
    Insert insert = tokens.insert(token);

    // then
    assertThat(insert).isEqualTo(new Insert.Inserted(token));
    assertThat(tokens.findByHash(hash(1))).contains(token);
    assertThat(tokens.findById("t1")).contains(token);
    assertThat(tokens.findByHash(hash(2))).isEmpty();
  }

  @Test
  void aTokenWithoutExpiry_comesBackWithoutExpiry() {
    // given
    tokens.insert(token("t1", 1));

    // when
    ApiToken stored = tokens.findById("t1").orElseThrow();

    // then
    assertThat(stored.expiresAt()).isNull();
    assertThat(stored.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void aSecondTokenWithTheSameId_isRefused_andTheFirstIsUntouched() {
    // given
    tokens.insert(token("t1", 1));

    // when
    Insert insert = tokens.insert(token("t1", 2));

    // then
    assertThat(insert).isEqualTo(new Insert.Duplicate("a token with id t1 exists"));
    assertThat(tokens.findById("t1").orElseThrow().hash()).isEqualTo(hash(1));
    assertThat(tokens.findByHash(hash(2))).isEmpty();
  }

  @Test
  void aSecondTokenWithTheSameHash_isRefused() {
    // given
    tokens.insert(token("t1", 1));

    // when
    Insert insert = tokens.insert(token("t2", 1));

    // then
    assertThat(insert).isEqualTo(new Insert.Duplicate("a token with that hash exists"));
    assertThat(tokens.findById("t2")).isEmpty();
  }

  @Test
  void aTokenOfAnUnknownTenant_isRefused_andNothingIsWritten() {
    // given
    var token = new ApiToken("t1", hash(1), "no-such-tenant", List.of("provd.#"), "x", null, CREATED, null);

    // when
    Insert insert = tokens.insert(token);

    // then
    assertThat(insert).isEqualTo(new Insert.UnknownTenant("no-such-tenant"));
    assertThat(tokens.list()).isEmpty();
  }

  @Test
  void aTokenOfASubTenant_isKeptWithItsTenant() {
    // given
    store().tenants().insert(new Tenant("t-acme", "acme", Tenant.MASTER_UUID));
    var token = new ApiToken("t1", hash(1), "t-acme", List.of("provd.dev_mgr.#"), "acme", null, CREATED, null);

    // when
    tokens.insert(token);

    // then
    assertThat(tokens.findByHash(hash(1)).orElseThrow().tenantUuid()).isEqualTo("t-acme");
  }

  @Test
  void list_givesEveryToken_oldestFirst() {
    // given
    tokens.insert(new ApiToken("b", hash(1), Tenant.MASTER_UUID, List.of("provd.#"), "n", null, CREATED.plusSeconds(5), null));
    tokens.insert(new ApiToken("c", hash(2), Tenant.MASTER_UUID, List.of("provd.#"), "n", null, CREATED, null));
    tokens.insert(new ApiToken("a", hash(3), Tenant.MASTER_UUID, List.of("provd.#"), "n", null, CREATED.plusSeconds(5), null));

    // when
    List<ApiToken> listed = tokens.list();

    // then
    assertThat(listed).extracting(ApiToken::id).containsExactly("c", "a", "b");
  }

  @Test
  void revoking_removesTheToken_andSaysWhichItWas() {
    // given
    tokens.insert(token("t1", 1));
    tokens.insert(token("t2", 2));

    // when
    var revoked = tokens.revoke("t1");

    // then
    assertThat(revoked).contains(token("t1", 1));
    assertThat(tokens.findByHash(hash(1))).isEmpty();
    assertThat(tokens.findById("t1")).isEmpty();
    assertThat(tokens.list()).extracting(ApiToken::id).containsExactly("t2");
  }

  @Test
  void revokingAnUnknownId_isEmpty_andRevokesNothing() {
    // given
    tokens.insert(token("t1", 1));

    // when
    var revoked = tokens.revoke("t9");

    // then
    assertThat(revoked).isEmpty();
    assertThat(tokens.list()).hasSize(1);
  }

  @Test
  void anExpiredToken_isStillStored_untilRevoked() {
    // given: expired an hour before "now"; the store does not judge time
    var token = new ApiToken("t1", hash(1), Tenant.MASTER_UUID, List.of("provd.#"), "old", null,
        CREATED, CREATED.plusSeconds(1));

    // when
    tokens.insert(token);

    // then
    assertThat(tokens.findByHash(hash(1))).contains(token);
    assertThat(token.isExpiredAt(CREATED.plusSeconds(1))).isTrue();
  }

  @Test
  void aLookUpByHash_readsAnIndex() {
    // given
    tokens.insert(token("t1", 1));

    // when
    String plan = planOfFindByHash();

    // then
    assertThat(usesHashIndex(plan)).as("plan:%n%s", plan).isTrue();
  }
}
