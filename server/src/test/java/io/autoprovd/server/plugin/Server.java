package io.autoprovd.server.plugin;



import io.autoprovd.core.document.Documents;
import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.settings.SettingsLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real autoprovd on ephemeral ports, and the clients a test drives it with (phone HTTP, REST). */
final class Server implements AutoCloseable {
  final Path dataDir;
  final Autoprovd autoprovd;
  final HttpClient http = HttpClient.newHttpClient();

  private Server(Path dataDir, Autoprovd autoprovd) {
    this.dataDir = dataDir;
    this.autoprovd = autoprovd;
  }

  static Server start(Path dataDir) {
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    flags.put("http.port", "0");
    flags.put("http.bind", "127.0.0.1");
    flags.put("tftp.port", "0");
    flags.put("tftp.bind", "127.0.0.1");
    flags.put("rest.port", "0");
    flags.put("advertised.host", "127.0.0.1");
    return new Server(dataDir, Autoprovd.start(new SettingsLoader(Map.of()).load(null, flags)));
  }

  /** Sets (or, with null, unsets) the plugin_server and http_proxy parameters, as an operator would. */
  void parameters(String pluginServer, String httpProxy) throws IOException, InterruptedException {
    for (var p : new String[][] {{"plugin_server", pluginServer}, {"http_proxy", httpProxy}}) {
      var value = new java.util.HashMap<String, Object>();
      value.put("value", p[1]);
      var response = rest("PUT", "/0.2/configure/" + p[0], Map.of("param", value));
      if (response.statusCode() != 204) {
        throw new AssertionError("PUT " + p[0] + ": " + response.statusCode() + " " + response.body());
      }
    }
  }

  HttpResponse<byte[]> fetch(String path, String userAgent) throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + autoprovd.httpPort() + path));
    if (userAgent != null) {
      builder.header("User-Agent", userAgent);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> rest(String method, String path, Object body) throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + autoprovd.restPort() + path))
        .header("Content-Type", "application/vnd.proformatique.provd+json");
    // Once the API requires tokens, the first-start admin token is the test's.
    Path token = dataDir.resolve("admin-token");
    if (Files.isRegularFile(token)) {
      builder.header("X-Auth-Token", Files.readString(token).strip());
    }
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Documents.toJson(body)));
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  Map<String, Object> json(String path) throws IOException, InterruptedException {
    var response = rest("GET", path, null);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    return Documents.parseObject(response.body());
  }

  /** Starts an operation and returns its Location. */
  String start(String path, Object body) throws IOException, InterruptedException {
    var response = rest("POST", path, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("POST " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.headers().firstValue("Location").orElseThrow();
  }

  /** Polls an operation until it ends; every distinct status seen, in order. */
  List<String> await(String location) {
    var seen = new ArrayList<String>();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
      String status = (String) json(location).get("status");
      if (seen.isEmpty() || !seen.getLast().equals(status)) {
        seen.add(status);
      }
      String state = status.replaceFirst("^(?:\\w+\\|)?(\\w+).*$", "$1");
      return state.equals("success") || state.equals("fail");
    });
    return seen;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> device(String mac) throws IOException, InterruptedException {
    var devices = (List<Map<String, Object>>) json("/0.2/dev_mgr/devices").get("devices");
    return devices.stream().filter(d -> mac.equals(d.get("mac"))).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    autoprovd.close();
  }
}
