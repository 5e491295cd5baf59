package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own packs, published by the build the way any pack is: every folder under {@code
 * plugins/src/main/packs} is packed into {@code server/target/plugin-repository} (archives and
 * {@code index.json}), which a static HTTP server can serve as a {@code plugin_server}. Each
 * archive must install as the installer would install it.
 */
class ProjectPacksRepositoryTest {
  static final Path PACKS = Path.of("../plugins/src/main/packs");
  static final Path REPOSITORY = Path.of("target/plugin-repository");

  @TempDir Path installed;

  @Test
  void everyProjectPack_isPublishedToTheBuildsRepository_andInstallsFromIt() throws Exception {
    // given
    List<Path> packs;
    try (Stream<Path> dirs = Files.list(PACKS)) {
      packs = dirs.filter(d -> Files.isRegularFile(d.resolve("plugin.yml"))).sorted().toList();
    }

    // when
    var published = RepositoryBuilder.build(packs, REPOSITORY);

    // then
    var index = RepositoryIndex.parse(Files.readString(REPOSITORY.resolve("index.json"), StandardCharsets.UTF_8));
    assertThat(published).hasSameSizeAs(packs);
    var installer = new PackInstaller(installed, new PluginCatalog(List.of()), SafeUnpacker.Limits.PACKS);
    for (var p : published) {
      var entry = index.find(p.id()).orElseThrow();
      assertThat(entry.version()).isEqualTo(p.version());
      PluginPack pack = installer.install(p.archive(), p.id(), entry.dsize(), entry.sha256());
      assertThat(pack.version()).isEqualTo(PluginPack.load(PACKS.resolve(p.id())).version());
    }
  }
}
