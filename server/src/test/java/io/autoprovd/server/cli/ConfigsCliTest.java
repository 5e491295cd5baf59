package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autoprovd configs …} against a real server on an ephemeral port. */
class ConfigsCliTest {
  @TempDir static Path dataDir;
  private static CliServer server;

  @BeforeAll
  static void startServer() {
    server = CliServer.start(dataDir);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static Cli.Run configs(String... args) throws IOException {
    var all = new ArrayList<>(List.of("configs"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", server.url(), "--token", server.adminToken()));
    return Cli.run(Map.of(), all.toArray(String[]::new));
  }

  private static Cli.Run addAlice(String id) throws IOException {
    return configs("add", "--id", id, "--parent", "base", "--set", "raw_config.sip_lines.1.username=1001",
        "--set", "raw_config.sip_lines.1.display_name=Alice", "--set", "label=Alice");
  }

  @Test
  void add_printsTheId_andListShowsItsParentsInATable() throws IOException {
    // when
    var added = addAlice("alice");
    var list = configs("list");

    // then
    assertThat(added.code()).as(added.toString()).isZero();
    assertThat(added.out()).isEqualTo("alice\n");
    assertThat(list.out().split("\n")[0]).startsWith("ID").contains("PARENTS").contains("ROLE");
    assertThat(list.out()).containsPattern("(?m)^alice +base ");
    assertThat(list.out()).containsPattern("(?m)^base ");
  }

  @Test
  void listAsJson_isTheServersDocument() throws IOException {
    // when
    var run = configs("list", "--json");

    // then
    assertThat(run.code()).isZero();
    @SuppressWarnings("unchecked")
    var configs = (List<Map<String, Object>>) Documents.parseObject(run.out()).get("configs");
    assertThat(configs).extracting(c -> c.get("id")).contains("base", "defaultconfigdevice");
  }

  @Test
  void show_printsNestedValuesAsDottedKeys() throws IOException {
    // given
    addAlice("alice-show");

    // when
    var run = configs("show", "alice-show");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("id: alice-show\n").contains("parent_ids: [\"base\"]\n")
        .contains("raw_config.sip_lines.1.username: 1001\n").contains("label: Alice\n");
  }

  @Test
  void raw_mergesTheParents_withTheConfigsOwnValuesLast() throws IOException {
    // given
    addAlice("alice-raw");

    // when
    var text = configs("raw", "alice-raw");
    var json = configs("raw", "alice-raw", "--json");

    // then
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).contains("sip_lines.1.username: 1001\n");
    @SuppressWarnings("unchecked")
    var raw = (Map<String, Object>) Documents.parseObject(json.out()).get("raw_config");
    assertThat(raw).containsKey("sip_lines");
    assertThat(raw.size()).as("keys from base too: %s", raw.keySet()).isGreaterThan(1);
  }

  @Test
  void edit_replacesTheParents_andSetsAValue_keepingTheRest() throws IOException {
    // given
    addAlice("alice-edit");

    // when
    var run = configs("edit", "alice-edit", "--parent", "base", "--parent", "defaultconfigdevice",
        "--set", "raw_config.sip_lines.1.display_name=Alice B.");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(configs("show", "alice-edit").out())
        .contains("parent_ids: [\"base\",\"defaultconfigdevice\"]\n")
        .contains("raw_config.sip_lines.1.display_name: Alice B.\n")
        .contains("raw_config.sip_lines.1.username: 1001\n");
  }

  @Test
  void delete_removesIt_andAnUnknownIdExits3() throws IOException {
    // given
    addAlice("alice-gone");

    // when
    var deleted = configs("delete", "alice-gone");

    // then
    assertThat(deleted.code()).as(deleted.toString()).isZero();
    assertThat(configs("show", "alice-gone").code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(configs("raw", "alice-gone").code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(configs("delete", "alice-gone").code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void aConfigTheServerRefuses_exits4_andIsNotStored() throws IOException {
    // when: a port out of range, refused by the raw-config schema
    var run = configs("add", "--id", "bad-port", "--set-json", "raw_config.sip_lines={\"1\": {\"registrar_port\": 70000}}");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.REJECTED);
    assertThat(configs("show", "bad-port").code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void malformedJsonInSetJson_exits4_beforeAnythingIsSent() throws IOException {
    // when
    var run = configs("add", "--id", "bad-json", "--set-json", "raw_config.x={oops");

    // then
    assertThat(run.code()).isEqualTo(ExitCode.REJECTED);
    assertThat(run.err()).contains("--set-json raw_config.x: not JSON");
    assertThat(configs("show", "bad-json").code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void deletingAConfigThatIsNotDeletable_exits4() throws IOException {
    // when: base is a standard config, not deletable
    var run = configs("delete", "base");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.REJECTED);
    assertThat(run.err()).contains("403");
  }
}
