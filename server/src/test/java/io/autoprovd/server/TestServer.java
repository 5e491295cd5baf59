package io.autoprovd.server;

import io.autoprovd.core.document.Documents;
import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.server.settings.SettingsLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real server on ephemeral ports over a temporary data directory, and small clients for it. */
final class TestServer implements AutoCloseable {
  static final String YEALINK_UA = "Yealink SIP-T46S 66.86.0.15 00:15:65:12:34:56";

  final Autoprovd server;
  final HttpClient http = HttpClient.newHttpClient();
  /** The first-start admin token: every REST call needs a token. */
  final String token;

  private TestServer(Autoprovd server, Path dataDir) {
    this.server = server;
    try {
      this.token = io.autoprovd.server.auth.AdminToken.read(
          io.autoprovd.server.auth.AdminToken.file(dataDir.toAbsolutePath()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static TestServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  static TestServer start(Path dataDir, Map<String, String> extra) {
    return new TestServer(Autoprovd.start(settings(dataDir, extra)), dataDir);
  }

  static ServerSettings settings(Path dataDir, Map<String, String> extra) {
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    flags.put("http.port", "0");
    flags.put("http.bind", "127.0.0.1");
    flags.put("tftp.port", "0");
    flags.put("tftp.bind", "127.0.0.1");
    flags.put("rest.port", "0");
    flags.put("advertised.host", "127.0.0.1");
    flags.putAll(extra);
    return new SettingsLoader(Map.of()).load(null, flags);
  }

  HttpResponse<byte[]> fetch(String path, String userAgent) throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
    if (userAgent != null) {
      builder.header("User-Agent", userAgent);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> rest(String method, String path, Object body) throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.restPort() + path))
        .header("Content-Type", "application/vnd.proformatique.provd+json").header("X-Auth-Token", token);
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Documents.toJson(body)));
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The one stored device (the phone a boot-sequence test just made discover itself). */
  Map<String, Object> onlyDevice() throws IOException, InterruptedException {
    var devices = devices();
    org.assertj.core.api.Assertions.assertThat(devices).hasSize(1);
    return devices.getFirst();
  }

  /** The per-device autoprov user name ({@code ap} + 10) of a device linked to its autoprov config. */
  String autoprovUsername(Map<String, Object> device) throws IOException, InterruptedException {
    var raw = rest("GET", "/0.2/cfg_mgr/configs/" + device.get("config") + "/raw", null).body();
    var m = java.util.regex.Pattern.compile("\"username\":\"(ap[a-z0-9]{10})\"").matcher(raw);
    org.assertj.core.api.Assertions.assertThat(m.find()).as("autoprov config carries a per-device username: %s", raw)
        .isTrue();
    return m.group(1);
  }

  static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> devices() throws IOException, InterruptedException {
    var response = rest("GET", "/0.2/dev_mgr/devices", null);
    return (List<Map<String, Object>>) Documents.parseObject(response.body()).get("devices");
  }

  @Override
  public void close() {
    server.close();
  }
}
