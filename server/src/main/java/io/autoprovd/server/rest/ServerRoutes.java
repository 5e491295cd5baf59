package io.autoprovd.server.rest;

import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.server.app.Outcome;
import io.autoprovd.server.app.Parameters;
import io.autoprovd.store.Health;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root of the tree, {@code status}, the {@code configure} parameters (provd-rest-api.md §8.1,
 * §8.6) and the read side of the plugin manager (§8.4: the plugins and their links; installing,
 * upgrading and packages are the plugin group's).
 */
final class ServerRoutes {
  private final RestServer.Services s;

  ServerRoutes(RestServer.Services services) {
    this.s = services;
  }

  void register(RoutesConfig r) {
    r.get("/0.2", ctx -> RestServer.links(ctx, "/0.2", Map.of(
        "dev", "dev_mgr", "cfg", "cfg_mgr", "pg", "pg_mgr", "status", "status", "srv.configure", "configure")));
    r.get("/0.2/status", this::status);
    r.get("/0.2/configure", this::parameters);
    r.get("/0.2/configure/{param_id}", this::parameter);
    r.put("/0.2/configure/{param_id}", this::setParameter);
    r.get("/0.2/pg_mgr", ctx -> RestServer.links(ctx, "/0.2/pg_mgr", Map.of(
        "srv.install", "install", "pg.plugins", "plugins", "pg.reload", "reload")));
    r.get("/0.2/pg_mgr/plugins", ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      var plugins = new LinkedHashMap<String, Object>();
      for (PluginPack pack : s.catalog().all()) {
        plugins.put(pack.id(), Map.of("links", List.of(
            Map.of("rel", "pg.plugin", "href", "/0.2/pg_mgr/plugins/" + pack.id()))));
      }
      rest.ok(Map.of("plugins", plugins));
    });
    r.get("/0.2/pg_mgr/plugins/{id}", ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      String id = ctx.pathParam("id");
      if (s.catalog().find(id).isEmpty()) {
        // provd-rest-api.md §11 #9: after authentication, so ids cannot be probed without a token.
        throw RestError.notFound("plugin " + id + " is not installed");
      }
      String base = "/0.2/pg_mgr/plugins/" + id;
      rest.ok(Map.of("links", List.of(
          Map.of("rel", "pg.info", "href", base + "/info"),
          Map.of("rel", "srv.install", "href", base + "/install"))));
    });
  }

  /**
   * {@code rest_api} is the string {@code "ok"} as the reference answers (its api.yml says an
   * object); there is no message bus, so {@code bus_consumer} is always ok; {@code store} is
   * autoprovd's own addition.
   */
  private void status(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    Health health = s.health().get();
    var store = new LinkedHashMap<String, Object>();
    store.put("status", health.healthy() ? "ok" : "fail");
    store.put("detail", health.detail());
    var body = new LinkedHashMap<String, Object>();
    body.put("rest_api", "ok");
    body.put("bus_consumer", Map.of("status", "ok"));
    body.put("store", store);
    rest.ok(body);
  }

  /** Global parameters are listed to master-tenant tokens only; {@code provisioning_key} to all. */
  private void parameters(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var params = new ArrayList<Map<String, Object>>();
    for (Parameters.Definition d : Parameters.definitions()) {
      if (d.global() && !rest.masterToken()) {
        continue;
      }
      var p = new LinkedHashMap<String, Object>();
      p.put("id", d.id());
      p.put("description", d.description());
      p.put("value", s.parameters().value(d.id(), rest.tenant()));
      p.put("links", List.of(Map.of("rel", "srv.configure.param", "href", "/0.2/configure/" + d.id())));
      params.add(p);
    }
    rest.ok(Map.of("params", params));
  }

  private void parameter(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var d = definition(rest, ctx.pathParam("param_id"));
    var value = new LinkedHashMap<String, Object>();
    value.put("value", s.parameters().value(d.id(), rest.tenant()));
    rest.ok(Map.of("param", value));
  }

  private void setParameter(Context ctx) {
    var rest = RestContext.of(ctx);
    var param = rest.envelope("param");
    var d = definition(rest, ctx.pathParam("param_id"));
    var problems = new ArrayList<String>();
    param.keySet().stream().filter(k -> !k.equals("value")).sorted().forEach(k -> problems.add("param." + k + ": unknown field"));
    if (!param.containsKey("value")) {
      problems.add("param.value: required (null unsets the parameter)");
    }
    if (!problems.isEmpty()) {
      throw RestError.invalid(problems);
    }
    Outcome<Void> outcome = s.parameters().set(d.id(), rest.tenant(), param.get("value"));
    RestServer.done(outcome);
    rest.noContent();
  }

  private static Parameters.Definition definition(RestContext rest, String id) {
    var d = Parameters.definition(id).orElseThrow(() -> RestError.notFound("parameter " + id + " does not exist"));
    if (d.global() && !rest.masterToken()) {
      throw new RestError(403, "parameter " + id + " is global: only a master-tenant token reads or changes it");
    }
    return d;
  }
}
