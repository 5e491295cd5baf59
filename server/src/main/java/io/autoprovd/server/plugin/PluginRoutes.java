package io.autoprovd.server.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.autoprovd.core.document.Documents;
import io.autoprovd.server.app.Outcome;
import io.autoprovd.server.operation.Operation;
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
 * answer {@code {"status": "install|progress(download|progress;13818/54000)"}}.
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
  static final String MEDIA_TYPE = "application/vnd.proformatique.provd+json";
  private static final String BASE = "/0.2/pg_mgr";
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final PluginAdmin admin;
  private final DiscoveryLog discovery;

  public PluginRoutes(PluginAdmin admin, DiscoveryLog discovery) {
    this.admin = admin;
    this.discovery = discovery;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get(BASE + "/install", ctx -> links(ctx, "srv.install.",
        List.of("install", "uninstall", "installed", "installable", "upgrade", "update")));
    r.post(BASE + "/install/install", ctx -> id(ctx).ifPresent(id -> started(ctx, admin.install(id))));
    r.post(BASE + "/install/upgrade", ctx -> id(ctx).ifPresent(id -> started(ctx, admin.upgrade(id))));
    r.post(BASE + "/install/update", ctx -> body(ctx).ifPresent(b -> {
      switch (admin.update()) {
        // provd compat: a second update, or no plugin server, is a 500 in the reference.
        case Outcome.Conflict<Long> c -> error(ctx, 500, c.why());
        case Outcome<Long> other -> started(ctx, other);
      }
    }));
    r.post(BASE + "/install/uninstall", ctx -> id(ctx).ifPresent(id -> noContent(ctx, admin.uninstall(id))));
    r.get(BASE + "/install/installed", ctx -> ok(ctx, Map.of("pkgs", admin.installed())));
    r.get(BASE + "/install/installable", ctx -> {
      switch (admin.installable()) {
        case Outcome.Done<Map<String, Object>> d -> ok(ctx, Map.of("pkgs", d.value()));
        case Outcome.Conflict<Map<String, Object>> c -> error(ctx, 500, c.why());
        case Outcome<Map<String, Object>> other -> failure(ctx, other);
      }
    });
    for (PluginAdmin.Kind kind : PluginAdmin.Kind.values()) {
      String path = BASE + "/install/" + kind.name().toLowerCase(Locale.ROOT) + "/{n}";
      r.get(path, ctx -> number(ctx).ifPresentOrElse(
          n -> status(ctx, admin.operation(kind, n)), () -> error(ctx, 404, "no such operation")));
      r.delete(path, ctx -> deleted(ctx, number(ctx).map(n -> admin.deleteOperation(kind, n)).orElse(false)));
    }

    r.get(BASE + "/plugins/{id}/info", ctx -> admin.info(ctx.pathParam("id")).ifPresentOrElse(
        info -> ok(ctx, Map.of("plugin_info", info)),
        () -> error(ctx, 404, "plugin " + ctx.pathParam("id") + " is not installed")));
    // provd-rest-api.md §8.5: no upgrade link for packages.
    r.get(BASE + "/plugins/{id}/install", ctx -> {
      if (admin.info(ctx.pathParam("id")).isEmpty()) {
        error(ctx, 404, "plugin " + ctx.pathParam("id") + " is not installed");
      } else {
        links(ctx, "srv.install.", List.of("install", "uninstall", "installed", "installable"));
      }
    });
    r.post(BASE + "/plugins/{id}/install/install", ctx -> id(ctx).ifPresent(pkg ->
        started(ctx, admin.installPackage(ctx.pathParam("id"), pkg))));
    r.post(BASE + "/plugins/{id}/install/uninstall", ctx -> id(ctx).ifPresent(pkg ->
        noContent(ctx, admin.uninstallPackage(ctx.pathParam("id"), pkg))));
    r.get(BASE + "/plugins/{id}/install/installed", ctx -> read(ctx, admin.installedPackages(ctx.pathParam("id"))));
    r.get(BASE + "/plugins/{id}/install/installable", ctx -> read(ctx, admin.installablePackages(ctx.pathParam("id"))));
    r.get(BASE + "/plugins/{id}/install/install/{n}", ctx -> number(ctx).ifPresentOrElse(
        n -> status(ctx, admin.packageOperation(ctx.pathParam("id"), n)), () -> error(ctx, 404, "no such operation")));
    r.delete(BASE + "/plugins/{id}/install/install/{n}", ctx -> deleted(ctx,
        number(ctx).map(n -> admin.deletePackageOperation(ctx.pathParam("id"), n)).orElse(false)));

    r.get(BASE + "/discovery", ctx -> ok(ctx, Map.of("devices",
        discovery.byDevice().stream().map(DiscoveryLog.Device::toJson).toList())));
    r.get(BASE + "/discovery/sightings", ctx -> ok(ctx, Map.of("sightings",
        discovery.sightings().stream().map(DiscoveryLog.Sighting::toJson).toList())));
    r.delete(BASE + "/discovery", ctx -> {
      discovery.clear();
      ctx.status(204);
    });
  }

  private static void status(Context ctx, Optional<Operation> operation) {
    operation.ifPresentOrElse(op -> ok(ctx, Map.of("status", op.format())),
        () -> error(ctx, 404, "no such operation"));
  }

  private static void deleted(Context ctx, boolean existed) {
    if (existed) {
      ctx.status(204);
    } else {
      error(ctx, 404, "no such operation");
    }
  }

  private static Optional<Long> number(Context ctx) {
    try {
      return Optional.of(Long.parseLong(ctx.pathParam("n")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void links(Context ctx, String relPrefix, List<String> children) {
    String path = ctx.path().endsWith("/") ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
    ok(ctx, Map.of("links", children.stream()
        .map(child -> Map.of("rel", relPrefix + child, "href", path + "/" + child)).toList()));
  }

  private static void read(Context ctx, Outcome<Map<String, Object>> outcome) {
    if (outcome instanceof Outcome.Done<Map<String, Object>> d) {
      ok(ctx, Map.of("pkgs", d.value()));
    } else {
      failure(ctx, outcome);
    }
  }

  /** 201 with {@code Location: <request path>/<n>} and an empty body (provd-rest-api.md §3). */
  private static void started(Context ctx, Outcome<Long> outcome) {
    if (outcome instanceof Outcome.Done<Long> done) {
      ctx.status(201).header("Location", ctx.path() + "/" + done.value());
    } else {
      failure(ctx, outcome);
    }
  }

  private static <T> void noContent(Context ctx, Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T>) {
      ctx.status(204);
    } else {
      failure(ctx, outcome);
    }
  }

  private static <T> void failure(Context ctx, Outcome<T> outcome) {
    switch (outcome) {
      case Outcome.Done<T> d -> throw new IllegalStateException("not a failure");
      case Outcome.Invalid<T> i -> error(ctx, 400, String.join("; ", i.problems()));
      case Outcome.Missing<T> m -> error(ctx, 404, m.what() + " does not exist");
      case Outcome.Conflict<T> c -> error(ctx, 409, c.why());
      case Outcome.Forbidden<T> f -> error(ctx, 403, f.why());
    }
  }

  /** The body's {@code "id"}, a string; a 400 otherwise. */
  private static Optional<String> id(Context ctx) {
    return body(ctx).flatMap(doc -> {
      if (doc.get("id") instanceof String s && !s.isBlank()) {
        return Optional.of(s);
      }
      error(ctx, 400, "Missing \"id\" key");
      return Optional.empty();
    });
  }

  private static Optional<Map<String, Object>> body(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !isJson(type)) {
      error(ctx, 415, "content type must be " + MEDIA_TYPE + " or application/json");
      return Optional.empty();
    }
    String text = ctx.body();
    if (text.isBlank()) {
      return Optional.of(Map.of());
    }
    try {
      Map<String, Object> doc = Documents.mapper().readValue(text, OBJECT);
      return Optional.of(doc == null ? Map.of() : doc);
    } catch (JsonProcessingException e) {
      error(ctx, 400, "body is not a JSON object: " + e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return base.equals(MEDIA_TYPE) || base.equals("application/json");
  }

  private static void ok(Context ctx, Object body) {
    ctx.status(200).contentType(MEDIA_TYPE).result(Documents.toJson(body));
  }

  private static void error(Context ctx, int status, String message) {
    if (status < 500) {
      LOG.info("{} {}: {} {}", ctx.method(), ctx.path(), status, message);
    } else {
      LOG.warn("{} {}: {} {}", ctx.method(), ctx.path(), status, message);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("error", message);
    ctx.status(status).contentType("application/json").result(Documents.toJson(body));
  }
}
