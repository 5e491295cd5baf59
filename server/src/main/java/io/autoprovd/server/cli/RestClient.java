package io.autoprovd.server.cli;

import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's side of the REST API: sends provd JSON with the token and tenant headers, and turns
 * every answer that is not 2xx, and every network failure, into a {@link CliFailure} with the exit
 * code scripts rely on and the server's own message.
 */
final class RestClient {
  static final String MEDIA_TYPE = "application/vnd.proformatique.provd+json";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_MESSAGE = 500;

  private final URI base;
  private final Optional<ApiOptions.Source> token;
  private final String tenant;
  private final HttpClient http;

  RestClient(URI base, Optional<ApiOptions.Source> token, String tenant) {
    this.base = base;
    this.token = token;
    this.tenant = tenant;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** A 2xx answer. */
  record Response(int status, String body, Optional<String> location) {
    Map<String, Object> document() {
      return body.isBlank() ? Map.of() : Documents.parseObject(body);
    }
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, Object body) {
    return send("POST", path, body);
  }

  Response put(String path, Object body) {
    return send("PUT", path, body);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** {@code path} is absolute ({@code /0.2/...}) and already escaped. */
  Response send(String method, String path, Object body) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", MEDIA_TYPE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(Documents.toJson(body)));
    if (body != null) {
      request.header("Content-Type", MEDIA_TYPE);
    }
    token.ifPresent(t -> request.header("X-Auth-Token", t.token()));
    if (tenant != null) {
      request.header("Wazo-Tenant", tenant);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliFailure(ExitCode.FAILURE, "cannot reach autoprovd at " + base + " (connection refused): is it "
          + "running, and is --url (or AUTOPROVD_URL) right?");
    } catch (HttpTimeoutException e) {
      throw new CliFailure(ExitCode.FAILURE, method + " " + uri + ": no answer within " + REQUEST_TIMEOUT.toSeconds()
          + " s");
    } catch (IOException e) {
      throw new CliFailure(ExitCode.FAILURE, method + " " + uri + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.FAILURE, "interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Response(status, response.body(), response.headers().firstValue("Location"));
    }
    throw new CliFailure(ExitCode.forStatus(status), method + " " + path + ": " + status + " " + message(response.body())
        + hint(status));
  }

  private String hint(int status) {
    if (status != 401) {
      return "";
    }
    return token.map(t -> "\n  the " + t + " was refused: wrong, expired or revoked, or it lacks the ACL"
            + (tenant == null ? "" : " or tenant " + tenant))
        .orElse("\n  no token: pass --token, set AUTOPROVD_TOKEN, or point --data-dir at the server's data "
            + "directory (its admin-token file)");
  }

  /**
   * The server's error text: provd's plain text, or JSON: autoprovd's {@code {"message", "errors":
   * [...]}} (each error names a field), or {@code "error"} / {@code "reason"}.
   */
  static String message(String body) {
    String text = body == null ? "" : body.strip();
    if (text.startsWith("{")) {
      try {
        Map<String, Object> doc = Documents.parseObject(text);
        for (String key : new String[] {"message", "error", "reason"}) {
          Object value = doc.get(key);
          if (value instanceof String s) {
            text = s;
            break;
          }
          if (value instanceof java.util.List<?> list && !list.isEmpty()) {
            text = String.join("; ", list.stream().map(String::valueOf).toList());
            break;
          }
        }
        if (doc.get("errors") instanceof java.util.List<?> errors && !errors.isEmpty()) {
          String details = String.join("; ", errors.stream().map(String::valueOf).toList());
          text = text.startsWith("{") || text.equals(details) ? details : text + ": " + details;
        }
      } catch (IllegalArgumentException e) {
        // not JSON after all: show the text
      }
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }
}
