package io.autoprovd.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Follows an asynchronous operation (OIP) to its end: polls the {@code Location} the server gave,
 * prints each new status (people) or the last one (JSON), and gives the exit code: 0 on success, 1
 * on failure (the server's log says why: the API shows only {@code fail}) or when it is still
 * running after the wait.
 */
final class OperationWatch {
  static final Duration POLL_EVERY = Duration.ofMillis(500);

  private final RestClient client;
  private final PrintWriter out;
  private final boolean json;
  private final Duration wait;
  private final InstantSource clock;

  OperationWatch(RestClient client, PrintWriter out, boolean json, Duration wait, InstantSource clock) {
    this.client = client;
    this.out = out;
    this.json = json;
    this.wait = wait;
    this.clock = clock;
  }

  /** @param location the {@code Location} header of the 201 answer, {@code /0.2/...} */
  int follow(String what, String location) {
    Instant deadline = clock.instant().plus(wait);
    String last = null;
    while (true) {
      Map<String, Object> document = client.get(location).document();
      if (!(document.get("status") instanceof String text)) {
        throw new CliFailure(ExitCode.FAILURE, "GET " + location + ": no status in " + document);
      }
      OipStatus status;
      try {
        status = OipStatus.parse(text);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ExitCode.FAILURE, "GET " + location + ": " + e.getMessage());
      }
      if (!json && !text.equals(last)) {
        out.println(what + ": " + status.describe());
        out.flush();
      }
      last = text;
      if (status.done()) {
        if (json) {
          var result = new java.util.LinkedHashMap<String, Object>();
          result.put("status", text);
          result.put("location", location);
          out.println(io.autoprovd.core.document.Documents.toJson(result));
        }
        if (status.state().equals("fail")) {
          throw new CliFailure(ExitCode.FAILURE, what + " failed (the server's log says why)");
        }
        return ExitCode.OK;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new CliFailure(ExitCode.FAILURE, what + " still running after " + wait.toSeconds() + " s; follow it "
            + "with GET " + location);
      }
      try {
        Thread.sleep(POLL_EVERY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCode.FAILURE, "interrupted; the operation goes on: GET " + location);
      }
    }
  }
}
