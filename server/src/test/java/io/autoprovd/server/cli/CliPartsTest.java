package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI's small parts: exit codes, tables, document edits, error messages. */
class CliPartsTest {
  @ParameterizedTest(name = "HTTP {0} exits {1}")
  @CsvSource({"200, 0", "201, 0", "204, 0", "400, 4", "401, 5", "403, 4", "404, 3", "405, 4", "409, 4", "415, 4",
      "500, 1", "502, 1", "503, 1"})
  void httpStatuses_mapToTheDocumentedExitCodes(int status, int exitCode) {
    assertThat(ExitCode.forStatus(status)).isEqualTo(exitCode);
  }

  @Test
  void aTable_alignsColumnsToTheWidestCell_andShowsAbsentValuesAsADash() {
    // given
    var out = new StringWriter();

    // when
    new Table("ID", "MAC", "NOTE").row("a", "00:11:22:33:44:55", null).row("long-id", null, "x\ty").print(new PrintWriter(out));

    // then
    assertThat(out.toString()).isEqualTo("""
        ID       MAC                NOTE
        a        00:11:22:33:44:55  -
        long-id  -                  x y
        """);
  }

  @Test
  void dottedPaths_makeTheObjectsOnTheWay_andUnsetRemovesALeaf() {
    // given
    var edits = new DocumentEdits();
    edits.set = List.of("raw_config.sip_lines.1.username=1001", "label=a=b");
    edits.setJson = List.of("options.switchboard=true", "raw_config.sip_lines.1.port=5060");
    edits.unset = List.of("description", "no.such.path");
    Map<String, Object> document = new LinkedHashMap<>(Map.of("description", "old"));

    // when
    edits.applyPaths(document);

    // then
    assertThat(document).isEqualTo(Map.of(
        "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", "1001", "port", 5060))),
        "label", "a=b",
        "options", Map.of("switchboard", true)));
  }

  @Test
  void settingBelowAValueThatIsNotAnObject_isAUsageError() {
    // given
    var edits = new DocumentEdits();
    edits.set = List.of("mac.x=1");
    Map<String, Object> document = new LinkedHashMap<>(Map.of("mac", "00:11:22:33:44:55"));

    // then
    assertThatThrownBy(() -> edits.applyPaths(document))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("mac.x: mac is not an object");
  }

  @Test
  void dataFromStandardInput_isRead_andWhatIsNotAnObjectIsRejected() {
    // given
    var edits = new DocumentEdits();
    edits.dataFile = java.nio.file.Path.of("-");

    // then
    assertThat(edits.data(new ByteArrayInputStream("{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(Map.of("id", "x"));
    assertThatThrownBy(() -> edits.data(new ByteArrayInputStream("[1, 2]".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.REJECTED))
        .hasMessageStartingWith("standard input: not a JSON object");
  }

  @Test
  void dataAndADataFileTogether_isAUsageError() {
    // given
    var edits = new DocumentEdits();
    edits.data = "{}";
    edits.dataFile = java.nio.file.Path.of("device.json");

    // then
    assertThatThrownBy(() -> edits.data(new ByteArrayInputStream(new byte[0])))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void theServersMessage_isTakenFromItsJsonOrItsText() {
    assertThat(RestClient.message("{\"message\": \"mac: not a MAC\"}")).isEqualTo("mac: not a MAC");
    assertThat(RestClient.message("{\"message\": \"invalid device\", \"errors\": [\"device.mac: not a MAC\", \"device.ip: not IPv4\"]}"))
        .isEqualTo("invalid device: device.mac: not a MAC; device.ip: not IPv4");
    assertThat(RestClient.message("{\"error\": \"config x does not exist\"}")).isEqualTo("config x does not exist");
    assertThat(RestClient.message("{\"reason\": [\"a\", \"b\"], \"status_code\": 400}")).isEqualTo("a; b");
    assertThat(RestClient.message("No such resource\n")).isEqualTo("No such resource");
    assertThat(RestClient.message("x".repeat(600))).hasSize(501);
  }

  @Test
  void anIdIsOnePathSegment_whateverItHolds() {
    assertThat(ApiCommand.segment("a/../b c")).isEqualTo("a%2F..%2Fb%20c");
  }
}
