package io.autoprovd.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autoprovd.core.document.Documents;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command over the REST API: resolves URL and token, runs, and turns a {@link CliFailure} into
 * its message on standard error and its {@link ExitCode}. Output goes to picocli's writers, so a
 * test or an embedding program can capture it.
 */
abstract class ApiCommand implements Callable<Integer> {
  @Mixin ApiOptions api;
  @Spec CommandSpec spec;

  /** Does the work; returns the exit code, or throws {@link CliFailure}. */
  abstract int run(RestClient client);

  @Override
  public final Integer call() {
    try {
      Map<String, String> env = AutoprovdCommand.environment(spec);
      return run(new RestClient(api.baseUrl(env), api.token(env), api.tenant));
    } catch (CliFailure failure) {
      err().println("autoprovd: " + failure.getMessage());
      return failure.exitCode();
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return api.json;
  }

  /** Prints a document as indented JSON, keys in the server's order. */
  void printJson(Object document) {
    try {
      out().println(Documents.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed document always prints", e);
    }
  }

  /**
   * Prints a document for people, one {@code key: value} line per leaf, nested objects as dotted
   * keys ({@code raw_config.sip_lines.1.username: 1001}), lists as compact JSON.
   */
  void printFlat(Map<String, ?> document) {
    printFlat("", document);
  }

  private void printFlat(String prefix, Map<String, ?> document) {
    document.forEach((key, value) -> {
      if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) nested;
        printFlat(prefix + key + ".", map);
      } else {
        out().println(prefix + key + ": " + (value == null ? "null" : Table.cell(value)));
      }
    });
  }

  /** A 201's {@code Location}, which an asynchronous operation must have. */
  static String location(RestClient.Response response, String what) {
    return response.location().orElseThrow(() ->
        new CliFailure(ExitCode.FAILURE, what + ": the server answered " + response.status() + " without a Location"));
  }

  /** One path segment, escaped: an id never changes the path it is put in. */
  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
