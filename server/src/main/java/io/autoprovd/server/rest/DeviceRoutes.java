package io.autoprovd.server.rest;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.search.TenantScope;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.server.app.DocumentMapping;
import io.autoprovd.server.operation.Operations;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device manager (provd-rest-api.md §8.2) but {@code dhcpinfo}, which the DHCP glue
 * registers. Tenancy as identification.md §9: listings cover the request tenant (its subtree with
 * {@code recurse}), reads and writes of one device its subtree; a device still {@code is_new} is
 * taken by whoever PUTs it first.
 */
final class DeviceRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceRoutes.class);
  static final String DEVICES = "/0.2/dev_mgr/devices";
  static final String SYNCHRONIZE = "/0.2/dev_mgr/synchronize";

  private final RestServer.Services s;
  private final Operations syncs;

  DeviceRoutes(RestServer.Services services, Operations syncs) {
    this.s = services;
    this.syncs = syncs;
  }

  void register(RoutesConfig r) {
    r.get("/0.2/dev_mgr", ctx -> RestServer.links(ctx, "/0.2/dev_mgr", Map.of(
        "dev.synchronize", "synchronize", "dev.reconfigure", "reconfigure", "dev.dhcpinfo", "dhcpinfo",
        "dev.devices", "devices")));
    r.get(DEVICES, this::list);
    r.post(DEVICES, this::create);
    r.get(DEVICES + "/{id}", this::read);
    r.put(DEVICES + "/{id}", this::replace);
    r.delete(DEVICES + "/{id}", ctx -> {
      var rest = RestContext.of(ctx);
      RestServer.done(s.deviceAdmin().delete(ctx.pathParam("id"), rest::inSubtree));
      rest.noContent();
    });
    r.post("/0.2/dev_mgr/reconfigure", ctx -> {
      var rest = RestContext.of(ctx);
      String id = idBody(rest);
      // provd-rest-api.md §11 #2: 404 for an unknown or foreign device, as synchronize and delete.
      RestServer.done(s.deviceAdmin().reconfigure(id, rest::inSubtree));
      rest.noContent();
    });
    r.post(SYNCHRONIZE, this::synchronize);
    r.get(SYNCHRONIZE + "/{n}", ctx -> RestServer.operationStatus(ctx, syncs));
    r.delete(SYNCHRONIZE + "/{n}", ctx -> RestServer.operationDelete(ctx, syncs));
  }

  private void list(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var search = SearchRequest.parse(ctx);
    var query = search.query().withScope(rest.scope(search.recurse(), false));
    rest.ok(Map.of("devices", s.devices().search(query).stream()
        .map(d -> search.project(view(d, rest))).toList()));
  }

  private void read(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    String id = ctx.pathParam("id");
    Device device = s.devices().findById(id).filter(d -> d.visibleIn(rest::inSubtree))
        .orElseThrow(() -> RestError.notFound("device " + id + " does not exist"));
    rest.ok(Map.of("device", view(device, rest)));
  }

  /** The device as this request sees it: {@code line_tenants} only names lines of its tenants. */
  private static Map<String, Object> view(Device device, RestContext rest) {
    Map<String, Object> json = DocumentMapping.toJson(device);
    if (device.lineTenants().isEmpty()) {
      return json;
    }
    var mine = new TreeMap<String, String>();
    device.lineTenants().forEach((line, tenant) -> {
      if (rest.inSubtree(tenant)) {
        mine.put(line, tenant);
      }
    });
    var out = new LinkedHashMap<>(json);
    if (mine.isEmpty()) {
      out.remove("line_tenants");
    } else {
      out.put("line_tenants", mine);
    }
    return out;
  }

  private void create(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var doc = rest.envelope("device");
    checkConfigLink(rest, doc, null);
    Device device = RestServer.done(s.deviceAdmin().create(doc, rest.tenant()));
    rest.created(DEVICES + "/" + device.id(), Map.of("id", device.id()));
  }

  private void replace(Context ctx) {
    var rest = RestContext.of(ctx);
    var doc = rest.envelope("device");
    checkConfigLink(rest, doc, ctx.pathParam("id"));
    RestServer.done(s.deviceAdmin().replace(ctx.pathParam("id"), doc, rest.tenant(), rest::inSubtree));
    rest.noContent();
  }

  /**
   * A device may point at a config that does not exist yet (the reference allows it), but not at
   * one its caller cannot see: its phone would then be served another tenant's accounts. The
   * token's own view counts, not the request tenant's: wazo-confd creates configs with its master
   * token and links them to devices with {@code Wazo-Tenant} set to the line's tenant. A device
   * keeps the config it has (its autoprov account, owned by the master tenant) whoever sends it back.
   *
   * @param deviceId the device replaced, or null for a new one
   */
  private void checkConfigLink(RestContext rest, Map<String, Object> doc, String deviceId) {
    if (doc.get("config") instanceof String configId) {
      TenantScope sees = rest.tokenScope(true);
      boolean unseen = s.configs().findById(configId).map(Config::tenantUuid)
          .filter(t -> !sees.admits(t)).isPresent();
      if (unseen && (deviceId == null
          || !s.devices().findById(deviceId).map(Device::config).filter(configId::equals).isPresent())) {
        throw RestError.invalid(List.of("device.config: config " + configId + " does not exist"));
      }
    }
  }

  private void synchronize(Context ctx) {
    var rest = RestContext.of(ctx);
    String id = idBody(rest);
    Device device = s.devices().findById(id).filter(d -> d.visibleIn(rest::inSubtree))
        .orElseThrow(() -> RestError.notFound("device " + id + " does not exist"));
    long n = syncs.start(null, operation -> {
      DeviceSync.SyncResult result;
      try {
        result = s.sync().sync(device);
      } catch (RuntimeException e) {
        result = new DeviceSync.SyncResult.Failed(e.toString());
      }
      switch (result) {
        case DeviceSync.SyncResult.Sent sent -> {
          LOG.info("synchronize {}: {}", device.id(), sent.detail());
          operation.succeed();
        }
        case DeviceSync.SyncResult.Failed failed -> {
          LOG.info("synchronize {} failed: {}", device.id(), failed.reason());
          operation.fail(failed.reason());
        }
      }
    });
    rest.created(SYNCHRONIZE + "/" + n, null);
  }

  /** A body that is exactly {@code {"id": "<device id>"}}. */
  private static String idBody(RestContext rest) {
    Map<String, Object> body = rest.body();
    var problems = new java.util.ArrayList<String>();
    body.keySet().stream().filter(k -> !k.equals("id")).sorted().forEach(k -> problems.add(k + ": unknown field"));
    if (!(body.get("id") instanceof String id) || id.isBlank()) {
      problems.add("id: required, a device id");
      throw RestError.invalid(problems);
    }
    if (!problems.isEmpty()) {
      throw RestError.invalid(problems);
    }
    return id;
  }
}
