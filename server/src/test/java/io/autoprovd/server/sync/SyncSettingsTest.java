package io.autoprovd.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.server.settings.SettingsException;
import io.autoprovd.server.settings.SettingsLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sip.* and sync.* settings: their defaults, and every mistake reported at once. */
class SyncSettingsTest {
  @TempDir Path dataDir;

  ServerSettings load(Map<String, String> flags) {
    var all = new LinkedHashMap<>(flags);
    all.put("data_dir", dataDir.toString());
    return new SettingsLoader(Map.of()).load(null, all);
  }

  @Test
  void theDefaults_areTheDocumentedOnes() {
    var settings = load(Map.of());

    assertThat(settings.sip()).isEqualTo(new ServerSettings.Sip(true, "0.0.0.0", 5060, true, true, "autoprovd",
        Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5), 6, 5, Duration.ofMinutes(10)));
    assertThat(settings.sipPort()).isEqualTo(5060);
    assertThat(settings.sync().strategy()).isEqualTo(ServerSettings.Sync.Strategy.DIRECT);
    assertThat(settings.sync().viaAutoprov()).isTrue();
    assertThat(settings.sync().directPort()).isEqualTo(5060);
    assertThat(settings.sync().ami().byUri()).isFalse();
  }

  @Test
  void everyMistake_isReportedAtOnce() {
    assertThatThrownBy(() -> load(Map.of("sip.transports", "udp,sctp", "sip.code_length", "3", "sip.t1", "0ms",
        "sync.strategy", "carrier-pigeon", "sync.transport", "tls", "sync.ami.target", "nowhere")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("sip.transports: udp, tcp or both, got sctp")
        .hasMessageContaining("sip.code_length: must be 4..16, got 3")
        .hasMessageContaining("sip.t1: must be more than 0")
        .hasMessageContaining("sync.strategy: direct, proxy, ami or none")
        .hasMessageContaining("sync.transport: udp or tcp, got tls")
        .hasMessageContaining("sync.ami.target: endpoint or uri");
  }

  @Test
  void aStrategy_needsWhatItTalksTo() {
    assertThatThrownBy(() -> load(Map.of("sync.strategy", "proxy")))
        .hasMessageContaining("sync.proxy.host: required with sync.strategy proxy");
    assertThatThrownBy(() -> load(Map.of("sync.strategy", "ami")))
        .hasMessageContaining("sync.ami.username and sync.ami.secret: required");
  }

  @Test
  void secrets_neverPrint() {
    var settings = load(Map.of("sync.strategy", "ami", "sync.ami.username", "u", "sync.ami.secret", "hunter2",
        "sync.proxy.password", "swordfish"));

    assertThat(settings.sync().toString()).doesNotContain("hunter2").doesNotContain("swordfish");
  }
}
