package io.autoprovd.server.rest;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.search.TenantScope;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.ConfigAdmin;
import io.autoprovd.server.app.DeviceLines;
import io.autoprovd.server.app.DocumentMapping;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The config manager (provd-rest-api.md §8.3), tenant-scoped as the reference is not (§11 #4): a
 * request sees the configs of its tenant's subtree and the shared ones (no tenant: {@code base},
 * {@code autoprov}, …), never another tenant's. A config belongs to the tenant that created it;
 * shared configs change only from the master tenant. wazo-confd works unchanged: it calls these
 * endpoints with its master token and no {@code Wazo-Tenant}, so it sees and writes every config.
 */
final class ConfigRoutes {
  static final String CONFIGS = "/0.2/cfg_mgr/configs";

  private final RestServer.Services s;
  private final DeviceLines lines;

  ConfigRoutes(RestServer.Services services, DeviceLines lines) {
    this.s = services;
    this.lines = lines;
  }

  void register(RoutesConfig r) {
    r.get("/0.2/cfg_mgr", ctx -> RestServer.links(ctx, "/0.2/cfg_mgr", Map.of(
        "cfg.configs", "configs", "cfg.autocreate", "autocreate")));
    r.get(CONFIGS, ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      var search = SearchRequest.parse(ctx);
      var query = search.query().withScope(rest.scope(true, true));
      rest.ok(Map.of("configs", s.configs().search(query).stream()
          .map(c -> search.project(DocumentMapping.toJson(ownLines(rest, c)))).toList()));
    });
    r.post(CONFIGS, ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      var doc = rest.envelope("config");
      Config config = RestServer.done(s.configAdmin().create(doc, rest.tenant(), access(rest)));
      rest.created(CONFIGS + "/" + config.id(), Map.of("id", config.id()));
    });
    r.get(CONFIGS + "/{id}", ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      rest.ok(Map.of("config", DocumentMapping.toJson(ownLines(rest, visible(rest, ctx.pathParam("id"))))));
    });
    r.put(CONFIGS + "/{id}", ctx -> {
      var rest = RestContext.of(ctx);
      var doc = rest.envelope("config");
      TenantScope scope = rest.scope(true, true);
      if (!scope.unrestricted()) {
        var stored = s.configs().findById(ctx.pathParam("id")).filter(c -> scope.admits(c.tenantUuid()));
        if (stored.isPresent()) {
          doc = lines.keepingHiddenLines(doc, stored.get(), scope::admits);
        }
      }
      RestServer.done(s.configAdmin().replace(ctx.pathParam("id"), doc, access(rest)));
      rest.noContent();
    });
    r.delete(CONFIGS + "/{id}", ctx -> {
      var rest = RestContext.of(ctx);
      RestServer.done(s.configAdmin().delete(ctx.pathParam("id"), access(rest)));
      rest.noContent();
    });
    r.get(CONFIGS + "/{id}/raw", this::raw);
    r.post("/0.2/cfg_mgr/autocreate", ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      var body = rest.body();
      if (!body.isEmpty()) {
        throw RestError.invalid(body.keySet().stream().sorted().map(k -> k + ": unknown field (the body is {})").toList());
      }
      Config config = RestServer.done(s.configAdmin().autocreate(rest.tenant()));
      // provd-rest-api.md §11 #5: the reference's Location names a path that does not exist.
      rest.created(CONFIGS + "/" + config.id(), Map.of("id", config.id()));
    });
  }

  /**
   * The merged raw config (base, ancestors, own layer), without the configure-time defaults. A
   * parent the request cannot see is skipped as a missing one is, so no other tenant's values
   * show through.
   */
  private void raw(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    String id = ctx.pathParam("id");
    TenantScope scope = rest.scope(true, true);
    var merger = new ConfigMerger(configId -> s.configs().findById(configId).filter(c -> scope.admits(c.tenantUuid())));
    var merged = merger.merge(id, s.baseRawConfig().get())
        .orElseThrow(() -> RestError.notFound("config " + id + " does not exist"));
    Map<String, Object> raw = merged.rawConfig();
    if (!scope.unrestricted()) {
      var hidden = s.configs().findById(id).map(c -> lines.hiddenLines(c, scope::admits)).orElse(Set.of());
      if (!hidden.isEmpty() && raw.get("sip_lines") instanceof Map<?, ?> sipLines) {
        var kept = new LinkedHashMap<Object, Object>(sipLines);
        kept.keySet().removeAll(hidden);
        var copy = new LinkedHashMap<String, Object>(raw);
        copy.put("sip_lines", kept);
        raw = copy;
      }
    }
    rest.ok(Map.of("raw_config", raw));
  }

  /** A config as a tenant-scoped request sees it: without the lines of other tenants (DeviceLines). */
  private Config ownLines(RestContext rest, Config config) {
    TenantScope scope = rest.scope(true, true);
    return scope.unrestricted() ? config : lines.withoutHiddenLines(config, scope::admits);
  }

  private Config visible(RestContext rest, String id) {
    TenantScope scope = rest.scope(true, true);
    return s.configs().findById(id).filter(c -> scope.admits(c.tenantUuid()))
        .orElseThrow(() -> RestError.notFound("config " + id + " does not exist"));
  }

  private static ConfigAdmin.Access access(RestContext rest) {
    TenantScope scope = rest.scope(true, true);
    return new ConfigAdmin.Access(c -> scope.admits(c.tenantUuid()), Tenant.MASTER_UUID.equals(rest.tenant()));
  }
}
