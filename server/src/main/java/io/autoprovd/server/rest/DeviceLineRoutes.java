package io.autoprovd.server.rest;

import io.autoprovd.server.app.DeviceLines;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * autoprovd's extension for gateways whose ports are lines of different tenants (docs/rest-api.md,
 * "Lines of a device"): the device's owner hands a line to a tenant, which then reads and writes
 * that line, and sees the device; each tenant sees only its own lines. wazo-provd has no such
 * endpoints: there, such a gateway is seen by the first line's tenant only.
 */
final class DeviceLineRoutes {
  static final String LINES = DeviceRoutes.DEVICES + "/{id}/lines";
  static final String LINE_TENANTS = DeviceRoutes.DEVICES + "/{id}/line_tenants/{line}";

  private final DeviceLines lines;

  DeviceLineRoutes(DeviceLines lines) {
    this.lines = lines;
  }

  void register(RoutesConfig r) {
    r.get(LINES, ctx -> {
      var rest = RestContext.of(ctx);
      rest.requireJsonAccept();
      rest.ok(Map.of("lines", RestServer.done(lines.lines(ctx.pathParam("id"), rest::inSubtree))));
    });
    r.put(LINES + "/{line}", ctx -> {
      var rest = RestContext.of(ctx);
      Map<String, Object> settings = rest.envelope("line");
      RestServer.done(lines.putLine(ctx.pathParam("id"), ctx.pathParam("line"), settings, rest::inSubtree));
      rest.noContent();
    });
    r.delete(LINES + "/{line}", ctx -> {
      var rest = RestContext.of(ctx);
      RestServer.done(lines.deleteLine(ctx.pathParam("id"), ctx.pathParam("line"), rest::inSubtree));
      rest.noContent();
    });
    r.put(LINE_TENANTS, ctx -> {
      var rest = RestContext.of(ctx);
      Map<String, Object> body = rest.body();
      var unknown = body.keySet().stream().filter(k -> !k.equals("tenant_uuid")).sorted()
          .map(k -> k + ": unknown field").toList();
      if (!unknown.isEmpty()) {
        throw RestError.invalid(unknown);
      }
      RestServer.done(lines.handOver(ctx.pathParam("id"), ctx.pathParam("line"), body.get("tenant_uuid"),
          rest::inSubtree));
      rest.noContent();
    });
    r.delete(LINE_TENANTS, ctx -> {
      var rest = RestContext.of(ctx);
      RestServer.done(lines.takeBack(ctx.pathParam("id"), ctx.pathParam("line"), rest::inSubtree));
      rest.noContent();
    });
  }
}
