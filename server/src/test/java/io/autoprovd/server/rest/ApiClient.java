package io.autoprovd.server.rest;

import static org.assertj.core.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JDK HttpClient for the REST port that checks every exchange against the OpenAPI document the
 * server ships (openapi/api.yml): a request or response the document does not describe fails the
 * test. Requests that are wrong on purpose check only the response ({@link Call#invalid()}).
 */
final class ApiClient {
  static final String PROVD = "application/vnd.proformatique.provd+json";
  static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForInlineApiSpecification(spec()).build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  ApiClient(int port) {
    this(port, RestFixture.MASTER_TOKEN);
  }

  /** @param token sent by every call unless it says otherwise ({@link Call#token}) */
  ApiClient(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** An answer: status, headers, body text and, for JSON, the parsed document. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    Map<String, Object> json() {
      return Documents.parseObject(body);
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
      return (Map<String, Object>) json().get(key);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String key) {
      return (List<Map<String, Object>>) json().get(key);
    }
  }

  Call call(String method, String path) {
    return new Call(method, path);
  }

  Call get(String path) {
    return call("GET", path);
  }

  Call post(String path, Object body) {
    return call("POST", path).body(body);
  }

  Call put(String path, Object body) {
    return call("PUT", path).body(body);
  }

  Call delete(String path) {
    return call("DELETE", path);
  }

  /** One request being built; {@link #send()} sends it. Defaults: the client's token, the provd type. */
  final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean validateRequest = true;
    private boolean validate = true;

    Call(String method, String path) {
      this.method = method;
      this.path = path;
      headers.put("X-Auth-Token", token);
    }

    Call token(String token) {
      if (token == null) {
        headers.remove("X-Auth-Token");
      } else {
        headers.put("X-Auth-Token", token);
      }
      return this;
    }

    Call tenant(String tenant) {
      headers.put("Wazo-Tenant", tenant);
      return this;
    }

    Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Call body(Object document) {
      body = document instanceof String s ? s : Documents.toJson(document);
      headers.putIfAbsent("Content-Type", PROVD);
      return this;
    }

    /** The request is wrong on purpose: check only that the answer is one the document describes. */
    Call invalid() {
      validateRequest = false;
      return this;
    }

    /** A path or method the document does not have, on purpose (404, 405, CORS preflight). */
    Call undocumented() {
      validate = false;
      return this;
    }

    Reply send() {
      var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
      headers.forEach(builder::header);
      builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> response;
      try {
        response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      var reply = new Reply(response.statusCode(), response.headers().map(), response.body());
      if (validate) {
        validate(reply);
      }
      return reply;
    }

    private void validate(Reply reply) {
      String rawPath = path.split("\\?", 2)[0];
      var request = new SimpleRequest.Builder(method, rawPath);
      if (path.contains("?")) {
        for (String pair : path.split("\\?", 2)[1].split("&")) {
          String[] kv = pair.split("=", 2);
          request.withQueryParam(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
        }
      }
      headers.forEach(request::withHeader);
      if (body != null) {
        request.withBody(body);
      }
      var response = new SimpleResponse.Builder(reply.status());
      reply.headers().forEach((name, values) -> response.withHeader(name, values));
      if (!reply.body().isEmpty()) {
        response.withBody(reply.body());
      }
      ValidationReport report = validateRequest
          ? VALIDATOR.validate(request.build(), response.build())
          : VALIDATOR.validateResponse(rawPath, Request.Method.valueOf(method), response.build());
      if (report.hasErrors()) {
        fail("%s %s -> %d %s does not match openapi/api.yml:%n%s", method, path, reply.status(), reply.body(),
            report.getMessages());
      }
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String spec() {
    try (InputStream in = ApiClient.class.getResourceAsStream("/openapi/api.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
