package io.autoprovd.server.cli;

import io.autoprovd.server.auth.AdminToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the server is and who the caller is: the options every command over the REST API takes.
 * The token comes from {@code --token}, else {@code AUTOPROVD_TOKEN}, else the data directory's
 * {@code admin-token} file (readable on the server's host by the service account or root).
 */
final class ApiOptions {
  static final String DEFAULT_URL = "http://127.0.0.1:8666";

  @Option(names = "--url", paramLabel = "URL",
      description = "REST API base URL (default: env AUTOPROVD_URL, else " + DEFAULT_URL + ").")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "API token (default: env AUTOPROVD_TOKEN, else the file <data-dir>/admin-token).")
  String token;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory whose admin-token is used when no token is given "
          + "(default: env AUTOPROVD_DATA_DIR, else ./data).")
  Path dataDir;

  @Option(names = "--tenant", paramLabel = "UUID", description = "Act in this tenant (Wazo-Tenant header).")
  String tenant;

  @Option(names = "--json", description = "Print the server's JSON documents instead of tables (for scripts).")
  boolean json;

  URI baseUrl(Map<String, String> env) {
    String value = url != null ? url : env.getOrDefault("AUTOPROVD_URL", DEFAULT_URL);
    try {
      URI uri = URI.create(value.replaceAll("/+$", ""));
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.USAGE, "--url: must be an http(s) URL such as " + DEFAULT_URL + ", got " + value);
    }
  }

  /** The token to send, and where it came from (for the 401 hint); empty when there is none. */
  Optional<Source> token(Map<String, String> env) {
    if (token != null && !token.isBlank()) {
      return Optional.of(new Source(token.strip(), "--token"));
    }
    String fromEnv = env.get("AUTOPROVD_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(new Source(fromEnv.strip(), "AUTOPROVD_TOKEN"));
    }
    Path file = AdminToken.file(dataDir(env));
    if (Files.isReadable(file)) {
      try {
        String text = AdminToken.read(file);
        return text.isEmpty() ? Optional.empty() : Optional.of(new Source(text, file.toString()));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  Path dataDir(Map<String, String> env) {
    if (dataDir != null) {
      return dataDir;
    }
    String fromEnv = env.get("AUTOPROVD_DATA_DIR");
    return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "data");
  }

  /** A token and where it was found. */
  record Source(String token, String origin) {
    @Override
    public String toString() {
      return "token from " + origin;
    }
  }
}
