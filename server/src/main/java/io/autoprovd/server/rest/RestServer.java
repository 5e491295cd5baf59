package io.autoprovd.server.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.ConfigAdmin;
import io.autoprovd.server.app.DeviceAdmin;
import io.autoprovd.server.app.DocumentMapping;
import io.autoprovd.server.app.Outcome;
import io.autoprovd.server.settings.ServerSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrative REST API on its own port, with wazo-provd 0.2's paths and documents. This is
 * the foundation subset (devices and configs); tokens, ACLs and the rest of the tree come with the
 * REST issue. Until then the listener binds to loopback by default.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  static final String MEDIA_TYPE = "application/vnd.proformatique.provd+json";
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final int MAX_BODY = 1 << 20;

  private final Javalin app;

  private RestServer(Javalin app) {
    this.app = app;
  }

  public record Services(DeviceStore devices, ConfigStore configs, DeviceAdmin deviceAdmin, ConfigAdmin configAdmin,
      ConfigMerger merger, Supplier<Map<String, Object>> baseRawConfig) {}

  /**
   * A group of endpoints registered beside the core ones (DHCP lease reports, plugins, …), so a
   * feature adds its routes in its own class instead of growing this one.
   */
  @FunctionalInterface
  public interface Routes {
    void register(io.javalin.config.RoutesConfig routes);
  }

  public static RestServer start(ServerSettings.Listener listener, Services s, List<Routes> extra) {
    Javalin app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jetty.host = listener.bind();
      config.jetty.port = listener.port();
      config.http.maxRequestSize = MAX_BODY;
      config.startup.showJavalinBanner = false;
      var r = config.routes;
      r.get("/0.2/dev_mgr/devices", ctx -> ok(ctx, Map.of("devices",
          s.devices().list(0, Integer.MAX_VALUE).stream().map(DocumentMapping::toJson).toList())));
      r.get("/0.2/dev_mgr/devices/{id}", ctx -> s.devices().findById(ctx.pathParam("id")).ifPresentOrElse(
          d -> ok(ctx, Map.of("device", DocumentMapping.toJson(d))),
          () -> error(ctx, 404, "device " + ctx.pathParam("id") + " does not exist")));
      r.post("/0.2/dev_mgr/devices", ctx -> body(ctx, "device").ifPresent(doc ->
          created(ctx, s.deviceAdmin().create(doc, Tenant.MASTER_UUID), d -> d.id())));
      r.put("/0.2/dev_mgr/devices/{id}", ctx -> body(ctx, "device").ifPresent(doc ->
          noContent(ctx, s.deviceAdmin().replace(ctx.pathParam("id"), doc, Tenant.MASTER_UUID))));
      r.delete("/0.2/dev_mgr/devices/{id}", ctx -> noContent(ctx, s.deviceAdmin().delete(ctx.pathParam("id"))));
      r.post("/0.2/dev_mgr/reconfigure", ctx -> body(ctx, null).ifPresent(doc ->
          noContent(ctx, doc.get("id") instanceof String id ? s.deviceAdmin().reconfigure(id)
              : new Outcome.Invalid<>(List.of("id: required, a string")))));

      r.get("/0.2/cfg_mgr/configs", ctx -> ok(ctx, Map.of("configs",
          s.configs().list().stream().map(DocumentMapping::toJson).toList())));
      r.get("/0.2/cfg_mgr/configs/{id}", ctx -> s.configs().findById(ctx.pathParam("id")).ifPresentOrElse(
          c -> ok(ctx, Map.of("config", DocumentMapping.toJson(c))),
          () -> error(ctx, 404, "config " + ctx.pathParam("id") + " does not exist")));
      r.get("/0.2/cfg_mgr/configs/{id}/raw", ctx -> s.merger().merge(ctx.pathParam("id"), s.baseRawConfig().get())
          .ifPresentOrElse(m -> ok(ctx, Map.of("raw_config", m.rawConfig())),
              () -> error(ctx, 404, "config " + ctx.pathParam("id") + " does not exist")));
      r.post("/0.2/cfg_mgr/configs", ctx -> body(ctx, "config").ifPresent(doc ->
          created(ctx, s.configAdmin().create(doc), c -> c.id())));
      r.put("/0.2/cfg_mgr/configs/{id}", ctx -> body(ctx, "config").ifPresent(doc ->
          noContent(ctx, s.configAdmin().replace(ctx.pathParam("id"), doc))));
      r.delete("/0.2/cfg_mgr/configs/{id}", ctx -> noContent(ctx, s.configAdmin().delete(ctx.pathParam("id"))));

      extra.forEach(group -> group.register(r));

      r.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {}: internal error", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error");
      });
      r.error(404, ctx -> {
        if (ctx.result() == null) {
          error(ctx, 404, "no such resource: " + ctx.path());
        }
      });
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot start the REST listener on " + listener.bind() + ":"
          + listener.port() + ": " + e.getMessage(), e);
    }
    return new RestServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The request's JSON object, or its envelope's {@code key} object; a 400 or 415 otherwise. */
  @SuppressWarnings("unchecked")
  private static java.util.Optional<Map<String, Object>> body(Context ctx, String key) {
    String type = ctx.contentType();
    if (type != null && !isJson(type)) {
      error(ctx, 415, "content type must be " + MEDIA_TYPE + " or application/json");
      return java.util.Optional.empty();
    }
    Map<String, Object> doc;
    try {
      doc = Documents.mapper().readValue(ctx.body(), OBJECT);
    } catch (JsonProcessingException e) {
      error(ctx, 400, "body is not a JSON object: " + e.getOriginalMessage());
      return java.util.Optional.empty();
    }
    if (doc == null) {
      error(ctx, 400, "body is not a JSON object");
      return java.util.Optional.empty();
    }
    if (key == null) {
      return java.util.Optional.of(doc);
    }
    if (!(doc.get(key) instanceof Map<?, ?> inner)) {
      error(ctx, 400, "body must be {\"" + key + "\": {…}}");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of((Map<String, Object>) inner);
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].strip().toLowerCase();
    return base.equals(MEDIA_TYPE) || base.equals("application/json");
  }

  private static void ok(Context ctx, Object body) {
    ctx.status(200).contentType(MEDIA_TYPE).result(Documents.toJson(body));
  }

  private static <T> void created(Context ctx, Outcome<T> outcome, java.util.function.Function<T, String> id) {
    if (outcome instanceof Outcome.Done<T> done) {
      String newId = id.apply(done.value());
      ctx.status(201).header("Location", ctx.path() + "/" + newId).contentType(MEDIA_TYPE)
          .result(Documents.toJson(Map.of("id", newId)));
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

  private static void error(Context ctx, int status, String message) {
    if (status >= 400 && status < 500) {
      LOG.info("{} {}: {} {}", ctx.method(), ctx.path(), status, message);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("error", message);
    ctx.status(status).contentType("application/json").result(Documents.toJson(body));
  }
}
