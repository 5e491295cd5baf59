package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.auth.LocalAuthenticator;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autoprovd tokens …}: straight on the data directory's database, no server running. */
class TokensCliTest {
  @TempDir Path dataDir;

  private Cli.Run tokens(String... args) {
    var all = new ArrayList<>(List.of("tokens"));
    all.addAll(List.of(args));
    all.addAll(List.of("--data-dir", dataDir.toString()));
    return Cli.run(Map.of(), all.toArray(String[]::new));
  }

  private LocalAuthenticator authenticator(Store store) {
    return new LocalAuthenticator(store.tokens(), InstantSource.system(), Duration.ZERO);
  }

  @Test
  void create_printsOnlyTheTokenOnStandardOutput_andItWorks() {
    // when
    var run = tokens("create", "--name", "confd", "--acl", "provd.dev_mgr.#", "--acl", "provd.cfg_mgr.#");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    String token = run.out().strip();
    assertThat(run.out()).isEqualTo(token + "\n");
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(run.err()).contains("(confd) created for tenant " + Tenant.MASTER_UUID)
        .contains("cannot be shown again").doesNotContain(token);
    try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
      var principal = authenticator(store).authenticate(token).orElseThrow();
      assertThat(principal.acls()).containsExactly("provd.dev_mgr.#", "provd.cfg_mgr.#");
      assertThat(principal.allows("provd.dev_mgr.devices.read")).isTrue();
      assertThat(principal.allows("provd.configure.read")).isFalse();
    }
  }

  @Test
  void createAsJson_givesTheTokenAndItsRecord_butNeverTheHash() {
    // when
    var run = tokens("create", "--name", "ci", "--description", "the CI job", "--expires-in", "30d", "--json");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    var created = Documents.parseObject(run.out());
    assertThat(created.keySet()).containsExactly("id", "name", "description", "tenant_uuid", "acls", "created_at",
        "expires_at", "token");
    assertThat(created).containsEntry("name", "ci").containsEntry("acls", List.of("provd.#"));
    Instant createdAt = Instant.parse((String) created.get("created_at"));
    assertThat(Instant.parse((String) created.get("expires_at"))).isEqualTo(createdAt.plus(Duration.ofDays(30)));
  }

  @Test
  void list_showsEveryTokensRecord_inATableOrAsJson_neverATokenOrAHash() {
    // given
    String token = tokens("create", "--name", "first").out().strip();
    tokens("create", "--name", "second", "--expires-in", "12h");

    // when
    var table = tokens("list");
    var json = tokens("list", "--json");

    // then
    assertThat(table.code()).as(table.toString()).isZero();
    assertThat(table.out().split("\n")[0]).startsWith("ID").contains("NAME").contains("TENANT").contains("EXPIRES");
    assertThat(table.out()).containsPattern("(?m)^[0-9a-f]{16} +first +" + Tenant.MASTER_UUID + " +provd\\.# +never ");
    assertThat(table.out()).contains("second");
    @SuppressWarnings("unchecked")
    var listed = (List<Map<String, Object>>) Documents.parseObject(json.out()).get("tokens");
    assertThat(listed).extracting(t -> t.get("name")).containsExactly("first", "second");
    assertThat(table.out() + json.out()).doesNotContain(token).doesNotContain("hash");
  }

  @Test
  void revoke_stopsTheToken_andRevokingItAgainIsNotFound() {
    // given
    var created = Documents.parseObject(tokens("create", "--json").out());
    String id = (String) created.get("id");

    // when
    var revoked = tokens("revoke", id);
    var again = tokens("revoke", id);

    // then
    assertThat(revoked.code()).as(revoked.toString()).isZero();
    assertThat(revoked.out()).isEqualTo("token " + id + " (cli) revoked\n");
    assertThat(again.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(again.err()).contains("no token with id " + id);
    try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
      assertThat(authenticator(store).authenticate((String) created.get("token"))).isEmpty();
    }
  }

  @Test
  void aTokenForAnUnknownTenant_isRefused_unlessTheTenantIsCreated() {
    // when
    var refused = tokens("create", "--tenant", "acme-uuid");
    var created = tokens("create", "--tenant", "acme-uuid", "--create-tenant");

    // then
    assertThat(refused.code()).isEqualTo(ExitCode.REJECTED);
    assertThat(refused.err()).contains("tenant acme-uuid does not exist").contains("--create-tenant");
    assertThat(created.code()).as(created.toString()).isZero();
    try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
      assertThat(store.tenants().findById("acme-uuid")).hasValueSatisfying(
          t -> assertThat(t.parentUuid()).isEqualTo(Tenant.MASTER_UUID));
      assertThat(store.tokens().list()).hasSize(1);
    }
  }

  @Test
  void aMalformedAcl_isRefusedNamingIt_andNothingIsStored() {
    // when
    var run = tokens("create", "--acl", "provd..read");

    // then
    assertThat(run.code()).isEqualTo(ExitCode.REJECTED);
    assertThat(run.err()).contains("provd..read");
    assertThat(tokens("list", "--json").out()).contains("\"tokens\" : [ ]");
  }

  @Test
  void aBadExpiry_isAUsageError() {
    // when
    var zero = tokens("create", "--expires-in", "0d");
    var words = tokens("create", "--expires-in", "tomorrow");

    // then
    assertThat(zero.code()).isEqualTo(ExitCode.USAGE);
    assertThat(words.code()).isEqualTo(ExitCode.USAGE);
    assertThat(words.err()).contains("--expires-in: a positive duration");
  }

  @Test
  void badSettings_areAUsageError_sayingWhich(@TempDir Path elsewhere) throws Exception {
    // given
    Path settings = java.nio.file.Files.writeString(elsewhere.resolve("autoprovd.yml"), "database:\n  url: mysql://x\n");

    // when
    var run = tokens("list", "--config", settings.toString());

    // then
    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("database.url");
  }
}
