package io.autoprovd.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.code.AutoprovServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi/api.yml against the server as {@code Autoprovd} assembles it, every route group included
 * (plugins, DHCP, codes): the routes it registers and the operations the document has are the same
 * set, and the autoprovd extensions answer, through {@link ApiClient}, exactly what the document
 * says.
 */
class ApiDocumentTest {
  static final String A = AutoprovServer.TENANT_A;
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @TempDir static Path dataDir;
  static AutoprovServer autoprovd;
  static ApiClient api;

  @BeforeAll
  static void start() {
    // Resync goes nowhere: these tests are about the documents exchanged.
    autoprovd = AutoprovServer.start(dataDir, Map.of("sync.strategy", "none"));
    api = new ApiClient(autoprovd.server.restPort(), autoprovd.adminToken);
  }

  @AfterAll
  static void stop() {
    if (autoprovd != null) {
      autoprovd.close();
    }
  }

  // ---- routes and document: the same set ---------------------------------------------------

  @Test
  void everyRouteTheServerRegisters_isInTheDocument() throws Exception {
    List<Route> routes = routes();
    List<Operation> documented = documented();

    var missing = routes.stream().filter(r -> documented.stream().noneMatch(d -> d.covers(r)))
        .map(Route::toString).toList();

    // The full server, not the core alone: the extension groups are there to be checked.
    assertThat(routes).map(Route::toString).contains("POST /0.2/dev_mgr/claim", "GET /0.2/code_mgr/codes/{}",
        "GET /0.2/pg_mgr/discovery/sightings", "GET /0.2/dhcp/config", "POST /0.2/dev_mgr/dhcpinfo",
        "GET /0.2/api/api.yml");
    assertThat(missing).as("routes the server registers that openapi/api.yml lacks").isEmpty();
  }

  @Test
  void everyOperationOfTheDocument_isARouteOfTheServer() throws Exception {
    List<Route> routes = routes();

    var unserved = documented().stream().flatMap(Operation::expansions)
        .filter(e -> routes.stream().noneMatch(e::servedBy)).map(Expansion::toString).toList();

    assertThat(unserved).as("operations of openapi/api.yml no route serves").isEmpty();
  }

  @Test
  void theComparison_tellsPathsApart() {
    var devices = new Operation("GET", List.of(Seg.literal("0.2"), Seg.literal("dev_mgr"), Seg.literal("devices"), Seg.param(null)));
    var kinds = new Operation("GET", List.of(Seg.literal("0.2"), Seg.literal("pg_mgr"), Seg.literal("install"),
        Seg.param(Set.of("install", "update")), Seg.param(null)));

    assertThat(devices.covers(Route.of("GET", "/0.2/dev_mgr/devices/{id}"))).isTrue();
    assertThat(devices.covers(Route.of("PUT", "/0.2/dev_mgr/devices/{id}"))).isFalse();
    assertThat(devices.covers(Route.of("GET", "/0.2/dev_mgr/devices/x"))).isFalse();
    assertThat(devices.covers(Route.of("GET", "/0.2/dev_mgr/devices"))).isFalse();
    assertThat(kinds.covers(Route.of("GET", "/0.2/pg_mgr/install/update/{n}"))).isTrue();
    assertThat(kinds.covers(Route.of("GET", "/0.2/pg_mgr/install/upgrade/{n}"))).isFalse();
    assertThat(kinds.expansions().map(Expansion::toString))
        .containsExactlyInAnyOrder("GET /0.2/pg_mgr/install/install/{}", "GET /0.2/pg_mgr/install/update/{}");
    assertThat(kinds.expansions().filter(e -> e.servedBy(Route.of("GET", "/0.2/pg_mgr/install/install/{n}"))))
        .hasSize(1);
  }

  // ---- the extensions, validated against the document by ApiClient --------------------------

  @Test
  void codes_areIssuedListedReadAndRevoked() {
    autoprovd.lineConfig("doc-alice", A, "3001", "alice-secret");
    autoprovd.lineConfig("doc-bob", A, "3002", "bob-secret");
    autoprovd.lineConfig("doc-carol", A, "3003", "carol-secret");

    var issued = api.post("/0.2/code_mgr/codes", Map.of("code", Map.of("config", "doc-alice"))).tenant(A).send();
    String code = (String) issued.object("code").get("code");
    var chosen = api.post("/0.2/code_mgr/codes", Map.of("code", Map.of("config", "doc-bob", "code", "98765432")))
        .tenant(A).send();
    var taken = api.post("/0.2/code_mgr/codes", Map.of("code", Map.of("config", "doc-carol", "code", "98765432")))
        .tenant(A).send();
    var unknownConfig = api.post("/0.2/code_mgr/codes", Map.of("code", Map.of("config", "nope"))).tenant(A).send();
    var unknownField = api.post("/0.2/code_mgr/codes", Map.of("code", Map.of("config", "doc-carol", "x", 1)))
        .tenant(A).invalid().send();
    var listed = api.get("/0.2/code_mgr/codes?recurse=true").tenant(A).send();
    var read = api.get("/0.2/code_mgr/codes/" + code).tenant(A).send();
    var revoked = api.delete("/0.2/code_mgr/codes/" + code).tenant(A).send();
    var gone = api.get("/0.2/code_mgr/codes/" + code).tenant(A).send();
    var revokedAgain = api.delete("/0.2/code_mgr/codes/" + code).tenant(A).send();

    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.header("Location")).isEqualTo("/0.2/code_mgr/codes/" + code);
    assertThat(issued.object("code")).containsEntry("config", "doc-alice").containsEntry("tenant_uuid", A)
        .containsEntry("claimed_by", null);
    assertThat(chosen.status()).isEqualTo(201);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(unknownConfig.status()).isEqualTo(400);
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.list("codes")).extracting(c -> c.get("code")).contains(code, "98765432");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.object("code")).containsEntry("code", code);
    assertThat(revoked.status()).isEqualTo(204);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(revokedAgain.status()).isEqualTo(404);
  }

  @Test
  void aDeviceClaimsACode_isResetToAutoprov_andTheRefusalsAreDocumented() {
    autoprovd.lineConfig("doc-dave", A, "3004", "dave-secret");
    String code = autoprovd.code("doc-dave", A);
    String device = discovered("00:15:65:dc:00:01");
    autoprovd.json("POST", "/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "doc-handmade", "config",
        "doc-dave", "mac", "00:15:65:dc:00:09")), null, 201);

    var claimed = api.post("/0.2/dev_mgr/claim", Map.of("id", device, "code", code)).send();
    var again = api.post("/0.2/dev_mgr/claim", Map.of("id", device, "code", code)).send();
    var notInAutoprov = api.post("/0.2/dev_mgr/claim", Map.of("id", "doc-handmade", "code", code)).send();
    var ghost = api.post("/0.2/dev_mgr/claim", Map.of("id", "doc-ghost", "code", code)).send();
    var badBody = api.post("/0.2/dev_mgr/claim", Map.of("id", 1, "extra", true)).invalid().send();
    var reset = api.post("/0.2/dev_mgr/reset_autoprov", Map.of("id", device)).send();
    var resetGhost = api.post("/0.2/dev_mgr/reset_autoprov", Map.of("id", "doc-ghost")).send();
    var resetBadBody = api.post("/0.2/dev_mgr/reset_autoprov", Map.of()).invalid().send();

    assertThat(claimed.status()).isEqualTo(200);
    assertThat(claimed.object("claim")).containsEntry("device", device).containsEntry("code", code)
        .containsEntry("line", 1).containsEntry("tenant_uuid", A).containsEntry("tenant_moved", true)
        .containsEntry("repeated", false);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.object("claim")).containsEntry("repeated", true);
    assertThat(notInAutoprov.status()).isEqualTo(409);
    assertThat(ghost.status()).isEqualTo(404);
    assertThat(badBody.status()).isEqualTo(400);
    assertThat(badBody.json().get("errors")).asList().contains("extra: unknown field", "id: required, a device id");
    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.object("reset")).containsEntry("device", device).containsEntry("tenant_uuid", A)
        .containsEntry("released_codes", List.of(code));
    assertThat(resetGhost.status()).isEqualTo(404);
    assertThat(resetBadBody.status()).isEqualTo(400);
  }

  @Test
  void wrongCodes_endIn429WithRetryAfter() {
    String device = discovered("00:15:65:dc:00:02");
    var wrong = new ArrayList<Integer>();
    ApiClient.Reply limited = null;
    for (int i = 0; i < 20 && limited == null; i++) {
      var reply = api.post("/0.2/dev_mgr/claim", Map.of("id", device, "code", "1111000" + i)).send();
      if (reply.status() == 429) {
        limited = reply;
      } else {
        wrong.add(reply.status());
      }
    }

    assertThat(wrong).isNotEmpty().containsOnly(404);
    assertThat(limited).isNotNull();
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
  }

  @Test
  void discovery_showsUnclaimedRequestsByDevice_andIsCleared() throws Exception {
    // A phone no pack claims asks for its file.
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + autoprovd.server.httpPort()
        + "/cfg/0004f2aabbdd.cfg")).header("User-Agent", "Foophone FP-1 1.2.3").build();
    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());

    var devices = api.get("/0.2/pg_mgr/discovery").send();
    var sightings = api.get("/0.2/pg_mgr/discovery/sightings").send();
    var cleared = api.delete("/0.2/pg_mgr/discovery").send();
    var after = api.get("/0.2/pg_mgr/discovery/sightings").send();

    assertThat(devices.status()).isEqualTo(200);
    assertThat(devices.list("devices")).anySatisfy(d -> assertThat(d).containsEntry("mac", "00:04:f2:aa:bb:dd")
        .containsEntry("user_agents", List.of("Foophone FP-1 1.2.3")).containsEntry("transports", List.of("http")));
    assertThat(sightings.status()).isEqualTo(200);
    assertThat(sightings.list("sightings")).anySatisfy(s -> assertThat(s)
        .containsEntry("path", "/cfg/0004f2aabbdd.cfg").containsEntry("transport", "http"));
    assertThat(cleared.status()).isEqualTo(204);
    assertThat(after.list("sightings")).isEmpty();
  }

  @Test
  void dhcpConfig_isTextForIsc_jsonForKea_and400NamingEveryProblem() {
    var isc = api.get("/0.2/dhcp/config?format=isc&device=00:15:65:aa:bb:01").send();
    var kea = api.get("/0.2/dhcp/config?format=kea&subnet=10.0.0.0/24&range=10.0.0.10-10.0.0.20&router=10.0.0.1"
        + "&interface=eth0&interface=eth1&lease_file=/var/lib/kea/leases.csv").send();
    var bad = api.get("/0.2/dhcp/config?format=bind&device=zz").invalid().send();
    var badButWellFormed = api.get("/0.2/dhcp/config?format=isc&device=zz").send();

    assertThat(isc.status()).isEqualTo(200);
    assertThat(isc.header("Content-Type")).startsWith("text/plain");
    assertThat(isc.body()).contains("host autoprovd-001565aabb01 {");
    assertThat(kea.status()).isEqualTo(200);
    assertThat(kea.header("Content-Type")).startsWith("application/json");
    assertThat(kea.json()).containsKey("Dhcp4");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors")).isEqualTo(List.of("format: isc or kea, not 'bind'",
        "device: not a MAC address: 'zz'"));
    assertThat(badButWellFormed.status()).isEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void pluginInfo_ofEveryInstalledPack_hasItsModelsWithTheirFeatures() {
    var plugins = api.get("/0.2/pg_mgr/plugins").send().object("plugins");

    assertThat(plugins).isNotEmpty();
    for (String id : plugins.keySet()) {
      var info = api.get("/0.2/pg_mgr/plugins/" + id + "/info").send();
      assertThat(info.status()).isEqualTo(200);
      var models = (Map<String, Map<String, Object>>) info.object("plugin_info").get("models");
      assertThat(models).as(id).isNotEmpty();
      assertThat(models.values()).as(id).allSatisfy(m -> assertThat(m).containsKeys("lines", "function_keys", "features"));
    }
    assertThat(api.get("/0.2/pg_mgr/plugins/nope/info").send().status()).isEqualTo(404);
  }

  /** A Yealink found on the network: it fetched its file once, and is in autoprov. */
  private static String discovered(String mac) {
    String hex = mac.replace(":", "");
    autoprovd.fetch("/" + hex + ".cfg", "Yealink SIP-T46S 66.86.0.15 " + mac);
    return autoprovd.deviceIdByMac(mac);
  }

  // ---- what the server registers, what the document has --------------------------------------

  /** The server's routes, from the RestServer Autoprovd started (it has no accessor for it). */
  private static List<Route> routes() throws ReflectiveOperationException {
    var field = Autoprovd.class.getDeclaredField("rest");
    field.setAccessible(true);
    var rest = (RestServer) field.get(autoprovd.server);
    return rest.routes().stream().map(r -> r.split(" ", 2)).map(r -> Route.of(r[0], r[1])).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Operation> documented() throws IOException {
    Map<String, Object> document;
    try (InputStream in = ApiDocumentTest.class.getResourceAsStream("/openapi/api.yml")) {
      document = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
    }
    var components = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("parameters");
    String base = (String) ((List<Map<String, Object>>) document.get("servers")).getFirst().get("url");
    assertThat(base).isEqualTo("/0.2");
    var operations = new ArrayList<Operation>();
    ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> {
      var shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
      item.forEach((key, value) -> {
        if (!METHODS.contains(key)) {
          return;
        }
        var parameters = new ArrayList<Map<String, Object>>();
        Stream.concat(shared.stream(),
            ((List<Map<String, Object>>) ((Map<String, Object>) value).getOrDefault("parameters", List.of())).stream())
            .map(p -> p.get("$ref") instanceof String ref
                ? (Map<String, Object>) components.get(ref.substring(ref.lastIndexOf('/') + 1)) : p)
            .forEach(parameters::add);
        var segments = new ArrayList<Seg>();
        for (String segment : segments(base + path)) {
          if (segment.startsWith("{")) {
            String name = segment.substring(1, segment.length() - 1);
            var parameter = parameters.stream().filter(p -> "path".equals(p.get("in")) && name.equals(p.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(path + ": path parameter " + name + " undeclared"));
            var values = (List<String>) ((Map<String, Object>) parameter.getOrDefault("schema", Map.of())).get("enum");
            segments.add(Seg.param(values == null ? null : Set.copyOf(values)));
          } else {
            segments.add(Seg.literal(segment));
          }
        }
        operations.add(new Operation(key.toUpperCase(java.util.Locale.ROOT), segments));
      });
    });
    return operations;
  }

  private static List<String> segments(String path) {
    return Stream.of(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  /** A path segment of the document: a literal, or a parameter (with the values its enum allows, else null). */
  record Seg(String literal, Set<String> values) {
    static Seg literal(String text) {
      return new Seg(text, null);
    }

    static Seg param(Set<String> values) {
      return new Seg(null, values);
    }

    boolean isParam() {
      return literal == null;
    }
  }

  /** A route as the server registers it: path parameters (any name) are null segments. */
  record Route(String method, List<String> segments) {
    static Route of(String method, String path) {
      return new Route(method, ApiDocumentTest.segments(path).stream()
          .map(s -> s.startsWith("{") || s.startsWith("<") ? null : s).toList());
    }

    @Override
    public String toString() {
      var path = new StringBuilder();
      segments.forEach(s -> path.append('/').append(s == null ? "{}" : s));
      return method + " " + (path.isEmpty() ? "/" : path);
    }
  }

  /** One operation of the document. */
  record Operation(String method, List<Seg> segments) {
    /** The route serves this operation: same method, literals equal, parameters where it has them. */
    boolean covers(Route route) {
      if (!method.equals(route.method()) || segments.size() != route.segments().size()) {
        return false;
      }
      for (int i = 0; i < segments.size(); i++) {
        Seg seg = segments.get(i);
        String actual = route.segments().get(i);
        boolean matches = seg.isParam()
            ? actual == null || (seg.values() != null && seg.values().contains(actual))
            : seg.literal().equals(actual);
        if (!matches) {
          return false;
        }
      }
      return true;
    }

    /** Each concrete operation: a parameter with an enum stands for each of its values. */
    Stream<Expansion> expansions() {
      List<List<String>> paths = List.of(List.of());
      var enumerated = new LinkedHashSet<Integer>();
      for (int i = 0; i < segments.size(); i++) {
        Seg seg = segments.get(i);
        List<String> choices = seg.isParam()
            ? (seg.values() == null ? java.util.Collections.singletonList(null) : seg.values().stream().sorted().toList())
            : List.of(seg.literal());
        if (seg.isParam() && seg.values() != null) {
          enumerated.add(i);
        }
        var next = new ArrayList<List<String>>();
        for (List<String> prefix : paths) {
          for (String choice : choices) {
            var path = new ArrayList<>(prefix);
            path.add(choice);
            next.add(path);
          }
        }
        paths = next;
      }
      return paths.stream().map(p -> new Expansion(new Route(method, p), Set.copyOf(enumerated)));
    }
  }

  /** A concrete operation; at the {@code enumerated} positions a route may have a parameter instead. */
  record Expansion(Route route, Set<Integer> enumerated) {
    boolean servedBy(Route actual) {
      if (!route.method().equals(actual.method()) || route.segments().size() != actual.segments().size()) {
        return false;
      }
      for (int i = 0; i < route.segments().size(); i++) {
        String wanted = route.segments().get(i);
        String got = actual.segments().get(i);
        boolean matches = wanted == null ? got == null
            : wanted.equals(got) || (got == null && enumerated.contains(i));
        if (!matches) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return route.toString();
    }
  }
}
