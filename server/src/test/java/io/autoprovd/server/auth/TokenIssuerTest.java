package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.auth.TokenIssuer.Issue;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIssuerTest {
  @TempDir Path dataDir;
  private Store store;
  private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T10:00:00Z"));
  private TokenIssuer issuer;

  @BeforeEach
  void open() {
    store = Store.open(StoreSettings.sqlite(dataDir));
    issuer = new TokenIssuer(store.tokens(), time);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anIssuedToken_is32RandomBytesInBase64url_andOnlyItsSha256IsStored() throws Exception {
    // when
    var issued = (Issue.Issued) issuer.issue(new NewToken(Tenant.MASTER_UUID, List.of("provd.#"), "ops", "for ops", null));

    // then
    assertThat(issued.secret()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(issued.secret())).hasSize(32);
    String sha256 = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(issued.secret().getBytes(StandardCharsets.UTF_8)));
    var stored = store.tokens().findById(issued.token().id()).orElseThrow();
    assertThat(stored.hash()).isEqualTo(sha256);
    assertThat(stored).isEqualTo(issued.token());
    assertThat(stored.name()).isEqualTo("ops");
    assertThat(stored.description()).isEqualTo("for ops");
    assertThat(stored.createdAt()).isEqualTo(time.instant());
    assertThat(issued.toString()).doesNotContain(issued.secret());
  }

  @Test
  void twoTokens_differInSecretAndId() {
    // when
    var a = (Issue.Issued) issuer.issue(new NewToken(Tenant.MASTER_UUID, List.of("provd.#"), "a", null, null));
    var b = (Issue.Issued) issuer.issue(new NewToken(Tenant.MASTER_UUID, List.of("provd.#"), "b", null, null));

    // then
    assertThat(a.secret()).isNotEqualTo(b.secret());
    assertThat(a.token().id()).isNotEqualTo(b.token().id());
  }

  @Test
  void aLifetime_setsTheExpiryFromNow() {
    // when
    var issued = (Issue.Issued) issuer.issue(
        new NewToken(Tenant.MASTER_UUID, List.of("provd.#"), "a", null, Duration.ofDays(30)));

    // then
    assertThat(issued.token().expiresAt()).isEqualTo(time.instant().plus(Duration.ofDays(30)));
  }

  @Test
  void aTokenForAnUnknownTenant_isRefused_andNothingIsStored() {
    // when
    Issue issue = issuer.issue(new NewToken("no-such-tenant", List.of("provd.#"), "a", null, null));

    // then
    assertThat(issue).isEqualTo(new Issue.Refused("tenant no-such-tenant does not exist"));
    assertThat(store.tokens().list()).isEmpty();
  }

  @Test
  void aMalformedAcl_isRefusedNamingIt_andNothingIsStored() {
    // when
    Issue issue = issuer.issue(new NewToken(Tenant.MASTER_UUID, List.of("provd.#", "provd..read"), "a", null, null));

    // then
    assertThat(issue).isInstanceOf(Issue.Refused.class);
    assertThat(((Issue.Refused) issue).why()).contains("provd..read");
    assertThat(store.tokens().list()).isEmpty();
  }

  @Test
  void theClearToken_neverReachesTheDatabaseFiles_onlyItsHashDoes() throws Exception {
    // given
    var issued = (Issue.Issued) issuer.issue(new NewToken(Tenant.MASTER_UUID, List.of("provd.#"), "a", null, null));

    // when: every byte SQLite wrote (database, WAL, shared memory), before and after a checkpoint
    byte[] beforeClose = allBytes(dataDir);
    store.close();
    byte[] afterClose = allBytes(dataDir);
    store = Store.open(StoreSettings.sqlite(dataDir));

    // then: the hash is found, which shows the scan reads the rows; the token is not
    for (byte[] bytes : List.of(beforeClose, afterClose)) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      assertThat(text).contains(issued.token().hash());
      assertThat(text).doesNotContain(issued.secret());
      assertThat(text).doesNotContain(new String(Base64.getUrlDecoder().decode(issued.secret()), StandardCharsets.ISO_8859_1));
    }
  }

  private static byte[] allBytes(Path dir) throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.write(Files.readAllBytes(file));
      }
    }
    return out.toByteArray();
  }
}
