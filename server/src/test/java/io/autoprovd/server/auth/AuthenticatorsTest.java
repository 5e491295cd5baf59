package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.server.settings.SettingsException;
import io.autoprovd.server.settings.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which authenticator a server gets from its settings, and the admin token of a real start. */
class AuthenticatorsTest {
  @TempDir Path dataDir;

  private ServerSettings settings(Map<String, String> extra) {
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    flags.put("http.enabled", "false");
    flags.put("tftp.enabled", "false");
    flags.put("rest.port", "0");
    flags.put("advertised.host", "127.0.0.1");
    flags.putAll(extra);
    return new SettingsLoader(Map.of()).load(null, flags);
  }

  @Test
  void byDefault_tokensAreLocal_withATenSecondCache() {
    // when
    var auth = settings(Map.of()).auth();

    // then
    assertThat(auth.wazoAuth()).isEmpty();
    assertThat(auth.cacheTtl()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aWazoAuthUrl_choosesWazoAuth_andNoAdminTokenIsWritten() {
    // given
    var settings = settings(Map.of("auth.wazo_auth_url", "https://wazo.example.com:9497", "auth.cache_ttl", "30s"));

    // when
    var authenticator = Authenticators.create(settings.auth(), dataDir, null, java.time.InstantSource.system());

    // then
    assertThat(authenticator).isInstanceOf(WazoAuthAuthenticator.class);
    assertThat(settings.auth().cacheTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(AdminToken.file(dataDir)).doesNotExist();
  }

  @Test
  void aWazoAuthUrlThatIsNotHttp_orCarriesAQuery_isASettingsError() {
    assertThatThrownBy(() -> settings(Map.of("auth.wazo_auth_url", "ftp://wazo.example.com")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("auth.wazo_auth_url: must be http(s)://");
    assertThatThrownBy(() -> settings(Map.of("auth.wazo_auth_url", "https://wazo.example.com:9497/?x=1")))
        .hasMessageContaining("auth.wazo_auth_url");
    assertThatThrownBy(() -> settings(Map.of("auth.cache_ttl", "soon")))
        .hasMessageContaining("auth.cache_ttl");
  }

  @Test
  void aRealStart_writesTheAdminToken0600_logsWhereNotWhat_andARestartKeepsIt() throws Exception {
    // given
    String firstToken;
    String log;

    // when
    try (var logs = new LogCapture(); Autoprovd server = Autoprovd.start(settings(Map.of()))) {
      firstToken = AdminToken.read(AdminToken.file(dataDir));
      log = logs.text();
    }
    String secondToken;
    try (Autoprovd server = Autoprovd.start(settings(Map.of()))) {
      secondToken = AdminToken.read(AdminToken.file(dataDir));
    }

    // then
    Path file = AdminToken.file(dataDir).toAbsolutePath();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(firstToken).matches("[A-Za-z0-9_-]{43}");
    assertThat(log).contains(file.toString()).doesNotContain(firstToken);
    assertThat(secondToken).isEqualTo(firstToken);
  }
}
