package io.autoprovd.server.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.search.TenantScope;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.auth.Principal;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One authenticated REST request: who sends it, for which tenant, and the helpers every route
 * uses to read its body and answer. {@link RestServer} makes it before any handler runs, once the
 * token, the {@code Wazo-Tenant} header and the route's ACL have been checked; a handler gets it
 * with {@link #of(Context)}.
 *
 * <pre>{@code
 * r.post("/0.2/dev_mgr/dhcpinfo", ctx -> {
 *   RestContext rest = RestContext.of(ctx);      // already authorised for provd.dev_mgr.dhcpinfo.create
 *   Map<String, Object> body = rest.body();       // 415 / 400 / 413 thrown as RestError
 *   ...
 *   rest.noContent();
 * });
 * }</pre>
 *
 * <p>Handlers report a client's mistake by throwing {@link RestError}; the server answers it as
 * JSON and logs one line. Not thread-safe: it belongs to the request's thread.
 */
public final class RestContext {
  static final String ATTRIBUTE = RestContext.class.getName();
  /** Bodies are small JSON documents; a larger one is refused with 413 before it is parsed. */
  public static final int MAX_BODY = 1 << 20;
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

  private final Context ctx;
  private final Principal principal;
  private final String tenant;
  private final TenantTree tree;

  RestContext(Context ctx, Principal principal, String tenant, TenantTree tree) {
    this.ctx = ctx;
    this.principal = principal;
    this.tenant = tenant;
    this.tree = tree;
  }

  /**
   * The request's context.
   *
   * @throws IllegalStateException for a route outside the authenticated tree (only {@code
   *     OPTIONS} and {@code /0.2/api/api.yml} are)
   */
  public static RestContext of(Context ctx) {
    RestContext rest = ctx.attribute(ATTRIBUTE);
    if (rest == null) {
      throw new IllegalStateException(ctx.method() + " " + ctx.path() + " is not an authenticated route");
    }
    return rest;
  }

  public Context ctx() {
    return ctx;
  }

  public Principal principal() {
    return principal;
  }

  /** The request tenant: {@code Wazo-Tenant} when sent (already checked), else the token's tenant. */
  public String tenant() {
    return tenant;
  }

  /** True if the token belongs to the master tenant: needed for global parameters. */
  public boolean masterToken() {
    return Tenant.MASTER_UUID.equals(principal.tenantUuid());
  }

  /** True if an object of {@code tenantUuid} is in the request tenant's subtree. */
  public boolean inSubtree(String tenantUuid) {
    return tenantUuid != null && tree.contains(tenant, tenantUuid);
  }

  /**
   * The tenants a listing of the request tenant covers: itself, or with {@code recurse} its whole
   * subtree (provd-rest-api.md §5).
   */
  public TenantScope scope(boolean recurse, boolean includeUnowned) {
    if (recurse && Tenant.MASTER_UUID.equals(tenant)) {
      return TenantScope.ALL; // master is the root of every tenant, recorded here or not
    }
    return TenantScope.of(recurse ? tree.subtree(tenant) : Set.of(tenant), includeUnowned);
  }

  /** What the token's own tenant may see, whatever {@code Wazo-Tenant} narrows the request to. */
  public TenantScope tokenScope(boolean includeUnowned) {
    if (masterToken()) {
      return TenantScope.ALL;
    }
    return TenantScope.of(tree.subtree(principal.tenantUuid()), includeUnowned);
  }

  /** 406 unless {@code Accept} allows a JSON answer (provd-rest-api.md §2). */
  public void requireJsonAccept() {
    if (!MediaTypes.acceptsJson(ctx.header("Accept"))) {
      throw new RestError(406, "You must accept the \"" + MediaTypes.PROVD + "\" MIME type (or application/json).");
    }
  }

  /**
   * The request's JSON object. 415 for another media type, 413 above {@link #MAX_BODY} bytes, 400
   * for text that is not one JSON object.
   */
  public Map<String, Object> body() {
    if (!MediaTypes.acceptableBody(ctx.contentType())) {
      throw new RestError(415, "Entity must be in media type \"" + MediaTypes.PROVD
          + "\" (or application/json), UTF-8 encoded; got " + (ctx.contentType() == null ? "none" : "\"" + ctx.contentType() + "\""));
    }
    String text = new String(readLimited(), StandardCharsets.UTF_8);
    Object doc;
    try {
      // Trailing text after the document is a broken document, not something to ignore.
      doc = Documents.mapper().readerFor(Object.class)
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(text);
    } catch (JsonProcessingException e) {
      throw new RestError(400, "Invalid JSON document: " + e.getOriginalMessage());
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw new RestError(400, "Invalid JSON document: the body must be a JSON object");
    }
    try {
      return Documents.mapper().convertValue(doc, OBJECT);
    } catch (IllegalArgumentException e) {
      throw new RestError(400, "Invalid JSON document: " + e.getMessage());
    }
  }

  /**
   * The body's {@code key} object, the body having no other key: {@code {"device": {…}}}. 400
   * naming the key when it is missing, not an object, or has company.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> envelope(String key) {
    Map<String, Object> body = body();
    var unknown = body.keySet().stream().filter(k -> !k.equals(key)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw RestError.invalid(unknown.stream().map(k -> k + ": unknown field (expected {\"" + key + "\": {…}})").toList());
    }
    if (!(body.get(key) instanceof Map<?, ?> inner)) {
      throw RestError.invalid(List.of(key + ": required, an object"));
    }
    return (Map<String, Object>) inner;
  }

  private byte[] readLimited() {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY) {
      throw new RestError(413, "request body larger than " + MAX_BODY + " bytes");
    }
    try (InputStream in = ctx.bodyInputStream()) {
      var out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_BODY) {
          throw new RestError(413, "request body larger than " + MAX_BODY + " bytes");
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new RestError(400, "the request body could not be read: " + e.getMessage());
    }
  }

  /** 200 with the JSON document in the provd media type (after the {@code Accept} check). */
  public void ok(Object document) {
    ctx.status(200).contentType(MediaTypes.PROVD).result(Documents.toJson(document));
  }

  /**
   * 201 with {@code Location: location} (a server-relative {@code /0.2/<mgr>/…} path, which the
   * Python client relies on) and the document, or an empty body when it is null (operations).
   */
  public void created(String location, Object document) {
    ctx.status(201).header("Location", location);
    if (document != null) {
      ctx.contentType(MediaTypes.PROVD).result(Documents.toJson(document));
    }
  }

  public void noContent() {
    ctx.status(204);
  }
}
