package io.autoprovd.server.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.cli.AutoprovdCommand;
import io.autoprovd.server.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code autoprovd codes …} and {@code autoprovd devices claim|reset} against a running server. */
class CodesCliTest {
  static final String A = AutoprovServer.TENANT_A;
  static final String UA = "Yealink SIP-T46S 66.86.0.15 00:15:65:cc:dd:01";

  @TempDir Path dataDir;
  AutoprovServer autoprovd;

  @BeforeEach
  void start() {
    autoprovd = AutoprovServer.start(dataDir, Map.of("sync.strategy", "none"));
    autoprovd.lineConfig("alice", A, "1001", "alice-secret");
  }

  @AfterEach
  void stop() {
    autoprovd.close();
  }

  record Run(int code, String out, String err) {}

  Run cli(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + autoprovd.server.restPort(), "--token", autoprovd.adminToken));
    var out = new StringWriter();
    var err = new StringWriter();
    int code = new CommandLine(new AutoprovdCommand(Map.of())).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void createListClaimResetRevoke_fromTheCommandLine() {
    var created = cli("codes", "create", "alice", "--tenant", A);
    String code = created.out().strip();
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(code).matches("[0-9]{6}");

    var listed = cli("codes", "list", "--tenant", A);
    assertThat(listed.out()).contains("CODE").contains(code).contains("alice");

    autoprovd.fetch("/001565ccdd01.cfg", UA);
    String device = autoprovd.deviceIdByMac("00:15:65:cc:dd:01");
    var claimed = cli("devices", "claim", device, code);
    assertThat(claimed.code()).as(claimed.err()).isZero();
    assertThat(claimed.out()).contains("line 1 from code " + code).contains("moved");

    var reset = cli("devices", "reset", device, "--tenant", A);
    assertThat(reset.code()).as(reset.err()).isZero();
    assertThat(reset.out()).contains("reset to autoprov").contains(code);

    var revoked = cli("codes", "revoke", code, "--tenant", A);
    assertThat(revoked.code()).isZero();
    assertThat(cli("codes", "list", "--tenant", A).out()).doesNotContain(code);
  }

  @Test
  void refusals_exitWithTheirCodes_andTheServersMessage() {
    autoprovd.fetch("/001565ccdd01.cfg", UA);
    String device = autoprovd.deviceIdByMac("00:15:65:cc:dd:01");

    var unknown = cli("devices", "claim", device, "999999");
    var notALine = cli("codes", "create", "base");
    var missing = cli("codes", "revoke", "123456");

    assertThat(unknown.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(unknown.err()).contains("code 999999 does not exist");
    assertThat(notALine.code()).isEqualTo(ExitCode.REJECTED);
    assertThat(notALine.err()).contains("no line 1");
    assertThat(missing.code()).isEqualTo(ExitCode.NOT_FOUND);
  }
}
