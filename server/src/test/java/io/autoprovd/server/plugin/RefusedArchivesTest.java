package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.plugin.TestPacks.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance: an upgrade to an archive that is not what the index says, or that would
 * write outside its folder or fill the disk, is refused, and the installed state is exactly as
 * before — same files, same catalog, the phone still served by the old version.
 */
class RefusedArchivesTest {
  @TempDir Path dataDir;
  @TempDir Path sources;
  @TempDir Path repo;
  VendorServer vendor;
  Server server;

  @BeforeEach
  void installVersionOne() throws Exception {
    vendor = new VendorServer(repo);
    server = Server.start(dataDir);
    server.parameters(vendor.url().toString(), null);
    RepositoryBuilder.build(List.of(TestPacks.acme(sources, "1.0.0", "")), repo);
    server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));
    assertThat(server.await(server.start("/0.2/pg_mgr/install/install", Map.of("id", "acme"))))
        .last().asString().startsWith("install|success");
  }

  @AfterEach
  void stop() {
    server.close();
    vendor.close();
  }

  enum Hostile {
    WRONG_SHA256, TRUNCATED, DOT_DOT, ABSOLUTE_PATH, SYMLINK_OUT, DECOMPRESSION_BOMB
  }

  /** Publishes acme 2.0.0 as a hostile archive, with an index entry that matches it unless said otherwise. */
  void publishHostile(Hostile kind) throws IOException {
    String name = "acme-2.0.0.tar.gz";
    Path archive = repo.resolve(name);
    Path good = TestPacks.acme(sources, "2.0.0", "");
    Entry descriptor = Entry.file("acme/plugin.yml", Files.readString(good.resolve("plugin.yml")));
    Entry template = Entry.file("acme/templates/mac.cfg.j2", "pack=evil\n");
    Entry staticFile = Entry.file("acme/static/acme.txt", "evil\n");
    switch (kind) {
      case WRONG_SHA256, TRUNCATED -> TestPacks.tarGz(archive, descriptor, template, staticFile);
      case DOT_DOT -> TestPacks.tarGz(archive, descriptor, template, staticFile, Entry.file("acme/../../x", "evil"));
      case ABSOLUTE_PATH -> TestPacks.tarGz(archive, descriptor, template, staticFile,
          Entry.file(dataDir.resolve("plugins/acme/templates/mac.cfg.j2").toString(), "pack=evil\n"));
      case SYMLINK_OUT -> TestPacks.tarGz(archive, descriptor, template, Entry.symlink("acme/static/acme.txt", "/etc/passwd"));
      case DECOMPRESSION_BOMB -> TestPacks.tarGz(archive, descriptor, template, staticFile,
          Entry.zeros("acme/static/zeros.bin", 80L << 20));
    }
    long size = Files.size(archive);
    String sha256 = Checksums.sha256(archive);
    if (kind == Hostile.WRONG_SHA256) {
      sha256 = "0".repeat(64);
    }
    if (kind == Hostile.TRUNCATED) {
      Files.write(archive, TestPacks.truncated(Files.readAllBytes(archive)));
    }
    var entry = new RepositoryIndex.Entry("acme", "2.0.0", "Acme", "hostile", Map.of(), Map.of(), size, sha256, name);
    Files.writeString(repo.resolve("index.json"), RepositoryIndex.EMPTY.with(entry).toJson());
  }

  /** Every file under the data folder's plugins and packages, with its SHA-256 (links by target). */
  Map<String, String> installedState() throws IOException {
    var state = new TreeMap<String, String>();
    for (String top : List.of("plugins", "packages")) {
      Path dir = dataDir.resolve(top);
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.toList()) {
          String key = dataDir.relativize(p).toString();
          state.put(key, Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
              : Files.isDirectory(p) ? "dir" : Checksums.sha256(p));
        }
      }
    }
    return state;
  }

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void anUpgradeToAHostileArchive_isRefused_andNothingChanges(Hostile kind) throws Exception {
    // given
    Map<String, String> before = installedState();
    String servedBefore = new String(server.fetch("/" + TestPacks.ACME_MAC_FILE, TestPacks.ACME_UA).body(),
        StandardCharsets.UTF_8);
    publishHostile(kind);
    server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));

    // when
    var statuses = server.await(server.start("/0.2/pg_mgr/install/upgrade", Map.of("id", "acme")));

    // then
    assertThat(statuses).last().asString().startsWith("install|fail");
    assertThat(installedState()).isEqualTo(before);
    assertThat(server.autoprovd.catalog().find("acme").orElseThrow().version()).isEqualTo("1.0.0");
    assertThat(server.autoprovd.catalog().find("acme").orElseThrow().root()).isEqualTo(dataDir.resolve("plugins/acme"));
    assertThat(new String(server.fetch("/" + TestPacks.ACME_MAC_FILE, TestPacks.ACME_UA).body(), StandardCharsets.UTF_8))
        .isEqualTo(servedBefore).startsWith("pack=1.0.0");
    assertThat(new String(server.fetch("/acme.txt", TestPacks.ACME_UA).body(), StandardCharsets.UTF_8))
        .isEqualTo("static of 1.0.0\n");
    assertThat(sources.getParent().resolve("x")).doesNotExist();
    assertThat(dataDir.getParent().resolve("x")).doesNotExist();
  }
}
