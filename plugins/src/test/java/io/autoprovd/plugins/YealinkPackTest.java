package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.plugins.GoldenFiles.Fixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class YealinkPackTest {

  static final GoldenFiles GOLDEN = new GoldenFiles("yealink");

  static List<Fixture> fixtures() {
    return GOLDEN.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void macCfg_matchesItsGoldenFile(Fixture fixture) {
    FileEntry entry = GOLDEN.pack.route(fixture.device().mac().compact() + ".cfg").orElseThrow().entry();
    GOLDEN.assertGolden(fixture, "cfg", GOLDEN.render(entry, fixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyTemplatedFile_rendersForEveryFixture(Fixture fixture) {
    for (FileEntry entry : GOLDEN.pack.files()) {
      if (entry.scope() != FileEntry.Scope.STATIC) {
        assertThat(GOLDEN.render(entry, fixture)).startsWith("#!version:1.0.0.1\n").doesNotContain("{{", "{%");
      }
    }
  }

  @Test
  void fixtures_coverEveryDocumentedCase() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(fixtures().stream().map(f -> f.device().model()).distinct()).contains("W70B");
  }

  @Test
  void fileTable_routesThePathsYealinkPhonesRequest() {
    assertThat(GOLDEN.pack.route("805ec0123456.cfg").map(m -> m.entry().scope())).contains(FileEntry.Scope.DEVICE);
    assertThat(GOLDEN.pack.route("y000000000066.cfg").map(m -> m.entry().scope())).contains(FileEntry.Scope.COMMON);
    assertThat(GOLDEN.pack.route("y000000000108.cfg").map(m -> m.entry().scope())).contains(FileEntry.Scope.COMMON);
    assertThat(GOLDEN.pack.route("directory_setting.xml").map(m -> m.entry().scope())).contains(FileEntry.Scope.STATIC);
    assertThat(GOLDEN.pack.route("nope.txt")).isEqualTo(Optional.empty());
    assertThat(GOLDEN.pack.triggerFile().map(FileEntry::path)).contains("{mac}\\.cfg");
  }

  @Test
  void packIsBundledInTheJarUnderPacks() {
    assertThat(getClass().getResource("/packs/yealink/plugin.yml")).isNotNull();
    assertThat(getClass().getResource("/packs/yealink/templates/mac.cfg.j2")).isNotNull();
  }
}
