package io.autoprovd.server.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs SIPp (Debian package {@code sip-tester}) with a scenario from {@code src/test/resources/sipp},
 * in a directory of its own so its logs can be read after a failure. A missing binary skips the
 * test, naming the package.
 */
public final class Sipp {
  private Sipp() {}

  public static Path binary() {
    for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
      Path p = Path.of(dir, "sipp");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Assumptions.abort("SIPp is not installed (Debian package sip-tester; .ci/run installs it)");
    return null;
  }

  /** A copy of a scenario resource with placeholders replaced. */
  public static Path scenario(Path dir, String resource, Map<String, String> replacements) throws IOException {
    String text;
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + resource)) {
      if (in == null) {
        throw new IOException("no scenario resource /sipp/" + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    for (var e : replacements.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    Path file = dir.resolve(resource);
    Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    return file;
  }

  /** The CSV injection file SIPp reads {@code [fieldN]} from: one line, fields separated by ';'. */
  public static Path injection(Path dir, String name, String... fields) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "SEQUENTIAL\n" + String.join(";", fields) + "\n");
    return file;
  }

  /** A regex matching exactly {@code text} (POSIX extended, as SIPp's ereg uses). */
  public static String quote(String text) {
    return text.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
  }

  /** A started SIPp process. */
  public static final class Run {
    private final Process process;
    private final Path dir;
    private final String name;

    Run(Process process, Path dir, String name) {
      this.process = process;
      this.dir = dir;
      this.name = name;
    }

    /** Waits for SIPp to end (it has its own -timeout) and returns its exit status: 0 = every call passed. */
    public int exitCode() throws InterruptedException {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("SIPp " + name + " did not end within 120 s; logs in " + dir);
      }
      return process.exitValue();
    }

    /** SIPp's output and error logs, for an assertion message. */
    public String logs() {
      var sb = new StringBuilder("SIPp " + name + " in " + dir + ":\n");
      try (var files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")
            || p.getFileName().toString().endsWith(".out")).toList()) {
          String content = Files.readString(f, StandardCharsets.ISO_8859_1);
          sb.append("--- ").append(f.getFileName()).append('\n')
              .append(content.length() > 6000 ? content.substring(content.length() - 6000) : content).append('\n');
        }
      } catch (IOException e) {
        sb.append("(cannot read logs: ").append(e.getMessage()).append(")");
      }
      return sb.toString();
    }

    public void stop() {
      process.destroy();
    }
  }

  /**
   * Starts SIPp; {@code args} are SIPp's own (scenario, addresses, -m, …). Errors and the message
   * trace are logged in {@code dir}.
   */
  public static Run start(Path dir, String name, List<String> args) throws IOException {
    var command = new ArrayList<String>();
    command.add(binary().toString());
    command.addAll(args);
    command.addAll(List.of("-trace_err", "-trace_msg", "-nostdin", "-timeout", "60s", "-timeout_error"));
    var pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectErrorStream(true);
    return new Run(pb.start(), dir, name);
  }

  /** A line that proves SIPp logged something matching {@code regex} in its message trace. */
  public static boolean traceContains(Path dir, String regex) throws IOException {
    Pattern p = Pattern.compile(regex);
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.getFileName().toString().contains("_messages.log")).toList()) {
        if (p.matcher(Files.readString(f, StandardCharsets.ISO_8859_1)).find()) {
          return true;
        }
      }
    }
    return false;
  }
}
