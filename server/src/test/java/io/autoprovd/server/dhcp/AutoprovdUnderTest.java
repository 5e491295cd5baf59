package io.autoprovd.server.dhcp;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.auth.AdminToken;
import io.autoprovd.server.auth.NewToken;
import io.autoprovd.server.auth.TokenIssuer;
import io.autoprovd.server.settings.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real autoprovd on ephemeral ports of one address, with its admin token and a small REST client. */
final class AutoprovdUnderTest implements AutoCloseable {
  final Autoprovd server;
  final String host;
  final String adminToken;
  final HttpClient http = HttpClient.newHttpClient();

  private AutoprovdUnderTest(Autoprovd server, String host, Path dataDir) {
    this.server = server;
    this.host = host;
    try {
      this.adminToken = AdminToken.read(AdminToken.file(dataDir.toAbsolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every listener on {@code host}, which is also the advertised address. */
  static AutoprovdUnderTest start(Path dataDir, String host) {
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    flags.put("http.port", "0");
    flags.put("http.bind", host);
    flags.put("tftp.port", "0");
    flags.put("tftp.bind", host);
    flags.put("rest.port", "0");
    flags.put("rest.bind", host);
    flags.put("advertised.host", host);
    return new AutoprovdUnderTest(Autoprovd.start(new SettingsLoader(Map.of()).load(null, flags)), host, dataDir);
  }

  String restUrl() {
    return "http://" + host + ":" + server.restPort();
  }

  String httpUrl() {
    return "http://" + host + ":" + server.httpPort();
  }

  /** A token of the master tenant with only these ACLs. */
  String token(String... acls) {
    var issued = new TokenIssuer(server.store().tokens(), InstantSource.system())
        .issue(new NewToken(Tenant.MASTER_UUID, List.of(acls), "test", null, null));
    return ((TokenIssuer.Issue.Issued) issued).secret();
  }

  HttpResponse<String> rest(String method, String path, Object body) throws IOException, InterruptedException {
    return rest(method, path, body, adminToken);
  }

  HttpResponse<String> rest(String method, String path, Object body, String token) throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(URI.create(restUrl() + path))
        .header("Content-Type", "application/vnd.proformatique.provd+json");
    if (token != null) {
      builder.header("X-Auth-Token", token);
    }
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Documents.toJson(body)));
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> devices() throws IOException, InterruptedException {
    return (List<Map<String, Object>>) Documents.parseObject(rest("GET", "/0.2/dev_mgr/devices", null).body()).get("devices");
  }

  @Override
  public void close() {
    server.close();
  }
}
