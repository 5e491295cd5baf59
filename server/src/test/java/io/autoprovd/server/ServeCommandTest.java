package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.server.cli.AutoprovdCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dataDir;

  @Test
  void aTftpPortThatCannotBeBound_failsWithOneLineSayingWhatToDo() throws Exception {
    try (var taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      var err = new StringWriter();
      var previous = System.err;
      var capture = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(capture, true));
      int code;
      try {
        code = new CommandLine(new AutoprovdCommand()).setErr(new PrintWriter(err)).execute("serve",
            "--data-dir", dataDir.toString(), "--http-port", "0", "--rest-port", "0",
            "--tftp-port", Integer.toString(taken.getLocalPort()));
      } finally {
        System.setErr(previous);
      }

      assertThat(code).isEqualTo(1);
      assertThat(capture.toString()).contains("--tftp-port").contains("CAP_NET_BIND_SERVICE");
    }
  }

  @Test
  void invalidSettings_exitWith2_listingTheProblems() {
    var previous = System.err;
    var capture = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(capture, true));
    int code;
    try {
      code = new CommandLine(new AutoprovdCommand()).execute("serve", "--data-dir", dataDir.toString(),
          "--http-port", "99999");
    } finally {
      System.setErr(previous);
    }

    assertThat(code).isEqualTo(2);
    assertThat(capture.toString()).contains("http.port: must be 0..65535");
  }
}
