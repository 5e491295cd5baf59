package io.autoprovd.server.rest;

import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.server.app.ConfigAdmin;
import io.autoprovd.server.app.DeviceAdmin;
import io.autoprovd.server.app.DeviceLines;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.server.app.Outcome;
import io.autoprovd.server.app.Parameters;
import io.autoprovd.server.auth.Authenticator;
import io.autoprovd.server.auth.Principal;
import io.autoprovd.server.operation.Operations;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.store.Health;
import io.autoprovd.store.TenantStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrative REST API on its own port: wazo-provd 0.2's resource tree and documents
 * (provd-rest-api.md), described by the OpenAPI document served at {@code /0.2/api/api.yml}.
 *
 * <h2>What every request goes through</h2>
 * <pre>
 *   OPTIONS any path, GET /0.2/api/api.yml  → answered at once, no token (CORS preflight, the document)
 *   a path no route matches                 → 404 before any authentication; a known path with
 *                                             another method → 405
 *   1. X-Auth-Token → {@link Authenticator} → 401 "Unauthorized" when missing or refused
 *   2. Wazo-Tenant: the token's tenant or one of its descendants, else 401; absent: the token's tenant
 *   3. the route's ACL ({@link AclTable}: provd.dev_mgr.devices.&lt;id&gt;.read, …), else 401
 *   4. the handler: Accept (406), Content-Type (415), body size (413), JSON (400), then its work
 * </pre>
 * Errors are JSON {@code {"message": "...", "errors": ["device.mac: not a MAC address", …]}} with
 * the status of the mistake; a failure of the server itself is a 500 without detail, logged once.
 * Every response carries the reference's CORS headers.
 *
 * <h2>Adding endpoints: {@link Routes}</h2>
 * A feature registers its endpoints as a {@link Routes} group (DHCP lease reports, plugin
 * installation). Its routes under {@code /0.2} are authenticated like the core ones before its
 * handler runs, with the ACL {@link AclTable} derives from the path and method unless the group
 * names others in {@link Routes#acls()}. In the handler, {@link RestContext#of(Context)} gives the
 * principal, the request tenant and its subtree, the body ({@link RestContext#body()}, {@link
 * RestContext#envelope}) and the answers ({@link RestContext#ok}, {@link RestContext#created},
 * {@link RestContext#noContent}); a client mistake is thrown as a {@link RestError}.
 *
 * <p>Thread-safe; one virtual thread per request.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  static final String API_DOCUMENT = "/0.2/api/api.yml";
  private static final Duration OPERATION_RETENTION = Duration.ofMinutes(10);
  private static final Duration TENANT_TREE_AGE = Duration.ofSeconds(5);

  private final Javalin app;
  private final Operations syncs;

  private RestServer(Javalin app, Operations syncs) {
    this.app = app;
    this.syncs = syncs;
  }

  /**
   * What the core endpoints work on.
   *
   * @param sync runs {@code POST /dev_mgr/synchronize}; {@link DeviceSync#NONE} until a strategy exists
   * @param health the store's health, for {@code /status}
   */
  public record Services(
      DeviceStore devices,
      ConfigStore configs,
      DeviceAdmin deviceAdmin,
      ConfigAdmin configAdmin,
      Supplier<Map<String, Object>> baseRawConfig,
      TenantStore tenants,
      Parameters parameters,
      PluginCatalog catalog,
      DeviceSync sync,
      Supplier<Health> health,
      InstantSource clock) {}

  /**
   * A group of endpoints registered beside the core ones (DHCP lease reports, plugins, …), so a
   * feature adds its routes in its own class instead of growing this one. See the class comment
   * for what its routes get.
   */
  @FunctionalInterface
  public interface Routes {
    void register(io.javalin.config.RoutesConfig routes);

    /**
     * ACLs for routes whose name does not follow the path ({@code "POST /0.2/x/{id}/y"} → {@code
     * "provd.x.{id}.y.create"}; {@code {tenant_uuid}} and path parameters are filled in).
     */
    default Map<String, String> acls() {
      return Map.of();
    }
  }

  public static RestServer start(ServerSettings.Listener listener, Services s, Authenticator authenticator,
      List<Routes> extra) {
    var overrides = new LinkedHashMap<String, String>();
    extra.forEach(group -> overrides.putAll(group.acls()));
    var acls = new AclTable(overrides);
    var tree = new TenantTree(s.tenants(), s.clock(), TENANT_TREE_AGE);
    var syncs = new Operations("synchronize", OPERATION_RETENTION, s.clock());
    byte[] apiDocument = apiDocument();
    Javalin app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jetty.host = listener.bind();
      config.jetty.port = listener.port();
      // RestContext reads bodies itself with the same bound, answering 413 with a JSON body.
      config.http.maxRequestSize = RestContext.MAX_BODY;
      config.http.prefer405over404 = true;
      config.startup.showJavalinBanner = false;
      var r = config.routes;
      r.before(ctx -> {
        cors(ctx);
        if (ctx.method() == HandlerType.OPTIONS) {
          // CORS preflight: any path, at once, no token (provd-rest-api.md §1). Not a route: a
          // wildcard OPTIONS route would turn every unknown path into a 405.
          ctx.status(200).skipRemainingHandlers();
        }
      });
      r.beforeMatched(ctx -> authenticate(ctx, authenticator, tree, acls));
      r.get(API_DOCUMENT, ctx -> ctx.status(200).contentType("application/yaml").result(apiDocument));

      new ServerRoutes(s).register(r);
      var deviceLines = new DeviceLines(s.devices(), s.configs(), s.configAdmin());
      new DeviceRoutes(s, syncs).register(r);
      new DeviceLineRoutes(deviceLines).register(r);
      new ConfigRoutes(s, deviceLines).register(r);
      extra.forEach(group -> group.register(r));

      r.exception(RestError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.errors()));
      r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), List.of()));
      r.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {}: internal error", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error", List.of());
      });
      r.error(404, ctx -> {
        if (ctx.result() == null) {
          error(ctx, 404, "No such resource: " + ctx.path(), List.of());
        }
      });
      r.error(405, ctx -> {
        if (ctx.result() == null) {
          error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path(), List.of());
        }
      });
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      syncs.close();
      throw new IllegalStateException("cannot start the REST listener on " + listener.bind() + ":"
          + listener.port() + ": " + e.getMessage(), e);
    }
    return new RestServer(app, syncs);
  }

  public int port() {
    return app.port();
  }

  /** The HTTP routes registered, as {@code "METHOD /path"} (ApiDocumentTest holds them to api.yml). */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).toList();
  }

  @Override
  public void close() {
    app.stop();
    syncs.close();
  }

  /** Steps 1 to 3 of the class comment; leaves a {@link RestContext} for the handler. */
  private static void authenticate(Context ctx, Authenticator authenticator, TenantTree tree, AclTable acls) {
    if (ctx.method() == HandlerType.OPTIONS || ctx.path().equals(API_DOCUMENT)) {
      return;
    }
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null || !(endpoint.path.equals("/0.2") || endpoint.path.startsWith("/0.2/"))) {
      return;
    }
    String token = ctx.header("X-Auth-Token");
    if (token == null || token.isBlank()) {
      throw refused(ctx, "no X-Auth-Token");
    }
    Optional<Principal> principal = authenticator.authenticate(token.strip());
    if (principal.isEmpty()) {
      throw refused(ctx, "token refused");
    }
    Principal p = principal.get();
    String tenant = p.tenantUuid();
    String header = ctx.header("Wazo-Tenant");
    if (header != null && !header.isBlank()) {
      if (!tree.contains(p.tenantUuid(), header.strip())) {
        throw refused(ctx, p.subject() + " may not act for tenant " + header.strip());
      }
      tenant = header.strip();
    }
    String acl = acls.required(ctx.method().name(), endpoint.path, ctx.pathParamMap(), tenant);
    if (!p.allows(acl)) {
      throw refused(ctx, p.subject() + " lacks ACL " + acl);
    }
    ctx.attribute(RestContext.ATTRIBUTE, new RestContext(ctx, p, tenant, tree));
  }

  private static RestError refused(Context ctx, String why) {
    LOG.info("{} {}: 401 {}", ctx.method(), ctx.path(), why);
    return RestError.unauthorized();
  }

  /** provd-rest-api.md §1: every response, errors included. */
  private static void cors(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    ctx.header("Access-Control-Allow-Headers", "Origin, X-Requested-With, Accept, Content-Type, X-Auth-Token, Wazo-Tenant");
    ctx.header("Access-Control-Allow-Credentials", "false");
    ctx.header("Access-Control-Expose-Headers", "Location");
  }

  /** The value of a successful outcome; a failure is thrown as its status. */
  static <T> T done(Outcome<T> outcome) {
    return switch (outcome) {
      case Outcome.Done<T> d -> d.value();
      case Outcome.Invalid<T> i -> throw RestError.invalid(i.problems());
      case Outcome.Missing<T> m -> throw RestError.notFound(m.what() + " does not exist");
      case Outcome.Conflict<T> c -> throw new RestError(409, c.why());
      case Outcome.Forbidden<T> f -> throw new RestError(403, f.why());
    };
  }

  /** Hypermedia links: {@code {"links": [{"rel": …, "href": base/child}, …]}} in the given order. */
  static void links(Context ctx, String base, Map<String, String> relToChild) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var links = new ArrayList<Map<String, String>>();
    new java.util.TreeMap<>(relToChild).forEach((rel, child) -> links.add(Map.of("rel", rel, "href", base + "/" + child)));
    rest.ok(Map.of("links", links));
  }

  static void operationStatus(Context ctx, Operations operations) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var operation = number(ctx).flatMap(operations::find)
        .orElseThrow(() -> RestError.notFound("operation " + ctx.pathParam("n") + " does not exist"));
    rest.ok(Map.of("status", operation.format()));
  }

  static void operationDelete(Context ctx, Operations operations) {
    var rest = RestContext.of(ctx);
    if (!number(ctx).map(operations::delete).orElse(false)) {
      throw RestError.notFound("operation " + ctx.pathParam("n") + " does not exist");
    }
    rest.noContent();
  }

  private static Optional<Long> number(Context ctx) {
    try {
      return Optional.of(Long.parseLong(ctx.pathParam("n")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void error(Context ctx, int status, String message, List<String> errors) {
    if (status >= 400 && status < 500 && status != 401) {
      LOG.info("{} {}: {} {}", ctx.method(), ctx.path(), status, message);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("message", message);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    cors(ctx);
    ctx.status(status).contentType("application/json").result(Documents.toJson(body));
  }

  private static byte[] apiDocument() {
    try (InputStream in = RestServer.class.getResourceAsStream("/openapi/api.yml")) {
      if (in == null) {
        throw new IllegalStateException("openapi/api.yml is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
