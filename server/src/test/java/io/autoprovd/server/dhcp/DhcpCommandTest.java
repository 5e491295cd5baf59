package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.cli.AutoprovdCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code autoprovd dhcp config} against a real server: the same text as the REST API. */
class DhcpCommandTest {
  @TempDir Path dataDir;
  @TempDir Path out;
  AutoprovdUnderTest server;

  @BeforeEach
  void start() {
    server = AutoprovdUnderTest.start(dataDir, "127.0.0.1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  record Run(int code, String out, String err) {}

  Run cli(String... args) {
    var stdout = new StringWriter();
    var stderr = new StringWriter();
    var env = Map.of("AUTOPROVD_URL", server.restUrl(), "AUTOPROVD_TOKEN", server.adminToken);
    int code = new CommandLine(new AutoprovdCommand(env)).setOut(new PrintWriter(stdout, true))
        .setErr(new PrintWriter(stderr, true)).execute(args);
    return new Run(code, stdout.toString(), stderr.toString());
  }

  @Test
  void dhcpConfig_printsWhatTheRestApiGenerates() throws Exception {
    // when
    Run run = cli("dhcp", "config", "--format", "isc", "--subnet", "10.0.0.0/24", "--range", "10.0.0.100-10.0.0.199",
        "--router", "10.0.0.1", "--device", "00:15:65:12:34:56");

    // then
    assertThat(run.code()).as(run.err()).isZero();
    String viaRest = server.rest("GET", "/0.2/dhcp/config?format=isc&subnet=10.0.0.0/24&range=10.0.0.100-10.0.0.199"
        + "&router=10.0.0.1&device=00:15:65:12:34:56", null).body();
    assertThat(run.out()).isEqualTo(viaRest).contains("host autoprovd-001565123456 {");
  }

  @Test
  void dhcpConfig_forKea_writesTheFileGiven() throws Exception {
    // when
    Path file = out.resolve("kea-dhcp4.conf");
    Run run = cli("dhcp", "config", "--format", "kea", "--interface", "eth1", "--interface", "eth2", "-o", file.toString());

    // then
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readString(file)).contains("\"interfaces\" : [ \"eth1\", \"eth2\" ]");
  }

  @Test
  void badOptions_exitWith4_andTheServersReasons() {
    // when
    Run run = cli("dhcp", "config", "--format", "dnsmasq", "--subnet", "10.0.0.0/24");

    // then
    assertThat(run.code()).isEqualTo(4);
    assertThat(run.err()).contains("format: isc or kea, not 'dnsmasq'", "subnet, range and router: give all three or none");
  }

  @Test
  void withoutFormat_isAUsageError() {
    assertThat(cli("dhcp", "config").code()).isEqualTo(2);
  }
}
