package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.InMemoryDeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.PackageRoots;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code package} file scope (installed firmware, language files) and the unclaimed-request event. */
class PackageServingTest {
  static final String PLUGIN_YML = """
      id: acme
      version: 1.0.0
      vendor: Acme
      identify:
        - user_agent: '^Acme (?<model>\\w+) (?<version>[\\d.]+) (?<mac>[\\da-f:]{17})$'
      models:
        AP1: { lines: 1 }
      files:
        - path: 'firmware/[\\w.-]+'
          scope: package
        - path: 'latest\\.rom'
          scope: package
          file: firmware/AP1.rom
        - path: 'escape/.*'
          scope: package
      """;
  static final String UA = "Acme AP1 1.0 00:11:22:33:44:55";

  @TempDir Path dir;
  Path packages;
  final List<String> unclaimed = new CopyOnWriteArrayList<>();
  final List<DeviceInfo> unclaimedInfo = new CopyOnWriteArrayList<>();
  Pipeline pipeline;

  @BeforeEach
  void setUp() throws IOException {
    Path root = dir.resolve("acme");
    Files.createDirectories(root);
    Files.writeString(root.resolve("plugin.yml"), PLUGIN_YML);
    packages = dir.resolve("packages/acme");
    Files.createDirectories(packages.resolve("firmware"));
    var catalog = new PluginCatalog(List.of(PluginPack.load(root)));
    var configs = new InMemoryConfigStore();
    StandardConfigs.all("10.0.0.1", 5060).forEach(configs::insert);
    var merger = new ConfigMerger(configs::findById);
    Map<String, Object> base = Map.of("ip", "10.0.0.1");
    var readiness = new Readiness(catalog, merger, () -> base);
    var devices = new InMemoryDeviceStore();
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    ProvisioningEvents events = new ProvisioningEvents() {
      @Override
      public void unclaimed(ProvisioningRequest request, DeviceInfo info) {
        unclaimed.add(request.transport() + " " + request.path() + " " + request.userAgent().orElse("-"));
        unclaimedInfo.add(info);
      }
    };
    PackageRoots roots = id -> id.equals("acme") ? Optional.of(packages) : Optional.empty();
    pipeline = new Pipeline(List.of(
        new GuardStep(events),
        new IdentifyStep(catalog),
        new ResolveStep(devices, ProvisioningPolicy.DEFAULT, events, clock),
        new UpdateStep(devices, configs, catalog, readiness, new Autocreate(), ProvisioningPolicy.DEFAULT, clock, id -> {}),
        new ServeStep(new TemplateRenderer(ProvisioningPipelineTest.FAKE_ENGINE, merger, () -> base), events, roots)));
  }

  Delivery fetch(Transport transport, String path, String userAgent) {
    var headers = userAgent == null ? Map.<String, String>of() : Map.of("User-Agent", userAgent);
    return pipeline.handle(new ProvisioningRequest("r", transport, "10.0.0.7", path, headers, Instant.EPOCH));
  }

  @Test
  void anInstalledPackageFile_isServedFromDisk_toAPhoneThePackClaims() throws IOException {
    // given
    Path rom = Files.write(packages.resolve("firmware/AP1.rom"), new byte[] {1, 2, 3, 4});

    // when
    Delivery byPath = fetch(Transport.HTTP, "/firmware/AP1.rom", UA);
    Delivery byFixedName = fetch(Transport.HTTP, "/latest.rom", UA);

    // then
    assertThat(byPath).isEqualTo(new Delivery.StaticFile(rom, 4, "acme"));
    assertThat(byFixedName).isEqualTo(new Delivery.StaticFile(rom, 4, "acme"));
  }

  @Test
  void aPackageFileNotInstalled_isNotFound() {
    assertThat(fetch(Transport.HTTP, "/firmware/AP1.rom", UA)).isInstanceOf(Delivery.NotFound.class);
  }

  @Test
  void aLinkedFolderInsideThePackageRoot_cannotLeadOutsideIt() throws IOException {
    // given a secret outside the package root, and a link to its folder inside
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(packages.resolve("escape"), outside);

    // then
    assertThat(fetch(Transport.HTTP, "/escape/secret.txt", UA)).isInstanceOf(Delivery.NotFound.class);
  }

  @Test
  void aRequestNoPackClaims_isReportedWithWhatThePhoneSaid() {
    // when
    Delivery delivery = fetch(Transport.TFTP, "/SEP001122334455.cnf.xml", null);
    Delivery other = fetch(Transport.HTTP, "/cfg/boot.cfg", "Foo Phone 1.0");

    // then
    assertThat(delivery).isInstanceOf(Delivery.NotFound.class);
    assertThat(other).isInstanceOf(Delivery.NotFound.class);
    assertThat(unclaimed).containsExactly("TFTP /SEP001122334455.cnf.xml -", "HTTP /cfg/boot.cfg Foo Phone 1.0");
    assertThat(unclaimedInfo.getFirst().mac()).isEqualTo(Mac.parse("00:11:22:33:44:55"));
    assertThat(unclaimedInfo.getFirst().ip()).isEqualTo("10.0.0.7");
  }

  @Test
  void aRequestThePackClaims_isNotReportedAsUnclaimed() {
    fetch(Transport.HTTP, "/nothing-here.cfg", UA);
    assertThat(unclaimed).isEmpty();
  }
}
