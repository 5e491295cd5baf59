package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autoprovd devices …} against a real server on an ephemeral port. */
class DevicesCliTest {
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

  private static Cli.Run devices(String... args) throws IOException {
    var all = new ArrayList<>(List.of("devices"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", server.url(), "--token", server.adminToken()));
    return Cli.run(Map.of(), all.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> listed() throws IOException {
    var run = devices("list", "--json");
    assertThat(run.code()).as(run.toString()).isZero();
    return (List<Map<String, Object>>) Documents.parseObject(run.out()).get("devices");
  }

  @Test
  void add_printsTheNewId_andListShowsTheDeviceInATable() throws IOException {
    // when
    var added = devices("add", "--id", "desk-1", "--mac", "00:15:65:aa:bb:01", "--ip", "10.0.0.21",
        "--description", "front desk");
    var list = devices("list");

    // then
    assertThat(added.code()).as(added.toString()).isZero();
    assertThat(added.out()).isEqualTo("desk-1\n");
    assertThat(list.code()).as(list.toString()).isZero();
    String[] lines = list.out().split("\n");
    assertThat(lines[0]).startsWith("ID").contains("MAC").contains("IP").contains("CONFIGURED");
    assertThat(list.out()).containsPattern("(?m)^desk-1 +00:15:65:aa:bb:01 +10\\.0\\.0\\.21 ");
  }

  @Test
  void listAsJson_isTheServersDocument() throws IOException {
    // given
    devices("add", "--id", "json-1", "--mac", "00:15:65:aa:bb:02");

    // when
    var devices = listed();

    // then
    assertThat(devices).anySatisfy(d -> {
      assertThat(d.get("id")).isEqualTo("json-1");
      assertThat(d.get("mac")).isEqualTo("00:15:65:aa:bb:02");
    });
  }

  @Test
  void show_printsOneFieldPerLine_orTheDocumentAsJson() throws IOException {
    // given
    devices("add", "--id", "show-1", "--mac", "00:15:65:aa:bb:03", "--set-json", "options={\"switchboard\": true}");

    // when
    var text = devices("show", "show-1");
    var json = devices("show", "show-1", "--json");

    // then
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).contains("id: show-1\n").contains("mac: 00:15:65:aa:bb:03\n")
        .contains("options.switchboard: true\n");
    assertThat(json.code()).isZero();
    @SuppressWarnings("unchecked")
    var device = (Map<String, Object>) Documents.parseObject(json.out()).get("device");
    assertThat(device).containsEntry("id", "show-1").containsEntry("options", Map.of("switchboard", true));
  }

  @Test
  void edit_changesOnlyWhatItNames_andKeepsTheRest() throws IOException {
    // given
    devices("add", "--id", "edit-1", "--mac", "00:15:65:aa:bb:04", "--description", "old");

    // when
    var edited = devices("edit", "edit-1", "--description", "new", "--set", "vendor=Yealink");

    // then
    assertThat(edited.code()).as(edited.toString()).isZero();
    assertThat(devices("show", "edit-1").out()).contains("description: new\n").contains("vendor: Yealink\n")
        .contains("mac: 00:15:65:aa:bb:04\n");
  }

  @Test
  void editWithNothingToChange_isAUsageError() throws IOException {
    // when
    var run = devices("edit", "edit-nothing");

    // then
    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("nothing to change");
  }

  @Test
  void delete_removesTheDevice_andShowingItAfterwardsIsNotFound() throws IOException {
    // given
    devices("add", "--id", "gone-1", "--mac", "00:15:65:aa:bb:05");

    // when
    var deleted = devices("delete", "gone-1");
    var shown = devices("show", "gone-1");

    // then
    assertThat(deleted.code()).as(deleted.toString()).isZero();
    assertThat(deleted.out()).isEqualTo("device gone-1 deleted\n");
    assertThat(shown.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(shown.err()).contains("404");
  }

  @Test
  void anUnknownId_exits3_forShowEditAndDelete() throws IOException {
    assertThat(devices("show", "no-such-device").code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(devices("edit", "no-such-device", "--description", "x").code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(devices("delete", "no-such-device").code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void malformedJson_exits4_andNothingIsCreated() throws IOException {
    // given
    int before = listed().size();

    // when
    var run = devices("add", "--data", "{\"id\": \"bad-json\", \"mac\": ");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.REJECTED);
    assertThat(run.err()).contains("--data").contains("not a JSON object");
    assertThat(listed()).hasSize(before);
  }

  @Test
  void aDocumentTheServerRefuses_exits4_withTheServersReason_andNothingIsCreated() throws IOException {
    // given
    int before = listed().size();

    // when: a MAC provd refuses
    var run = devices("add", "--id", "bad-mac", "--mac", "not-a-mac");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.REJECTED);
    assertThat(run.err()).contains("400").contains("mac");
    assertThat(listed()).hasSize(before);
  }

  @Test
  void aDocumentFromAFile_isAdded() throws IOException {
    // given
    Path file = Files.writeString(dataDir.resolve("device.json"),
        "{\"id\": \"from-file\", \"mac\": \"00:15:65:aa:bb:06\", \"description\": \"from a file\"}");

    // when
    var run = devices("add", "--data-file", file.toString());

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(devices("show", "from-file").out()).contains("description: from a file\n");
  }

  @Test
  void reconfigure_ofAKnownDevice_succeeds_andOfAnUnknownOne_isRefused() throws IOException {
    // given
    devices("add", "--id", "reconf-1", "--mac", "00:15:65:aa:bb:07");

    // when
    var known = devices("reconfigure", "reconf-1");
    var unknown = devices("reconfigure", "no-such-device");

    // then
    assertThat(known.code()).as(known.toString()).isZero();
    assertThat(unknown.code()).isIn(ExitCode.NOT_FOUND, ExitCode.REJECTED);
  }

  @Test
  void aServerThatIsNotThere_exits1_sayingSo() throws IOException {
    // given
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    // when
    var run = Cli.run(Map.of(), "devices", "list", "--url", "http://127.0.0.1:" + closedPort, "--token", "x");

    // then
    assertThat(run.code()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.err()).contains("cannot reach autoprovd at http://127.0.0.1:" + closedPort);
  }

  @Test
  void aBadUrl_isAUsageError() {
    // when
    var run = Cli.run(Map.of(), "devices", "list", "--url", "ftp://example.com");

    // then
    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--url");
  }

  @Test
  void theUrlAndTokenComeFromTheEnvironment_whenNotGiven() throws IOException {
    // given
    devices("add", "--id", "env-1", "--mac", "00:15:65:aa:bb:08");

    // when
    var run = Cli.run(Map.of("AUTOPROVD_URL", server.url(), "AUTOPROVD_TOKEN", server.adminToken()),
        "devices", "show", "env-1");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("id: env-1");
  }

  @Test
  void withoutAToken_theDataDirectorysAdminTokenIsUsed() throws IOException {
    // given
    devices("add", "--id", "admin-file-1", "--mac", "00:15:65:aa:bb:09");

    // when
    var run = Cli.run(Map.of(), "devices", "show", "admin-file-1", "--url", server.url(),
        "--data-dir", dataDir.toString());

    // then
    assertThat(run.code()).as(run.toString()).isZero();
  }

  @Test
  void aWrongToken_exits5_sayingWhichTokenWasRefused() {
    // when
    var run = Cli.run(Map.of(), "devices", "list", "--url", server.url(), "--token", "not-a-token");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.UNAUTHORIZED);
    assertThat(run.err()).contains("401").contains("token from --token was refused");
  }

  @Test
  void noTokenAnywhere_exits5_sayingWhereATokenComesFrom(@TempDir Path emptyDataDir) {
    // when
    var run = Cli.run(Map.of(), "devices", "list", "--url", server.url(), "--data-dir", emptyDataDir.toString());

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.UNAUTHORIZED);
    assertThat(run.err()).contains("no token: pass --token, set AUTOPROVD_TOKEN");
  }
}
