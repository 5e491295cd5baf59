package io.autoprovd.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real TFTP clients nobody on this team wrote, as phones fetch (tftp-hpa lock-step with 512-byte
 * blocks; atftp with blksize 1428, windowsize 16 and tsize; curl). A test that needs a missing one
 * is skipped, naming the Debian package. Shared by every server test package.
 */
public final class PeerClients {
  private PeerClients() {}

  public static byte[] tftpHpa(int port, String name, Path dir) throws Exception {
    assumeTrue(versionContains(List.of("tftp", "-V"), "tftp-hpa"), "tftp-hpa is not installed: apt-get install tftp-hpa");
    Path out = dir.resolve("hpa.out");
    Files.deleteIfExists(out);
    String output = run(List.of("tftp", "127.0.0.1", Integer.toString(port), "-m", "binary", "-c", "get", name,
        out.toString()));
    // tftp-hpa exits 0 after a TFTP error packet ("Error code 1: File not found"): say it as the others do.
    if (output.contains("Error code")) {
      throw new AssertionError("tftp-hpa get " + name + ": " + output.strip());
    }
    return Files.readAllBytes(out);
  }

  public static byte[] atftp(int port, String name, Path dir) throws Exception {
    assumeTrue(versionContains(List.of("atftp", "--version"), "atftp"), "atftp is not installed: apt-get install atftp");
    Path out = dir.resolve("atftp.out");
    run(List.of("atftp", "--get", "-r", name, "-l", out.toString(), "--option", "blksize 1428",
        "--option", "windowsize 16", "--option", "tsize 0", "127.0.0.1", Integer.toString(port)));
    return Files.readAllBytes(out);
  }

  public static byte[] curlTftp(int port, String name, Path dir) throws Exception {
    assumeTrue(versionContains(List.of("curl", "--version"), "curl"), "curl is not installed: apt-get install curl");
    Path out = dir.resolve("curl.out");
    run(List.of("curl", "-sS", "--max-time", "60", "--tftp-blksize", "1428", "-o", out.toString(),
        "tftp://127.0.0.1:" + port + "/" + name));
    return Files.readAllBytes(out);
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " timed out: " + output);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " exited " + p.exitValue() + ": " + output);
    }
    return output;
  }

  private static boolean versionContains(List<String> command, String marker) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return output.contains(marker);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
