package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path dataDir;
  private Store store;
  private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T10:00:00Z"));

  @BeforeEach
  void open() {
    store = Store.open(StoreSettings.sqlite(dataDir));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void firstStart_writesAMasterTokenForProvdEverything_readableByItsOwnerOnly_andLogsWhereNotWhat() throws Exception {
    // when
    Path file;
    String log;
    try (var logs = new LogCapture()) {
      file = AdminToken.ensure(dataDir, store.tokens(), time);
      log = logs.text();
    }

    // then
    assertThat(file).isEqualTo(dataDir.resolve("admin-token").toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String token = AdminToken.read(file);
    assertThat(Files.readString(file)).isEqualTo(token + "\n");
    var principal = new LocalAuthenticator(store.tokens(), time, Duration.ofSeconds(10), time)
        .authenticate(token).orElseThrow();
    assertThat(principal.tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
    assertThat(principal.acls()).containsExactly("provd.#");
    assertThat(log).contains(file.toString()).doesNotContain(token);
    try (Stream<Path> left = Files.list(dataDir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp"));
    }
  }

  @Test
  void aLaterStart_keepsTheFileAndItsToken_andIssuesNoOther() throws Exception {
    // given
    Path file = AdminToken.ensure(dataDir, store.tokens(), time);
    String first = Files.readString(file);

    // when
    String log;
    try (var logs = new LogCapture()) {
      AdminToken.ensure(dataDir, store.tokens(), time);
      log = logs.text();
    }

    // then
    assertThat(Files.readString(file)).isEqualTo(first);
    assertThat(store.tokens().list()).hasSize(1);
    assertThat(log).contains("(kept)").doesNotContain(first.strip());
  }

  @Test
  void aFileWhoseTokenWasRevoked_isKept_withAWarningSayingHowToGetANewOne() throws Exception {
    // given
    Path file = AdminToken.ensure(dataDir, store.tokens(), time);
    store.tokens().revoke(store.tokens().list().getFirst().id());

    // when
    String log;
    try (var logs = new LogCapture()) {
      AdminToken.ensure(dataDir, store.tokens(), time);
      log = logs.text();
    }

    // then
    assertThat(file).exists();
    assertThat(store.tokens().list()).isEmpty();
    assertThat(log).contains("WARN").contains("holds no valid token").contains("delete the file and restart");
  }
}
