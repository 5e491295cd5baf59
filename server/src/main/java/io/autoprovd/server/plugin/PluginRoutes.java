package io.autoprovd.server.plugin;

import io.autoprovd.core.document.Documents;
import io.autoprovd.server.app.Outcome;
import io.autoprovd.server.operation.Operation;
import io.autoprovd.server.rest.RestContext;
import io.autoprovd.server.rest.RestError;
import io.autoprovd.server.rest.RestServer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin manager's endpoints (provd-rest-api.md §8.4–8.5, OIP §7), and autoprovd's discovery
 * log. Operations answer 201 with {@code Location: /0.2/pg_mgr/…/<n>} and no body; their monitors
 * answer {@code {"status": "install|progress(download|progress;13818/54000)"}}. Authentication,
 * tenants and the ACLs (named from the path as the reference names them: {@code
 * provd.pg_mgr.install.install.create}, {@code provd.operation.read}, {@code
 * provd.pg_mgr.discovery.read}…) are the REST server's, before these handlers run.
 *
 * <pre>
 *   GET    /0.2/pg_mgr/install                                links
 *   POST   /0.2/pg_mgr/install/{install,upgrade} {"id"}       201 + Location (OIP "install")
 *   POST   /0.2/pg_mgr/install/update {}                      201 + Location (OIP "update")
 *   POST   /0.2/pg_mgr/install/uninstall {"id"}               204
 *   GET    /0.2/pg_mgr/install/{installed,installable}        {"pkgs": {…}}
 *   GET|DELETE /0.2/pg_mgr/install/{install,upgrade,update}/{n}
 *   GET    /0.2/pg_mgr/plugins/{id}/info                      {"plugin_info": {…, "models": {…features}}}
 *   GET    /0.2/pg_mgr/plugins/{id}/install                   links
 *   POST   /0.2/pg_mgr/plugins/{id}/install/install {"id"}    201 + Location (OIP "install_pkg")
 *   POST   /0.2/pg_mgr/plugins/{id}/install/uninstall {"id"}  204
 *   GET    /0.2/pg_mgr/plugins/{id}/install/{installed,installable}
 *   GET|DELETE /0.2/pg_mgr/plugins/{id}/install/install/{n}
 *   GET    /0.2/pg_mgr/discovery                              {"devices": [...]}  (autoprovd)
 *   GET    /0.2/pg_mgr/discovery/sightings                    {"sightings": [...]} (autoprovd)
 *   DELETE /0.2/pg_mgr/discovery                              204 (autoprovd)
 * </pre>
 */
public final class PluginRoutes implements RestServer.Routes {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRoutes.class);
  private static final String BASE = "/0.2/pg_mgr";

  private final PluginAdmin admin;
  private final DiscoveryLog discovery;

  public PluginRoutes(PluginAdmin admin, DiscoveryLog discovery) {
    this.admin = admin;
    this.discovery = discovery;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get(BASE + "/install", ctx -> links(ctx, List.of("install", "uninstall", "installed", "installable", "upgrade",
        "update")));
    r.post(BASE + "/install/install", ctx -> started(ctx, admin.install(id(ctx))));
    r.post(BASE + "/install/upgrade", ctx -> started(ctx, admin.upgrade(id(ctx))));
    r.post(BASE + "/install/update", ctx -> {
      RestContext.of(ctx).body();
      switch (admin.update()) {
        // provd compat: a second update, or no plugin server, is a 500 in the reference.
        case Outcome.Conflict<Long> c -> serverError(ctx, c.why());
        case Outcome<Long> other -> started(ctx, other);
      }
    });
    r.post(BASE + "/install/uninstall", ctx -> noContent(ctx, admin.uninstall(id(ctx))));
    r.get(BASE + "/install/installed", ctx -> ok(ctx, Map.of("pkgs", admin.installed())));
    r.get(BASE + "/install/installable", ctx -> {
      switch (admin.installable()) {
        // provd compat: no index downloaded yet is a 500 in the reference.
        case Outcome.Conflict<Map<String, Object>> c -> serverError(ctx, c.why());
        case Outcome<Map<String, Object>> other -> ok(ctx, Map.of("pkgs", done(other)));
      }
    });
    for (PluginAdmin.Kind kind : PluginAdmin.Kind.values()) {
      String path = BASE + "/install/" + kind.name().toLowerCase(Locale.ROOT) + "/{n}";
      r.get(path, ctx -> status(ctx, number(ctx).flatMap(n -> admin.operation(kind, n))));
      r.delete(path, ctx -> deleted(ctx, number(ctx).map(n -> admin.deleteOperation(kind, n)).orElse(false)));
    }

    r.get(BASE + "/plugins/{id}/info", ctx -> ok(ctx, Map.of("plugin_info", admin.info(ctx.pathParam("id"))
        .orElseThrow(() -> notInstalled(ctx)))));
    // provd-rest-api.md §8.5: no upgrade link for packages.
    r.get(BASE + "/plugins/{id}/install", ctx -> {
      admin.info(ctx.pathParam("id")).orElseThrow(() -> notInstalled(ctx));
      links(ctx, List.of("install", "uninstall", "installed", "installable"));
    });
    r.post(BASE + "/plugins/{id}/install/install", ctx ->
        started(ctx, admin.installPackage(ctx.pathParam("id"), id(ctx))));
    r.post(BASE + "/plugins/{id}/install/uninstall", ctx ->
        noContent(ctx, admin.uninstallPackage(ctx.pathParam("id"), id(ctx))));
    r.get(BASE + "/plugins/{id}/install/installed", ctx ->
        ok(ctx, Map.of("pkgs", done(admin.installedPackages(ctx.pathParam("id"))))));
    r.get(BASE + "/plugins/{id}/install/installable", ctx ->
        ok(ctx, Map.of("pkgs", done(admin.installablePackages(ctx.pathParam("id"))))));
    r.get(BASE + "/plugins/{id}/install/install/{n}", ctx ->
        status(ctx, number(ctx).flatMap(n -> admin.packageOperation(ctx.pathParam("id"), n))));
    r.delete(BASE + "/plugins/{id}/install/install/{n}", ctx -> deleted(ctx,
        number(ctx).map(n -> admin.deletePackageOperation(ctx.pathParam("id"), n)).orElse(false)));

    r.get(BASE + "/discovery", ctx -> ok(ctx, Map.of("devices",
        discovery.byDevice().stream().map(DiscoveryLog.Device::toJson).toList())));
    r.get(BASE + "/discovery/sightings", ctx -> ok(ctx, Map.of("sightings",
        discovery.sightings().stream().map(DiscoveryLog.Sighting::toJson).toList())));
    r.delete(BASE + "/discovery", ctx -> {
      discovery.clear();
      RestContext.of(ctx).noContent();
    });
  }

  private static RestError notInstalled(Context ctx) {
    return RestError.notFound("plugin " + ctx.pathParam("id") + " is not installed");
  }

  private static void ok(Context ctx, Object document) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    rest.ok(document);
  }

  private static void status(Context ctx, Optional<Operation> operation) {
    ok(ctx, Map.of("status", operation.orElseThrow(
        () -> RestError.notFound("operation " + ctx.pathParam("n") + " does not exist")).format()));
  }

  private static void deleted(Context ctx, boolean existed) {
    if (!existed) {
      throw RestError.notFound("operation " + ctx.pathParam("n") + " does not exist");
    }
    RestContext.of(ctx).noContent();
  }

  private static Optional<Long> number(Context ctx) {
    try {
      return Optional.of(Long.parseLong(ctx.pathParam("n")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Hypermedia links to the children of the request path, in the reference's order. */
  private static void links(Context ctx, List<String> children) {
    String path = ctx.path().endsWith("/") ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
    ok(ctx, Map.of("links", children.stream()
        .map(child -> Map.of("rel", "srv.install." + child, "href", path + "/" + child)).toList()));
  }

  /** 201 with {@code Location: <request path>/<n>} and an empty body (provd-rest-api.md §3). */
  private static void started(Context ctx, Outcome<Long> outcome) {
    RestContext.of(ctx).created(ctx.path() + "/" + done(outcome), null);
  }

  private static <T> void noContent(Context ctx, Outcome<T> outcome) {
    done(outcome);
    RestContext.of(ctx).noContent();
  }

  private static <T> T done(Outcome<T> outcome) {
    return switch (outcome) {
      case Outcome.Done<T> d -> d.value();
      case Outcome.Invalid<T> i -> throw RestError.invalid(i.problems());
      case Outcome.Missing<T> m -> throw RestError.notFound(m.what() + " does not exist");
      case Outcome.Conflict<T> c -> throw new RestError(409, c.why());
      case Outcome.Forbidden<T> f -> throw new RestError(403, f.why());
    };
  }

  /** The body's {@code "id"}, a string: the reference's {@code Missing "id" key} otherwise. */
  private static String id(Context ctx) {
    if (RestContext.of(ctx).body().get("id") instanceof String s && !s.isBlank()) {
      return s;
    }
    throw RestError.invalid(List.of("Missing \"id\" key"));
  }

  /**
   * A 500 the reference answers on purpose (an update already running, no index yet): the same
   * JSON error body as the client mistakes, not an internal failure.
   */
  private static void serverError(Context ctx, String message) {
    LOG.warn("{} {}: 500 {}", ctx.method(), ctx.path(), message);
    var body = new LinkedHashMap<String, Object>();
    body.put("message", message);
    body.put("errors", List.of());
    ctx.status(500).contentType("application/json").result(Documents.toJson(body));
  }
}
