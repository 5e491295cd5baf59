package io.autoprovd.server.code;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.auth.AdminToken;
import io.autoprovd.server.settings.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real autoprovd for the provisioning-code tests: every listener on loopback, the autoprov SIP
 * service on a free port (UDP and TCP), the first-start admin token, and small clients.
 */
public final class AutoprovServer implements AutoCloseable {
  public static final String TENANT_A = "aaaaaaaa-0000-4000-8000-00000000000a";
  public static final String TENANT_B = "bbbbbbbb-0000-4000-8000-00000000000b";
  static final String PROVD_JSON = "application/vnd.proformatique.provd+json";

  public final Autoprovd server;
  public final String adminToken;
  public final int sipPort;
  private final String host;
  private final HttpClient http = HttpClient.newHttpClient();

  private AutoprovServer(Autoprovd server, Path dataDir, String host, int sipPort) {
    this.server = server;
    this.host = host;
    this.sipPort = sipPort;
    try {
      this.adminToken = AdminToken.read(AdminToken.file(dataDir.toAbsolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Two tenants under master, as wazo-auth would know them.
    server.store().tenants().insert(new Tenant(TENANT_A, "a", Tenant.MASTER_UUID));
    server.store().tenants().insert(new Tenant(TENANT_B, "b", Tenant.MASTER_UUID));
  }

  public static AutoprovServer start(Path dataDir, Map<String, String> extra) {
    return start(dataDir, "127.0.0.1", extra);
  }

  public static AutoprovServer start(Path dataDir, String host, Map<String, String> extra) {
    int sipPort = freePort(host);
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    for (String listener : new String[] {"http", "tftp", "rest"}) {
      flags.put(listener + ".port", "0");
      flags.put(listener + ".bind", host);
    }
    flags.put("advertised.host", host);
    flags.put("sip.bind", host);
    flags.put("sip.port", Integer.toString(sipPort));
    flags.putAll(extra);
    var settings = new SettingsLoader(Map.of()).load(null, flags);
    return new AutoprovServer(Autoprovd.start(settings), dataDir, host, settings.sipPort());
  }

  /** A port free for both UDP and TCP on {@code host} (the SIP service binds both). */
  public static int freePort(String host) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
        int port = udp.getLocalPort();
        try (var tcp = new ServerSocket(port, 1, InetAddress.getByName(host))) {
          return port;
        } catch (IOException taken) {
          // TCP side taken: try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free UDP+TCP port on " + host);
  }

  public HttpResponse<String> rest(String method, String path, Object body) {
    return rest(method, path, body, null);
  }

  /** A REST call with the admin token, for {@code tenant} when given ({@code Wazo-Tenant}). */
  public HttpResponse<String> rest(String method, String path, Object body, String tenant) {
    var builder = HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.restPort() + path))
        .header("Content-Type", PROVD_JSON).header("Accept", PROVD_JSON).header("X-Auth-Token", adminToken);
    if (tenant != null) {
      builder.header("Wazo-Tenant", tenant);
    }
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Documents.toJson(body)));
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Map<String, Object> json(String method, String path, Object body, String tenant, int expectedStatus) {
    var response = rest(method, path, body, tenant);
    if (response.statusCode() != expectedStatus) {
      throw new AssertionError(method + " " + path + " -> " + response.statusCode() + " " + response.body()
          + " (expected " + expectedStatus + ")");
    }
    return response.body().isEmpty() ? Map.of() : Documents.parseObject(response.body());
  }

  /** A phone's fetch over HTTP, as a Yealink asks for its file. */
  public String fetch(String path, String userAgent) {
    var request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.httpPort() + path))
        .header("User-Agent", userAgent).build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code key = value} of a Yealink file (the value as the template wrote it). */
  public static String yealinkValue(String file, String key) {
    var m = Pattern.compile("(?m)^" + Pattern.quote(key) + " = (.*)$").matcher(file);
    if (!m.find()) {
      throw new AssertionError(key + " not in the file:\n" + file);
    }
    return m.group(1).strip();
  }

  /** A line config with line 1 = {@code username}, created in {@code tenant} over REST. */
  public void lineConfig(String id, String tenant, String username, String password) {
    json("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of("id", id,
        "parent_ids", java.util.List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", username, "password", password,
            "display_name", id, "registrar_ip", "pbx.example.com", "proxy_ip", "pbx.example.com"))))),
        tenant, 201);
  }

  /** A new provisioning code for a line config, issued over REST. */
  @SuppressWarnings("unchecked")
  public String code(String config, String tenant) {
    var doc = json("POST", "/0.2/code_mgr/codes", Map.of("code", Map.of("config", config)), tenant, 201);
    return (String) ((Map<String, Object>) doc.get("code")).get("code");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> device(String id) {
    return (Map<String, Object>) json("GET", "/0.2/dev_mgr/devices/" + id, null, null, 200).get("device");
  }

  @SuppressWarnings("unchecked")
  public String deviceIdByMac(String mac) {
    var doc = json("GET", "/0.2/dev_mgr/devices?recurse=true", null, null, 200);
    return ((java.util.List<Map<String, Object>>) doc.get("devices")).stream()
        .filter(d -> mac.equals(d.get("mac"))).map(d -> (String) d.get("id")).findFirst()
        .orElseThrow(() -> new AssertionError("no device with MAC " + mac));
  }

  @Override
  public void close() {
    server.close();
  }
}
