package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.PeerClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance: a firmware package declared by a pack is installed through the REST API
 * with its download visible as an operation, from a vendor host reached only through the
 * configured proxy; phones then get it byte for byte over HTTP and TFTP; uninstall removes it.
 */
class PackagesTest {
  static final String FW = "firmware/AP1-2.0.rom";

  @TempDir Path dataDir;
  @TempDir Path sources;
  @TempDir Path repo;
  @TempDir Path downloads;
  VendorServer vendor;
  Server server;
  byte[] rom;
  long zipSize;

  @BeforeEach
  void start() throws Exception {
    // The vendor's host: a zip holding the image and release notes, and a language file.
    rom = TestPacks.firmware(1_500_000);
    Path zip = TestPacks.zip(repo.resolve("fw/AP1-2.0.zip"), "release/AP1-2.0.rom",
        new String(rom, StandardCharsets.ISO_8859_1), "release/notes.txt", "fixed everything");
    Files.writeString(repo.resolve("fw/lang-fr.txt"), "bonjour\n");
    zipSize = Files.size(zip);
    // Only reachable through the proxy: .invalid never resolves.
    String packages = """
        packages:
          AP1-fw:
            version: '2.0'
            description: AP1 firmware 2.0
            files:
              - url: http://firmware.acme.invalid/fw/AP1-2.0.zip
                size: %d
                sha256: %s
            install:
              - from: AP1-2.0.zip
                include: ['*.rom']
                to: firmware
                flatten: true
          lang-fr:
            version: '1'
            description: French prompts
            files:
              - url: http://firmware.acme.invalid/fw/lang-fr.txt
                size: 8
                sha256: %s
            install:
              - from: lang-fr.txt
                to: firmware/lang
        """.formatted(zipSize, Checksums.sha256(zip), Checksums.sha256(repo.resolve("fw/lang-fr.txt")));
    RepositoryBuilder.build(List.of(TestPacks.acme(sources, "1.0.0", packages)), repo);

    vendor = new VendorServer(repo);
    server = Server.start(dataDir);
    server.parameters(vendor.url().toString(), vendor.proxy());
    server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));
    server.await(server.start("/0.2/pg_mgr/install/install", Map.of("id", "acme")));
    // The phone makes itself known (its device, at 127.0.0.1, is then found by address over TFTP).
    assertThat(server.fetch("/" + TestPacks.ACME_MAC_FILE, TestPacks.ACME_UA).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
    vendor.close();
  }

  @Test
  void aFirmwarePackage_isInstalledWithVisibleProgress_thenServedByteIdenticalOverHttpAndTftp() throws Exception {
    // given the package is installable and not there yet
    assertThat(server.json("/0.2/pg_mgr/plugins/acme/install/installable").get("pkgs")).isEqualTo(Map.of(
        "AP1-fw", Map.of("version", "2.0", "description", "AP1 firmware 2.0", "dsize", (int) zipSize),
        "lang-fr", Map.of("version", "1", "description", "French prompts", "dsize", 8)));
    assertThat(server.fetch("/" + FW, TestPacks.ACME_UA).statusCode()).isEqualTo(404);
    vendor.throttle(64 << 10, 25);

    // when it is installed
    String location = server.start("/0.2/pg_mgr/plugins/acme/install/install", Map.of("id", "AP1-fw"));
    List<String> statuses = server.await(location);

    // then the download's progress was visible, in the reference's grammar, and it succeeded
    assertThat(location).isEqualTo("/0.2/pg_mgr/plugins/acme/install/install/1");
    assertThat(statuses).anySatisfy(s -> assertThat(s)
        .matches("install_pkg\\|progress\\(download\\|progress;([1-9]\\d*)/" + zipSize + "\\)\\(install\\|waiting\\)"));
    assertThat(statuses).last().isEqualTo("install_pkg|success(download|success;" + zipSize + "/" + zipSize
        + ")(install|success)");
    assertThat(vendor.requests).contains("proxy http://firmware.acme.invalid/fw/AP1-2.0.zip");
    assertThat(server.json("/0.2/pg_mgr/plugins/acme/install/installed").get("pkgs")).isEqualTo(Map.of(
        "AP1-fw", Map.of("version", "2.0", "description", "AP1 firmware 2.0")));

    // and phones get it byte for byte, over HTTP and over TFTP with three clients
    var overHttp = server.fetch("/" + FW, TestPacks.ACME_UA);
    assertThat(overHttp.statusCode()).isEqualTo(200);
    assertThat(overHttp.body()).isEqualTo(rom);
    int tftp = server.autoprovd.tftpPort();
    assertThat(PeerClients.tftpHpa(tftp, FW, downloads)).isEqualTo(rom);
    assertThat(PeerClients.atftp(tftp, FW, downloads)).isEqualTo(rom);
    assertThat(PeerClients.curlTftp(tftp, FW, downloads)).isEqualTo(rom);
    // only what the step includes was installed, and the download is not kept
    assertThat(dataDir.resolve("packages/acme/files/firmware/notes.txt")).doesNotExist();
    assertThat(dataDir.resolve("packages/acme/cache/AP1-2.0.zip")).doesNotExist();
  }

  @Test
  void uninstallingAPackage_removesItsFiles_andPhonesNoLongerGetThem() throws Exception {
    // given two packages installed
    server.await(server.start("/0.2/pg_mgr/plugins/acme/install/install", Map.of("id", "AP1-fw")));
    server.await(server.start("/0.2/pg_mgr/plugins/acme/install/install", Map.of("id", "lang-fr")));
    assertThat(new String(server.fetch("/firmware/lang/lang-fr.txt", TestPacks.ACME_UA).body(), StandardCharsets.UTF_8))
        .isEqualTo("bonjour\n");

    // when the firmware is uninstalled
    var response = server.rest("POST", "/0.2/pg_mgr/plugins/acme/install/uninstall", Map.of("id", "AP1-fw"));

    // then
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(server.fetch("/" + FW, TestPacks.ACME_UA).statusCode()).isEqualTo(404);
    assertThat(dataDir.resolve("packages/acme/files/firmware/AP1-2.0.rom")).doesNotExist();
    assertThat(server.fetch("/firmware/lang/lang-fr.txt", TestPacks.ACME_UA).statusCode()).isEqualTo(200);
    assertThat(server.json("/0.2/pg_mgr/plugins/acme/install/installed").get("pkgs")).isEqualTo(Map.of(
        "lang-fr", Map.of("version", "1", "description", "French prompts")));
    assertThat(server.rest("POST", "/0.2/pg_mgr/plugins/acme/install/uninstall", Map.of("id", "AP1-fw")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void aPackageWhoseDownloadDoesNotMatchItsChecksum_failsAndInstallsNothing() throws Exception {
    // given the vendor replaced the file behind the same URL
    Files.writeString(repo.resolve("fw/lang-fr.txt"), "bonsoir\n");

    // when
    var statuses = server.await(server.start("/0.2/pg_mgr/plugins/acme/install/install", Map.of("id", "lang-fr")));

    // then
    assertThat(statuses).last().isEqualTo("install_pkg|fail(download|fail;8/8)(install|fail)");
    assertThat(dataDir.resolve("packages/acme/files/firmware/lang")).doesNotExist();
    assertThat(server.json("/0.2/pg_mgr/plugins/acme/install/installed").get("pkgs")).isEqualTo(Map.of());
  }

  @Test
  void uninstallingThePack_removesItsPackagesToo() throws Exception {
    server.await(server.start("/0.2/pg_mgr/plugins/acme/install/install", Map.of("id", "lang-fr")));

    assertThat(server.rest("POST", "/0.2/pg_mgr/install/uninstall", Map.of("id", "acme")).statusCode()).isEqualTo(204);

    assertThat(dataDir.resolve("packages/acme")).doesNotExist();
    assertThat(server.rest("GET", "/0.2/pg_mgr/plugins/acme/install/installed", null).statusCode()).isEqualTo(404);
  }
}
