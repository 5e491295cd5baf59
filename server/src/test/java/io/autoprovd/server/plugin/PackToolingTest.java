package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.PeerClients;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.server.cli.AutoprovdCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 6, acceptance: the toolkit for a phone nobody supports yet. A pack made by {@code plugin
 * new} for an invented model passes {@code plugin check}, is published by {@code plugin build},
 * installed from that repository, and an emulated phone of that model gets its files end to end.
 */
class PackToolingTest {
  static final Path YEALINK = Path.of("../plugins/src/main/packs/yealink");

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int code = new CommandLine(new AutoprovdCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @TempDir Path work;

  @Test
  void aNewPackForAnInventedModel_passesCheck_andAnEmulatedPhoneGetsItsFilesEndToEnd() throws Exception {
    // given a pack scaffolded for the Zorglub ZX-9000
    Path pack = work.resolve("zorglub");
    Run created = cli("plugin", "new", "--vendor", "Zorglub", "--model", "ZX-9000", pack.toString());
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(pack.resolve("plugin.yml")).exists();
    assertThat(pack.resolve("tests/golden/ZX-9000/one-line.xml")).exists();

    // when it is checked, then published to a repository folder
    Run check = cli("plugin", "check", pack.toString());
    Path repo = work.resolve("repo");
    Run build = cli("plugin", "build", pack.toString(), "--out", repo.toString());

    // then
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).contains("OK " + pack);
    assertThat(build.code()).as(build.err()).isZero();
    assertThat(build.out()).startsWith("zorglub 0.1.0 -> zorglub-0.1.0.tar.gz (");
    assertThat(repo.resolve("index.json")).content().contains("\"zorglub\"", "\"ZX-9000\"", "\"sha256\"");

    // when a server installs it from that repository, and a ZX-9000 boots
    try (var vendor = new VendorServer(repo); var server = Server.start(work.resolve("data"))) {
      server.parameters(vendor.url().toString(), null);
      server.await(server.start("/0.2/pg_mgr/install/update", Map.of()));
      assertThat(server.await(server.start("/0.2/pg_mgr/install/install", Map.of("id", "zorglub"))))
          .last().asString().startsWith("install|success");
      String ua = "Zorglub ZX-9000 3.1.4";
      var own = server.fetch("/00005e005342.xml", ua);
      var common = server.fetch("/zorglub.cfg", ua);

      // then it is discovered as that model and gets its own file (autoprov account) and the common one
      assertThat(own.statusCode()).isEqualTo(200);
      String xml = new String(own.body(), StandardCharsets.UTF_8);
      assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<settings vendor=\"Zorglub\" "
          + "model=\"ZX-9000\" mac=\"00:00:5e:00:53:42\">").contains("<display_name>Autoprov</display_name>");
      assertThat(common.statusCode()).isEqualTo(200);
      assertThat(new String(common.body(), StandardCharsets.UTF_8)).contains("provisioning_url=http://127.0.0.1:");
      assertThat(server.device("00:00:5e:00:53:42")).containsEntry("vendor", "Zorglub")
          .containsEntry("model", "ZX-9000").containsEntry("version", "3.1.4").containsEntry("plugin", "zorglub")
          .containsEntry("configured", true);
      // and over TFTP (no User-Agent: found by its address), byte for byte the same file
      assertThat(PeerClients.tftpHpa(server.autoprovd.tftpPort(), "00005e005342.xml", work)).isEqualTo(own.body());
    }
  }

  @Test
  void theYealinkPack_passesCheck() {
    Run check = cli("plugin", "check", YEALINK.toString());
    assertThat(check.code()).as(check.out() + check.err()).isZero();
  }

  @Nested
  class CheckFindsWhatIsWrong {
    Path pack;

    Path scaffold() {
      pack = work.resolve("p");
      assertThat(cli("plugin", "new", "--vendor", "Acme Corp", "--model", "A1", pack.toString()).code()).isZero();
      return pack;
    }

    Run check() {
      return cli("plugin", "check", pack.toString());
    }

    void edit(String file, String from, String to) throws Exception {
      Path p = pack.resolve(file);
      String text = Files.readString(p);
      assertThat(text).contains(from);
      Files.writeString(p, text.replace(from, to));
    }

    @Test
    void aTemplateThatDoesNotRender() throws Exception {
      scaffold();
      edit("templates/device.xml.j2", "{{ l.username|d('')|e }}", "{{ no_such_function(l.username) }}");
      assertThat(check().err()).contains("does not render").contains("device.xml.j2");
    }

    @Test
    void xmlThatIsNotWellFormed() throws Exception {
      scaffold();
      edit("templates/device.xml.j2", "<user>{{ l.username|d('')|e }}</user>", "<user>{{ l.username }}</usr>");
      assertThat(check()).satisfies(r -> {
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("XML is not well-formed");
      });
    }

    @Test
    void unescapedXmlValues_areCaughtByTheSampleWithAnAmpersand() throws Exception {
      scaffold();
      edit("templates/device.xml.j2", "{{ l.display_name|d('')|e }}", "{{ l.display_name }}");
      assertThat(check().err()).contains("one-line: XML is not well-formed");
    }

    @Test
    void aFileWithPasswordsNotDeclaredSensitive() throws Exception {
      scaffold();
      edit("plugin.yml", "    sensitive: true            # it holds SIP passwords\n", "");
      assertThat(check().err()).contains("carries passwords but is not declared sensitive: true");
    }

    @Test
    void aFeatureMatrixNotFilled_aBadRegexGroup_andAnUnknownKey() throws Exception {
      scaffold();
      edit("plugin.yml", "      paging: NYT\n", "");
      edit("plugin.yml", "(?<version>", "(?<firmware>");
      edit("plugin.yml", "\nfiles:\n  - path", "\nfilez: []\nfiles:\n  - path");
      Run r = check();
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("models.A1.features.paging: missing (Paging)")
          .contains("group firmware is not read").contains("filez: unknown key");
    }

    @Test
    void aGoldenFileThatNoLongerMatches_untilItIsUpdated() throws Exception {
      scaffold();
      edit("templates/device.xml.j2", "<ntp server=", "<time server=");
      assertThat(check().err()).contains("tests/golden/A1/one-line.xml: differs");

      assertThat(cli("plugin", "check", "--update-golden", pack.toString()).code()).isZero();
      assertThat(check().code()).isZero();
    }

    @Test
    void aDescriptorThatDoesNotLoad() throws Exception {
      scaffold();
      edit("plugin.yml", "template: device.xml.j2", "template: missing.j2");
      assertThat(check().err()).contains("no such template: missing.j2");
    }
  }

  @Test
  void matrix_printsTheGuidesTable_forOneModel_orSideBySide() {
    Run one = cli("plugin", "matrix", YEALINK.toString(), "--model", "T46S");
    Run two = cli("plugin", "matrix", YEALINK.toString(), "--model", "T46S", "--model", "W70B");

    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("| T46S |").contains("| Funckeys ").contains("| **Transfers Functions** ");
    assertThat(two.out()).contains("| T46S | W70B |");
    assertThat(cli("plugin", "matrix", YEALINK.toString(), "--model", "NOPE").code()).isEqualTo(2);
  }

  @Test
  void build_isReproducible_soTheSameFolderGivesTheSameChecksum() throws Exception {
    Path a = work.resolve("a");
    Path b = work.resolve("b");
    var first = RepositoryBuilder.build(java.util.List.of(YEALINK), a).getFirst();
    Thread.sleep(1100);
    var second = RepositoryBuilder.build(java.util.List.of(YEALINK), b).getFirst();

    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(first.id()).isEqualTo(PluginPack.load(YEALINK).id());
  }
}
