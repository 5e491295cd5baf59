package io.autoprovd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk with a script of bench/wrk (fetch.lua over a target list, create.lua) and reads its summary. */
final class Wrk {
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

  record Result(long requests, double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, long non2xx, String errors,
      String output) {}

  private Wrk() {}

  static Result run(Path script, int port, Path targets, int threads, int connections, int seconds) {
    return run(script, port, List.of(targets.toString()), threads, connections, seconds);
  }

  static Result run(Path script, int port, List<String> scriptArgs, int threads, int connections, int seconds) {
    List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
        "--latency", "-s", script.toString(), "http://127.0.0.1:" + port, "--"));
    command.addAll(scriptArgs);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      Matcher rps = RPS.matcher(output);
      if (exit != 0 || !rps.find()) {
        throw new IllegalStateException("wrk failed (exit " + exit + "):\n" + output);
      }
      Matcher requests = REQUESTS.matcher(output);
      Matcher non2xx = NON_2XX.matcher(output);
      Matcher errors = SOCKET_ERRORS.matcher(output);
      return new Result(requests.find() ? Long.parseLong(requests.group(1)) : 0, Double.parseDouble(rps.group(1)), percentile(output, "50"), percentile(output, "90"),
          percentile(output, "99"), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
          errors.find() ? errors.group(1).strip() : "", output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wrk (apt-get install wrk)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A line of wrk's "Latency Distribution", e.g. {@code 99%   12.34ms}, in milliseconds. */
  private static double percentile(String output, String percent) {
    Matcher m = Pattern.compile("^\\s+" + percent + "%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(output);
    if (!m.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
