package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Issue 6, acceptance: a plugin repository on a real HTTP server, with two versions of a pack;
 * update, install, a phone served, upgrade (the phone's file changes), uninstall — through the
 * REST API and its operation monitors, as wazo-provd's clients drive it.
 */
class PluginLifecycleTest {
  @TempDir Path dataDir;
  @TempDir Path sources;
  @TempDir Path repo;
  VendorServer vendor;
  Server server;

  @BeforeEach
  void start() throws Exception {
    vendor = new VendorServer(repo);
    server = Server.start(dataDir);
    server.parameters(vendor.url().toString(), null);
  }

  @AfterEach
  void stop() {
    server.close();
    vendor.close();
  }

  void publish(String version) throws Exception {
    RepositoryBuilder.build(List.of(TestPacks.acme(sources, version, "")), repo);
  }

  String phoneFile() throws Exception {
    var response = server.fetch("/" + TestPacks.ACME_MAC_FILE, TestPacks.ACME_UA);
    return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void update_install_serve_upgrade_uninstall() throws Exception {
    // given a repository with acme 1.0.0
    publish("1.0.0");

    // when the index is updated
    String update = server.start("/0.2/pg_mgr/install/update", Map.of());

    // then
    assertThat(update).isEqualTo("/0.2/pg_mgr/install/update/1");
    assertThat(server.await(update)).last().isEqualTo("update|success");
    @SuppressWarnings("unchecked")
    var installable = (Map<String, Map<String, Object>>) server.json("/0.2/pg_mgr/install/installable").get("pkgs");
    assertThat(installable.get("acme")).containsEntry("version", "1.0.0").containsKeys("dsize", "sha256", "capabilities")
        .doesNotContainKey("filename");
    assertThat(installable.get("acme").get("capabilities")).isEqualTo(Map.of("Acme, AP1, *",
        Map.of("lines", 1, "function_keys", 2, "protocol", "sip")));

    // when acme is installed
    String install = server.start("/0.2/pg_mgr/install/install", Map.of("id", "acme"));

    // then the operation downloaded it, and it is installed
    assertThat(install).isEqualTo("/0.2/pg_mgr/install/install/1");
    long size = ((Number) installable.get("acme").get("dsize")).longValue();
    assertThat(server.await(install)).last().isEqualTo("install|success(download|success;" + size + "/" + size + ")");
    assertThat(server.json("/0.2/pg_mgr/install/installed").get("pkgs")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKeys("acme", "yealink");
    assertThat(dataDir.resolve("plugins/acme/plugin.yml")).exists();

    // and an Acme phone gets its files from it
    assertThat(phoneFile()).startsWith("200 pack=1.0.0\nuser=ap");
    assertThat(new String(server.fetch("/acme.txt", TestPacks.ACME_UA).body(), StandardCharsets.UTF_8))
        .isEqualTo("static of 1.0.0\n");
    assertThat(server.device("00:11:22:33:44:55")).containsEntry("plugin", "acme").containsEntry("configured", true);
    // and the API serves its models' feature matrix
    assertThat(server.json("/0.2/pg_mgr/plugins/acme/info").get("plugin_info")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).extracting("models").isEqualTo(Map.of("AP1",
            Map.of("lines", 1, "function_keys", 2, "features", Map.of("provisioning", "Y", "paging", "N"))));

    // when 1.1.0 is published, the index updated and acme upgraded
    publish("1.1.0");
    server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));
    String upgrade = server.start("/0.2/pg_mgr/install/upgrade", Map.of("id", "acme"));

    // then the phone's file changes accordingly
    assertThat(upgrade).isEqualTo("/0.2/pg_mgr/install/upgrade/1");
    assertThat(server.await(upgrade)).last().asString().startsWith("install|success(download|success;");
    assertThat(phoneFile()).startsWith("200 pack=1.1.0\n");
    assertThat(new String(server.fetch("/acme.txt", TestPacks.ACME_UA).body(), StandardCharsets.UTF_8))
        .isEqualTo("static of 1.1.0\n");
    assertThat(server.json("/0.2/pg_mgr/plugins/acme/info").get("plugin_info")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("version", "1.1.0");
    assertThat(server.device("00:11:22:33:44:55")).containsEntry("configured", true);

    // when it is uninstalled
    var uninstall = server.rest("POST", "/0.2/pg_mgr/install/uninstall", Map.of("id", "acme"));

    // then its folder is gone, the phone gets nothing, and its device says why
    assertThat(uninstall.statusCode()).isEqualTo(204);
    assertThat(dataDir.resolve("plugins/acme")).doesNotExist();
    assertThat(phoneFile()).startsWith("404");
    assertThat(server.device("00:11:22:33:44:55")).containsEntry("configured", false)
        .containsEntry("configured_reason", "plugin `acme` not installed");
    assertThat(server.json("/0.2/pg_mgr/install/installed").get("pkgs")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("acme");

    // and installing it again brings its devices back
    server.await(server.start("/0.2/pg_mgr/install/install", Map.of("id", "acme")));
    assertThat(server.device("00:11:22:33:44:55")).containsEntry("configured", true);
    assertThat(phoneFile()).startsWith("200 pack=1.1.0\n");
  }

  @Test
  void theAdminCli_drivesTheSameLifeCycle() throws Exception {
    // given
    publish("1.0.0");
    String[] api = {"--url", "http://127.0.0.1:" + server.autoprovd.restPort(), "--data-dir", dataDir.toString()};

    // when
    var update = PackToolingTest.cli(concat(new String[] {"plugins", "update"}, api));
    var installable = PackToolingTest.cli(concat(new String[] {"plugins", "list", "--installable"}, api));
    var install = PackToolingTest.cli(concat(new String[] {"plugins", "install", "acme"}, api));
    var list = PackToolingTest.cli(concat(new String[] {"plugins", "list"}, api));
    var uninstall = PackToolingTest.cli(concat(new String[] {"plugins", "uninstall", "acme"}, api));

    // then
    assertThat(update.code()).as(update.err()).isZero();
    assertThat(installable.out()).contains("acme").contains("1.0.0");
    assertThat(install.code()).as(install.out() + install.err()).isZero();
    assertThat(list.out()).contains("acme").contains("yealink");
    assertThat(uninstall.code()).as(uninstall.err()).isZero();
    assertThat(server.autoprovd.catalog().find("acme")).isEmpty();
  }

  static String[] concat(String[] a, String[] b) {
    var all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void requestsTheReferenceRefuses_get400_andASecondUpdateOrNoServer_get500() throws Exception {
    publish("1.0.0");

    assertThat(server.rest("POST", "/0.2/pg_mgr/install/install", Map.of("id", "acme")).body())
        .contains("not in the plugin index (no index yet: run an update first)");
    assertThat(server.rest("GET", "/0.2/pg_mgr/install/installable", null).statusCode()).isEqualTo(500);
    server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));

    assertThat(server.rest("POST", "/0.2/pg_mgr/install/install", Map.of("id", "yealink")).statusCode()).isEqualTo(400);
    assertThat(server.rest("POST", "/0.2/pg_mgr/install/upgrade", Map.of("id", "acme")).statusCode()).isEqualTo(400);
    assertThat(server.rest("POST", "/0.2/pg_mgr/install/uninstall", Map.of("id", "acme")).statusCode()).isEqualTo(400);
    assertThat(server.rest("POST", "/0.2/pg_mgr/install/install", Map.of()).body()).contains("Missing \\\"id\\\" key");
    assertThat(server.rest("GET", "/0.2/pg_mgr/install/install/99", null).statusCode()).isEqualTo(404);

    server.parameters(null, null);
    assertThat(server.rest("POST", "/0.2/pg_mgr/install/update", Map.of()).statusCode()).isEqualTo(500);
  }

  @Test
  void monitors_canBeDeleted_andTheLinksAreTheReferences() throws Exception {
    publish("1.0.0");
    String update = server.start("/0.2/pg_mgr/install/update", Map.of());
    server.await(update);

    assertThat(server.rest("DELETE", update, null).statusCode()).isEqualTo(204);
    assertThat(server.rest("GET", update, null).statusCode()).isEqualTo(404);
    assertThat(server.json("/0.2/pg_mgr/install").get("links")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.LIST).contains(
        Map.of("rel", "srv.install.install", "href", "/0.2/pg_mgr/install/install"),
        Map.of("rel", "srv.install.update", "href", "/0.2/pg_mgr/install/update"));
  }

  @Test
  void aFailedUpdate_keepsThePreviousIndex() throws Exception {
    publish("1.0.0");
    server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));
    Files.writeString(repo.resolve("index.json"), "{not json");

    assertThat(server.await(server.start("/0.2/pg_mgr/install/update", Map.of()))).last().isEqualTo("update|fail");

    assertThat(server.json("/0.2/pg_mgr/install/installable").get("pkgs")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("acme");
  }
}
