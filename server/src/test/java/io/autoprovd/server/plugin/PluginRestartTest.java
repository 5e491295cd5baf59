package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.plugin.PluginPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the operator did to plugins survives a restart, even for the packs autoprovd ships. */
class PluginRestartTest {
  static final Path YEALINK = Path.of("../plugins/src/main/packs/yealink");

  @TempDir Path dataDir;
  @TempDir Path work;

  /** The shipped Yealink pack with another version, as a repository would publish a newer one. */
  Path yealinkAt(String version) throws Exception {
    Path copy = work.resolve("yealink-" + version).resolve("yealink");
    try (var walk = Files.walk(YEALINK)) {
      for (Path p : walk.toList()) {
        Path target = copy.resolve(YEALINK.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path descriptor = copy.resolve("plugin.yml");
    String shipped = PluginPack.load(YEALINK).version();
    Files.writeString(descriptor, Files.readString(descriptor).replace("version: " + shipped, "version: " + version));
    return copy;
  }

  @Test
  void aPackUpgradedFromTheRepository_isNotDowngradedToTheShippedOneAtTheNextStart() throws Exception {
    // given the shipped yealink upgraded to 99.0.0 from a repository
    Path repo = work.resolve("repo");
    RepositoryBuilder.build(List.of(yealinkAt("99.0.0")), repo);
    try (var vendor = new VendorServer(repo); var server = Server.start(dataDir)) {
      server.parameters(vendor.url().toString(), null);
      server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));
      assertThat(server.await(server.start("/0.2/pg_mgr/install/upgrade", Map.of("id", "yealink"))))
          .last().asString().startsWith("install|success");
    }

    // when autoprovd starts again
    try (var server = Server.start(dataDir)) {
      // then
      assertThat(server.autoprovd.catalog().find("yealink").orElseThrow().version()).isEqualTo("99.0.0");
    }
  }

  @Test
  void aShippedPackTheOperatorUninstalled_staysUninstalledAtTheNextStart() throws Exception {
    try (var server = Server.start(dataDir)) {
      assertThat(server.rest("POST", "/0.2/pg_mgr/install/uninstall", Map.of("id", "yealink")).statusCode())
          .isEqualTo(204);
    }

    try (var server = Server.start(dataDir)) {
      assertThat(server.autoprovd.catalog().find("yealink")).isEmpty();
      assertThat(dataDir.resolve("plugins/yealink")).doesNotExist();
    }
  }
}
