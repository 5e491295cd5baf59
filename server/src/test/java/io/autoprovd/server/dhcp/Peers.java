package io.autoprovd.server.dhcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real DHCP programs the tests drive, from Debian packages that {@code .ci/run} installs. A
 * test that needs a missing one is skipped, naming the package; it never passes silently.
 */
final class Peers {
  private static final List<String> BIN = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin");
  private static final List<String> KEA_HOOKS = List.of(
      "/usr/lib/x86_64-linux-gnu/kea/hooks", "/usr/lib/aarch64-linux-gnu/kea/hooks", "/usr/lib64/kea/hooks",
      "/usr/lib/kea/hooks", "/usr/local/lib/kea/hooks");

  private Peers() {}

  record Result(int exitCode, String output) {}

  static boolean installed(String program) {
    return BIN.stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  static void assumeInstalled(String program, String debianPackage) {
    assumeTrue(installed(program), program + " is not installed: apt-get install " + debianPackage);
  }

  static String keaHooksDir() {
    return KEA_HOOKS.stream().filter(d -> Files.exists(Path.of(d, "libdhcp_run_script.so"))).findFirst()
        .orElseGet(() -> {
          assumeTrue(false, "Kea's libdhcp_run_script.so is not installed: apt-get install kea-dhcp4-server");
          return null;
        });
  }

  /** Kea's pid and lock files in a directory of the test, not /run/kea. */
  static Map<String, String> keaEnvironment(Path dir) {
    return Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString());
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish: " + output);
    }
    return new Result(p.exitValue(), output);
  }
}
