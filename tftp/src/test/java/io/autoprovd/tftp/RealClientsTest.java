package io.autoprovd.tftp;

import static io.autoprovd.tftp.TestFiles.loopbackSettings;
import static io.autoprovd.tftp.TestFiles.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Downloads with the TFTP clients phones are tested against in practice. Each nested class is
 * skipped, with the Debian package to install, when its client is missing.
 */
class RealClientsTest {

  private static final int TWO_MIB_AND_7 = 2 * 1024 * 1024 + 7;
  private static final String TEXT = "line one\nline two\r\nbare\rcarriage\n\nend";
  private static final Map<String, byte[]> FILES = new HashMap<>();
  private static TftpServer server;

  @TempDir
  Path downloads;

  @BeforeAll
  static void startServer() {
    for (int size : new int[] {0, 1, 511, 512, 513, 1428 * 16, TWO_MIB_AND_7}) {
      FILES.put("file-" + size + ".bin", randomBytes(size));
    }
    FILES.put("text.cfg", TEXT.getBytes(StandardCharsets.US_ASCII));
    server = TftpServer.start(loopbackSettings(), FileSources.ofBytes(FILES));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static int port() {
    return server.localAddress().getPort();
  }

  private static String name(int size) {
    return "file-" + size + ".bin";
  }

  /** Runs a client to completion; the output is part of the failure message. */
  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("%s finished within 60 s; output: %s", command, output).isTrue();
    assertThat(process.exitValue()).as("%s exit status; output: %s", command, output).isZero();
  }

  // Probed once per class: a missing client skips each of its tests, reported with the package.
  private static final boolean TFTP_HPA = tftpHpaInstalled();
  private static final boolean ATFTP = installed("atftp", "--version");
  private static final boolean CURL = installed("curl", "--version");

  private static boolean installed(String... versionCommand) {
    try {
      Process process = new ProcessBuilder(versionCommand).redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean tftpHpaInstalled() {
    try {
      Process process = new ProcessBuilder("tftp", "-V").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return version.contains("tftp-hpa");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Nested
  class TftpHpa {

    @BeforeEach
    void requireClient() {
      assumeTrue(TFTP_HPA,
          "the tftp-hpa client is not installed: apt-get install tftp-hpa");
    }

    private List<String> get(String mode, String remote, Path local) {
      return List.of("tftp", "127.0.0.1", Integer.toString(port()), "-m", mode,
          "-c", "get", remote, local.toString());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 511, 512, 513, 1428 * 16, TWO_MIB_AND_7})
    void downloadsInBinaryMode_byteForByte(int size) throws Exception {
      Path out = downloads.resolve("out");

      run(get("binary", name(size), out));

      assertThat(Files.readAllBytes(out)).isEqualTo(FILES.get(name(size)));
    }

    @Test
    void downloadsInNetasciiMode_andConvertsBackToTheOriginalText() throws Exception {
      Path out = downloads.resolve("out");

      run(get("netascii", "text.cfg", out));

      assertThat(Files.readString(out, StandardCharsets.US_ASCII)).isEqualTo(TEXT);
    }
  }

  @Nested
  class Atftp {

    @BeforeEach
    void requireClient() {
      assumeTrue(ATFTP,
          "the atftp client is not installed: apt-get install atftp");
    }

    private List<String> get(String remote, Path local, String... options) {
      var command = new ArrayList<>(List.of("atftp", "--get", "-r", remote, "-l", local.toString()));
      for (String option : options) {
        command.add("--option");
        command.add(option);
      }
      command.addAll(List.of("127.0.0.1", Integer.toString(port())));
      return command;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 511, 512, 513, 1428 * 16, TWO_MIB_AND_7})
    void downloadsWithBlksizeWindowsizeAndTsize_byteForByte(int size) throws Exception {
      Path out = downloads.resolve("out");

      run(get(name(size), out, "blksize 1428", "windowsize 16", "tsize 0"));

      assertThat(Files.readAllBytes(out)).isEqualTo(FILES.get(name(size)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 512, 513})
    void downloadsWithoutOptions_byteForByte(int size) throws Exception {
      Path out = downloads.resolve("out");

      run(get(name(size), out));

      assertThat(Files.readAllBytes(out)).isEqualTo(FILES.get(name(size)));
    }
  }

  @Nested
  class Curl {

    @BeforeEach
    void requireClient() {
      assumeTrue(CURL, "curl is not installed: apt-get install curl");
    }

    private List<String> get(String remote, Path local, String... extra) {
      var command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60"));
      command.addAll(List.of(extra));
      command.addAll(List.of("-o", local.toString(),
          "tftp://127.0.0.1:" + port() + "/" + remote));
      return command;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 511, 512, 513, 1428 * 16, TWO_MIB_AND_7})
    void downloadsWithBlksize1428_byteForByte(int size) throws Exception {
      Path out = downloads.resolve("out");

      run(get(name(size), out, "--tftp-blksize", "1428"));

      assertThat(Files.readAllBytes(out)).isEqualTo(FILES.get(name(size)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 512, 513})
    void downloadsWithoutOptions_byteForByte(int size) throws Exception {
      Path out = downloads.resolve("out");

      run(get(name(size), out, "--tftp-no-options"));

      assertThat(Files.readAllBytes(out)).isEqualTo(FILES.get(name(size)));
    }
  }
}
