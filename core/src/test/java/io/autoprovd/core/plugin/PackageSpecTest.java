package io.autoprovd.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/plugins.md, "Packages": what {@code plugin.yml} declares under {@code packages}. */
class PackageSpecTest {
  static final String SHA = "a".repeat(64);

  @TempDir Path dir;

  Path pack(String packagesYaml, String extraFiles) throws IOException {
    Path root = dir.resolve("acme");
    Files.createDirectories(root.resolve("templates"));
    Files.writeString(root.resolve("templates/a.j2"), "a\n");
    Files.writeString(root.resolve("plugin.yml"), """
        id: acme
        version: 1.0.0
        vendor: Acme
        files:
          - path: 'a\\.cfg'
            scope: common
            template: a.j2
        """ + extraFiles + packagesYaml);
    return root;
  }

  @Test
  void aPackageWithAnArchiveAndSteps_isReadWithItsFilesAndWhatToExtractWhere() throws IOException {
    // given
    Path root = pack("""
        packages:
          T46S-fw:
            version: 66.86.0.15
            description: T46S firmware
            files:
              - url: https://fw.example.com/yealink/T46S-66.86.0.15.zip
                size: 1234
                sha256: %s
            install:
              - from: T46S-66.86.0.15.zip
                include: ['*.rom']
                to: firmware/
                flatten: true
          lang-fr:
            version: '1'
            files:
              - url: http://fw.example.com/lang.bin?x=1
                name: lang-fr.txt
                size: 10
                sha256: %s
        """.formatted(SHA, SHA.toUpperCase()), "");

    // when
    PluginPack pack = PluginPack.load(root);

    // then
    PackageSpec fw = pack.findPackage("T46S-fw").orElseThrow();
    assertThat(fw.version()).isEqualTo("66.86.0.15");
    assertThat(fw.description()).isEqualTo("T46S firmware");
    assertThat(fw.files()).containsExactly(new PackageSpec.PackageFile("T46S-66.86.0.15.zip",
        URI.create("https://fw.example.com/yealink/T46S-66.86.0.15.zip"), 1234, SHA));
    assertThat(fw.effectiveInstall()).containsExactly(new PackageSpec.InstallStep("T46S-66.86.0.15.zip",
        PackageSpec.Unpack.ZIP, List.of("*.rom"), "firmware", true));
    PackageSpec lang = pack.findPackage("lang-fr").orElseThrow();
    assertThat(lang.files().getFirst().sha256()).isEqualTo(SHA);
    assertThat(lang.effectiveInstall()).containsExactly(
        new PackageSpec.InstallStep("lang-fr.txt", PackageSpec.Unpack.NONE, List.of(), "", false));
    assertThat(pack.packages()).containsOnlyKeys("T46S-fw", "lang-fr");
  }

  @Test
  void archiveFormats_followTheFileNameUnlessTheStepSaysOtherwise() {
    assertThat(PackageSpec.Unpack.byName("a.ZIP")).isEqualTo(PackageSpec.Unpack.ZIP);
    assertThat(PackageSpec.Unpack.byName("a.tgz")).isEqualTo(PackageSpec.Unpack.TAR_GZ);
    assertThat(PackageSpec.Unpack.byName("a.tar.bz2")).isEqualTo(PackageSpec.Unpack.TAR_BZ2);
    assertThat(PackageSpec.Unpack.byName("a.tar")).isEqualTo(PackageSpec.Unpack.TAR);
    assertThat(PackageSpec.Unpack.byName("a.rom")).isEqualTo(PackageSpec.Unpack.NONE);
    assertThat(PackageSpec.Unpack.parse("tar.gz")).contains(PackageSpec.Unpack.TAR_GZ);
    assertThat(PackageSpec.Unpack.parse("rar")).isEmpty();
  }

  @Test
  void aFileWithoutUrl_isOneTheOperatorDropsInByHand() throws IOException {
    Path root = pack("""
        packages:
          cisco-locale:
            version: '12'
            files:
              - name: locale.tar
                size: 5
                sha256: %s
        """.formatted(SHA), "");

    PackageSpec spec = PluginPack.load(root).findPackage("cisco-locale").orElseThrow();

    assertThat(spec.files().getFirst().url()).isNull();
    assertThat(spec.files().getFirst().name()).isEqualTo("locale.tar");
  }

  @Test
  void everyMistakeInAPackage_isNamedAtOnce() throws IOException {
    // given
    Path root = pack("""
        packages:
          fw:
            files:
              - url: ftp://fw.example.com/a.zip
                sha256: nothex
              - url: https://fw.example.com/
                size: 1
                sha256: %s
            install:
              - from: other.zip
              - from: a.zip
                to: ../outside
              - from: a.zip
                unpack: rar
          'bad id!':
            version: '1'
            files: []
        """.formatted(SHA), """
          - path: 'fw/.*'
            scope: package
            file: ../../etc/passwd
        """);

    // then
    assertThatThrownBy(() -> PluginPack.load(root)).isInstanceOf(PluginPackException.class)
        .hasMessageContaining("packages.fw.version: required")
        .hasMessageContaining("packages.fw.files.0.url: must be an http:// or https:// URL")
        .hasMessageContaining("packages.fw.files.0.size: required")
        .hasMessageContaining("packages.fw.files.0.sha256: required, 64 hex digits")
        .hasMessageContaining("packages.fw.files.1.name: required")
        .hasMessageContaining("packages.fw.install.0.from: must name one of the package's files")
        .hasMessageContaining("packages.bad id!: id must match")
        .hasMessageContaining("packages.bad id!.files: required")
        .hasMessageContaining("files.1.file: must be a relative path without . or .. segments: ../../etc/passwd");
  }

  @Test
  void aPackageScopeEntry_needsNoFileYet_forItServesWhatAnOperatorInstalls() throws IOException {
    Path root = pack("", """
          - path: 'firmware/[\\w.-]+\\.rom'
            scope: package
          - path: 'fw\\.rom'
            scope: package
            file: firmware/T46S.rom
        """);

    PluginPack pack = PluginPack.load(root);

    assertThat(pack.route("firmware/T46S-66.rom").map(m -> m.entry().scope())).contains(FileEntry.Scope.PACKAGE);
    assertThat(pack.route("fw.rom").map(m -> m.entry().file())).contains("firmware/T46S.rom");
    assertThat(pack.packages()).isEmpty();
  }
}
