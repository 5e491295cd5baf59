package io.autoprovd.server.code;

import io.autoprovd.core.code.ClaimResult;
import io.autoprovd.core.code.CodeIssuer;
import io.autoprovd.core.code.ProvisioningCode;
import io.autoprovd.core.code.ResetResult;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.server.rest.RestContext;
import io.autoprovd.server.rest.RestError;
import io.autoprovd.server.rest.RestServer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provisioning-code endpoints, autoprovd extensions of the 0.2 tree (docs/sip-and-codes.md):
 *
 * <pre>
 *   GET    /0.2/code_mgr/codes[?recurse=true]  the codes of the request tenant (and its subtree)
 *   POST   /0.2/code_mgr/codes                 {"code": {"config": "&lt;line config&gt;"[, "code": "123456"]}} → 201
 *   GET    /0.2/code_mgr/codes/{code}          one code → 200 / 404
 *   DELETE /0.2/code_mgr/codes/{code}          revoke → 204 / 404 (a device it linked stays linked)
 *   POST   /0.2/dev_mgr/claim                  {"id": "&lt;device&gt;", "code": "123456"} → 200, then the device resyncs
 *   POST   /0.2/dev_mgr/reset_autoprov         {"id": "&lt;device&gt;"} → 200, then the device resyncs
 * </pre>
 *
 * ACLs follow the paths ({@code provd.code_mgr.codes.create}, {@code provd.dev_mgr.claim.create},
 * …). Tenancy as the device manager's: a code belongs to its line's tenant and is seen from that
 * tenant's ancestors; a device still {@code is_new} may be claimed from any tenant (it then moves
 * to the line's), any other only from its own subtree.
 */
public final class CodeRoutes implements RestServer.Routes {
  static final String CODES = "/0.2/code_mgr/codes";
  static final String CLAIM = "/0.2/dev_mgr/claim";
  static final String RESET = "/0.2/dev_mgr/reset_autoprov";

  private final Autoprov autoprov;
  private final DeviceStore devices;
  private final ConfigStore configs;

  public CodeRoutes(Autoprov autoprov, DeviceStore devices, ConfigStore configs) {
    this.autoprov = autoprov;
    this.devices = devices;
    this.configs = configs;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get(CODES, this::list);
    r.post(CODES, this::create);
    r.get(CODES + "/{code}", this::read);
    r.delete(CODES + "/{code}", this::revoke);
    r.post(CLAIM, this::claim);
    r.post(RESET, this::reset);
  }

  private void list(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    var scope = rest.scope("true".equalsIgnoreCase(ctx.queryParam("recurse")), false);
    rest.ok(Map.of("codes", autoprov.codes().list().stream().filter(c -> scope.admits(c.tenantUuid()))
        .map(CodeRoutes::toJson).toList()));
  }

  private void read(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    rest.ok(Map.of("code", toJson(visibleCode(rest, ctx.pathParam("code")))));
  }

  private void revoke(Context ctx) {
    var rest = RestContext.of(ctx);
    ProvisioningCode code = visibleCode(rest, ctx.pathParam("code"));
    if (!autoprov.codes().revoke(code.code())) {
      throw RestError.notFound("code " + code.code() + " does not exist");
    }
    rest.noContent();
  }

  private void create(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    Map<String, Object> doc = rest.envelope("code");
    var problems = new ArrayList<String>();
    doc.keySet().stream().filter(k -> !k.equals("config") && !k.equals("code")).sorted()
        .forEach(k -> problems.add("code." + k + ": unknown field"));
    if (!(doc.get("config") instanceof String configId) || configId.isBlank()) {
      problems.add("code.config: required, the id of a line config");
      throw RestError.invalid(problems);
    }
    Object requested = doc.get("code");
    if (requested != null && !(requested instanceof String)) {
      problems.add("code.code: a string of 4 to 16 digits, or absent to generate one");
    }
    if (!problems.isEmpty()) {
      throw RestError.invalid(problems);
    }
    Optional<Config> config = configs.findById(configId)
        .filter(c -> c.tenantUuid() == null ? rest.masterToken() : rest.inSubtree(c.tenantUuid()));
    if (config.isEmpty()) {
      throw RestError.invalid(List.of("code.config: config " + configId + " does not exist"));
    }
    ProvisioningCode code = switch (autoprov.issuer().issue(configId, (String) requested)) {
      case CodeIssuer.Issue.Issued i -> i.code();
      case CodeIssuer.Issue.UnknownConfig u ->
          throw RestError.invalid(List.of("code.config: config " + u.configId() + " does not exist"));
      case CodeIssuer.Issue.NotALine n -> throw RestError.invalid(List.of("code.config: config " + n.configId()
          + " has no line 1 with a username: a code would hand out no line"));
      case CodeIssuer.Issue.Invalid i -> throw RestError.invalid(List.of(i.why()));
      case CodeIssuer.Issue.Duplicate d -> throw new RestError(409, "code " + d.code() + " is taken");
      case CodeIssuer.Issue.LineTaken t -> throw new RestError(409, "config " + configId + " already carries code "
          + t.existing().code() + "; revoke it first");
    };
    rest.created(CODES + "/" + code.code(), Map.of("code", toJson(code)));
  }

  private void claim(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    Map<String, Object> body = rest.body();
    var problems = new ArrayList<String>();
    body.keySet().stream().filter(k -> !k.equals("id") && !k.equals("code")).sorted()
        .forEach(k -> problems.add(k + ": unknown field"));
    if (!(body.get("id") instanceof String)) {
      problems.add("id: required, a device id");
    }
    if (!(body.get("code") instanceof String)) {
      problems.add("code: required, the provisioning code as a string of digits");
    }
    if (!problems.isEmpty()) {
      throw RestError.invalid(problems);
    }
    String id = (String) body.get("id");
    String text = (String) body.get("code");
    visibleDevice(rest, id, true);
    // A code of a tenant the caller cannot see is unknown to it.
    autoprov.codes().find(text).filter(c -> !rest.inSubtree(c.tenantUuid())).ifPresent(c -> {
      throw RestError.notFound("code " + text + " does not exist");
    });
    ClaimResult result = autoprov.claim(id, text);
    switch (result) {
      case ClaimResult.Claimed c -> {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("device", c.device().id());
        doc.put("code", c.code().code());
        doc.put("config", c.deviceConfigId());
        doc.put("line", c.line());
        doc.put("tenant_uuid", c.device().tenantUuid());
        doc.put("tenant_moved", c.tenantMoved());
        doc.put("repeated", c.repeated());
        rest.ok(Map.of("claim", doc));
      }
      case ClaimResult.UnknownCode u -> throw RestError.notFound("code " + u.code() + " does not exist");
      case ClaimResult.AlreadyClaimed a -> throw new RestError(409, "code " + a.code()
          + " is already claimed by device " + a.deviceId());
      case ClaimResult.UnknownDevice u -> throw RestError.notFound("device " + u.deviceId() + " does not exist");
      case ClaimResult.NotInAutoprov n -> throw new RestError(409, "device " + n.deviceId() + " is not in autoprov: "
          + n.why() + " (reset it to autoprov first)");
      case ClaimResult.WrongTenant w -> throw new RestError(403, "device " + w.deviceId() + " belongs to tenant "
          + w.deviceTenant() + " and the code's line to tenant " + w.codeTenant()
          + ": a device's tenant never changes once set (delete the device to move it)");
      case ClaimResult.NoFreeLine n -> throw new RestError(409, "device " + n.deviceId() + " has all its "
          + n.lines() + " line(s) taken");
      case ClaimResult.LineMissing l -> throw new RestError(410, "the line config " + l.configId() + " of code "
          + l.code() + " no longer exists; revoke the code");
      case ClaimResult.RateLimited r -> {
        long seconds = Math.max(1, (r.retryAfter().toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        throw new RestError(429, "too many wrong codes from device " + r.deviceId() + "; retry in " + seconds + " s");
      }
      case ClaimResult.Conflict c -> throw new RestError(409, c.why());
    }
  }

  private void reset(Context ctx) {
    var rest = RestContext.of(ctx);
    rest.requireJsonAccept();
    Map<String, Object> body = rest.body();
    var problems = new ArrayList<String>();
    body.keySet().stream().filter(k -> !k.equals("id")).sorted().forEach(k -> problems.add(k + ": unknown field"));
    if (!(body.get("id") instanceof String)) {
      problems.add("id: required, a device id");
    }
    if (!problems.isEmpty()) {
      throw RestError.invalid(problems);
    }
    String id = (String) body.get("id");
    visibleDevice(rest, id, false);
    switch (autoprov.reset(id)) {
      case ResetResult.Reset r -> {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("device", r.device().id());
        doc.put("config", r.autoprovConfigId());
        doc.put("tenant_uuid", r.device().tenantUuid());
        doc.put("released_codes", r.releasedCodes());
        rest.ok(Map.of("reset", doc));
      }
      case ResetResult.UnknownDevice u -> throw RestError.notFound("device " + u.deviceId() + " does not exist");
      case ResetResult.Conflict c -> throw new RestError(409, c.why());
    }
  }

  /** identification.md §9 rule 10: a device still {@code is_new} may be taken by any tenant. */
  private Device visibleDevice(RestContext rest, String id, boolean newOnesToo) {
    return devices.findById(id)
        .filter(d -> (newOnesToo && d.isNew()) || rest.inSubtree(d.tenantUuid()))
        .orElseThrow(() -> RestError.notFound("device " + id + " does not exist"));
  }

  private ProvisioningCode visibleCode(RestContext rest, String text) {
    return autoprov.codes().find(text).filter(c -> rest.inSubtree(c.tenantUuid()))
        .orElseThrow(() -> RestError.notFound("code " + text + " does not exist"));
  }

  static Map<String, Object> toJson(ProvisioningCode code) {
    var doc = new LinkedHashMap<String, Object>();
    doc.put("code", code.code());
    doc.put("config", code.configId());
    doc.put("tenant_uuid", code.tenantUuid());
    doc.put("created_at", code.createdAt().toString());
    doc.put("claimed_by", code.claimedBy());
    doc.put("claimed_at", code.claimedAt() == null ? null : code.claimedAt().toString());
    return doc;
  }
}
