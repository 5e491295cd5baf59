package io.autoprovd.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  @Test
  void defaults_areTheDocumentedOnes() {
    var s = new SettingsLoader(Map.of()).load(null, Map.of("data_dir", dir.toString()));

    assertThat(s.http().port()).isEqualTo(8667);
    assertThat(s.tftp().port()).isEqualTo(69);
    assertThat(s.rest().port()).isEqualTo(8666);
    assertThat(s.rest().bind()).isEqualTo("127.0.0.1");
    assertThat(s.database().embedded()).isTrue();
    assertThat(s.policy().autocreate()).isTrue();
    assertThat(s.policy().natMode()).isFalse();
  }

  @Test
  void laterLayersWin_flagsOverEnvironmentOverFileOverDefaults() throws Exception {
    Files.writeString(dir.resolve("autoprovd.yml"), """
        http:
          port: 1001
        tftp:
          port: 1002
        rest:
          port: 1003
        """);
    var env = Map.of("AUTOPROVD_TFTP_PORT", "2002", "AUTOPROVD_REST_PORT", "2003");

    var s = new SettingsLoader(env).load(null, Map.of("data_dir", dir.toString(), "rest.port", "3003"));

    assertThat(s.http().port()).isEqualTo(1001);
    assertThat(s.tftp().port()).isEqualTo(2002);
    assertThat(s.rest().port()).isEqualTo(3003);
  }

  @Test
  void theDataDirectory_canComeFromTheEnvironment_andItsFileIsRead() throws Exception {
    Files.writeString(dir.resolve("autoprovd.yml"), "http:\n  port: 1234\n");

    var s = new SettingsLoader(Map.of("AUTOPROVD_DATA_DIR", dir.toString())).load(null, Map.of());

    assertThat(s.dataDir()).isEqualTo(dir);
    assertThat(s.http().port()).isEqualTo(1234);
  }

  @Test
  void everyProblem_isReportedAtOnce_namingTheKey() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(file, """
        http:
          port: 70000
          trusted_proxies: [10.0.0.0/8, not-a-cidr]
        tftp:
          port: seventy
        provisioning:
          autocreate: maybe
        colour: blue
        database:
          url: jdbc:mysql://x/y
        """);

    assertThatThrownBy(() -> new SettingsLoader(Map.of()).load(file, Map.of("data_dir", dir.toString())))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).hasSize(6)
            .anyMatch(p -> p.contains("http.port: must be 0..65535"))
            .anyMatch(p -> p.contains("http.trusted_proxies: not an address or CIDR: not-a-cidr"))
            .anyMatch(p -> p.contains("tftp.port: must be a port number"))
            .anyMatch(p -> p.contains("provisioning.autocreate: must be true or false"))
            .anyMatch(p -> p.contains("unknown setting colour"))
            .anyMatch(p -> p.contains("database.url")));
  }

  @Test
  void theDatabasePassword_isNeverPrinted() {
    var s = new SettingsLoader(Map.of("AUTOPROVD_DATABASE_URL", "jdbc:postgresql://db/autoprovd",
        "AUTOPROVD_DATABASE_PASSWORD", "hunter2")).load(null, Map.of("data_dir", dir.toString()));

    assertThat(s.toString()).doesNotContain("hunter2");
  }
}
