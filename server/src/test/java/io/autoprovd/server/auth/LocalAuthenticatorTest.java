package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.auth.TokenIssuer.Issue;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalAuthenticator on a real SQLite store; time is fake (wall clock and cache ticker alike). */
class LocalAuthenticatorTest {
  private static final Duration TTL = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  private Store store;
  private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T10:00:00Z"));
  private TokenIssuer issuer;
  private LocalAuthenticator authenticator;

  @BeforeEach
  void open() {
    store = Store.open(StoreSettings.sqlite(dataDir));
    issuer = new TokenIssuer(store.tokens(), time);
    authenticator = new LocalAuthenticator(store.tokens(), time, TTL, time);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Issue.Issued issue(String tenant, List<String> acls, Duration lifetime) {
    return (Issue.Issued) issuer.issue(new NewToken(tenant, acls, "test", null, lifetime));
  }

  @Test
  void anIssuedToken_authenticatesAsItsTenant_withItsAcls() {
    // given
    store.tenants().insert(new Tenant("t-acme", "acme", Tenant.MASTER_UUID));
    var issued = issue("t-acme", List.of("provd.dev_mgr.#", "!provd.dev_mgr.devices.*.delete"), null);

    // when
    var principal = authenticator.authenticate(issued.secret()).orElseThrow();

    // then
    assertThat(principal.tenantUuid()).isEqualTo("t-acme");
    assertThat(principal.acls()).containsExactly("provd.dev_mgr.#", "!provd.dev_mgr.devices.*.delete");
    assertThat(principal.allows("provd.dev_mgr.devices.d1.read")).isTrue();
    assertThat(principal.allows("provd.dev_mgr.devices.d1.delete")).isFalse();
    assertThat(principal.allows("provd.cfg_mgr.configs.read")).isFalse();
    assertThat(principal.subject()).contains(issued.token().id()).doesNotContain(issued.secret());
  }

  @Test
  void anUnknownOrMissingToken_authenticatesNobody() {
    // given
    issue(Tenant.MASTER_UUID, List.of("provd.#"), null);

    // then
    assertThat(authenticator.authenticate(TokenSecret.generate(new java.security.SecureRandom()))).isEmpty();
    assertThat(authenticator.authenticate("")).isEmpty();
    assertThat(authenticator.authenticate(null)).isEmpty();
    assertThat(authenticator.authenticate("x".repeat(10_000))).isEmpty();
  }

  @Test
  void aTokenPresentedByItsHash_authenticatesNobody() {
    // given: someone read the database
    var issued = issue(Tenant.MASTER_UUID, List.of("provd.#"), null);

    // then
    assertThat(authenticator.authenticate(issued.token().hash())).isEmpty();
  }

  @Test
  void anExpiredToken_stopsWorkingAtItsExpiry_evenWhileCached() {
    // given
    var issued = issue(Tenant.MASTER_UUID, List.of("provd.#"), Duration.ofSeconds(5));
    assertThat(authenticator.authenticate(issued.secret())).isPresent();

    // when: the wall clock passes the expiry, the cache entry is still fresh
    time.advance(Duration.ofSeconds(5));

    // then
    assertThat(authenticator.authenticate(issued.secret())).isEmpty();
  }

  @Test
  void aTokenRevokedHere_stopsWorkingAtOnce_thoughItWasCached() {
    // given
    var issued = issue(Tenant.MASTER_UUID, List.of("provd.#"), null);
    assertThat(authenticator.authenticate(issued.secret())).isPresent();

    // when
    var revoked = authenticator.revoke(issued.token().id());

    // then
    assertThat(revoked).contains(issued.token());
    assertThat(authenticator.authenticate(issued.secret())).isEmpty();
  }

  @Test
  void aTokenRevokedByAnotherProcess_stopsWorkingWithinTheCacheTtl() {
    // given: cached here, then revoked straight in the store, as the CLI does
    var issued = issue(Tenant.MASTER_UUID, List.of("provd.#"), null);
    assertThat(authenticator.authenticate(issued.secret())).isPresent();
    store.tokens().revoke(issued.token().id());

    // when / then: still trusted just before the TTL, no longer at it
    time.advance(TTL.minusSeconds(1));
    assertThat(authenticator.authenticate(issued.secret())).isPresent();
    time.advance(Duration.ofSeconds(1));
    assertThat(authenticator.authenticate(issued.secret())).isEmpty();
  }

  @Test
  void aTokenTriedBeforeItExisted_worksAsSoonAsItIsCreated() {
    // given: an unknown token was tried (and not remembered as unknown)
    var issued = issue(Tenant.MASTER_UUID, List.of("provd.#"), null);
    String secret = issued.secret();
    authenticator.revoke(issued.token().id());
    assertThat(authenticator.authenticate(secret)).isEmpty();

    // when: a token with that very hash is stored again
    store.tokens().insert(issued.token());

    // then
    assertThat(authenticator.authenticate(secret)).isPresent();
  }
}
