package io.autoprovd.server.rest;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.search.Query;
import io.autoprovd.core.search.Selector;
import io.autoprovd.core.search.Sort;
import io.autoprovd.core.search.TenantScope;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search parameters of {@code GET /dev_mgr/devices} and {@code GET /cfg_mgr/configs}
 * (provd-rest-api.md §6): {@code q} or {@code q64} (which wins), {@code fields}, {@code skip},
 * {@code limit} (0: none), {@code sort}, {@code sort_ord} and {@code recurse}.
 *
 * <p>Unlike the reference, which silently ignores a selector that is not JSON and a {@code skip}
 * that is not a number (and so may return every device to a client that meant to select a few),
 * a malformed parameter is a 400 naming it.
 */
record SearchRequest(Query query, List<String> fields, boolean recurse) {
  static final int MAX_PARAMETER = 64 * 1024;

  static SearchRequest parse(Context ctx) {
    Selector selector = Selector.ALL;
    String q64 = ctx.queryParam("q64");
    String q = ctx.queryParam("q");
    String json = null;
    String name = null;
    if (q64 != null) {
      name = "q64";
      try {
        json = new String(Base64.getDecoder().decode(q64.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new RestError(400, "q64: not base64: " + e.getMessage(), List.of("q64: not base64"));
      }
    } else if (q != null) {
      name = "q";
      json = q;
    }
    if (json != null && !json.isBlank()) {
      if (json.length() > MAX_PARAMETER) {
        throw new RestError(400, name + ": longer than " + MAX_PARAMETER + " characters");
      }
      Map<String, Object> doc;
      try {
        doc = Documents.parseObject(json);
      } catch (IllegalArgumentException e) {
        throw new RestError(400, name + ": " + e.getMessage(), List.of(name + ": not a JSON object"));
      }
      try {
        selector = Selector.parse(doc);
      } catch (IllegalArgumentException e) {
        throw new RestError(400, name + ": " + e.getMessage(), List.of(name + ": " + e.getMessage()));
      }
    }
    int skip = number(ctx, "skip");
    int limit = number(ctx, "limit");
    Sort sort = null;
    String sortKey = ctx.queryParam("sort");
    if (sortKey != null && !sortKey.isBlank()) {
      String order = ctx.queryParam("sort_ord");
      boolean descending;
      if (order == null || order.equalsIgnoreCase("ASC")) {
        descending = false;
      } else if (order.equalsIgnoreCase("DESC")) {
        descending = true;
      } else {
        throw new RestError(400, "sort_ord: must be ASC or DESC", List.of("sort_ord: must be ASC or DESC"));
      }
      sort = new Sort(sortKey.strip(), descending);
    }
    var fields = new ArrayList<String>();
    String fieldList = ctx.queryParam("fields");
    if (fieldList != null && !fieldList.isBlank()) {
      for (String f : fieldList.split(",")) {
        if (!f.isBlank()) {
          fields.add(f.strip());
        }
      }
    }
    String recurse = ctx.queryParam("recurse");
    // provd compat: the Python client sends "True".
    boolean recursive = "true".equals(recurse) || "True".equals(recurse);
    return new SearchRequest(new Query(selector, TenantScope.ALL, sort, skip, limit), List.copyOf(fields), recursive);
  }

  private static int number(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new RestError(400, name + ": must be a non-negative integer", List.of(name + ": must be a non-negative integer"));
    }
  }

  /**
   * The document cut to {@code fields}: {@code id} always, each dotted path rebuilt as nested
   * objects, paths that reach nothing (or cross a list) left out.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> project(Map<String, Object> document) {
    if (fields.isEmpty()) {
      return document;
    }
    var out = new LinkedHashMap<String, Object>();
    out.put("id", document.get("id"));
    for (String field : fields) {
      String[] path = field.split("\\.");
      Object value = document;
      for (String segment : path) {
        value = value instanceof Map<?, ?> m && m.containsKey(segment) ? m.get(segment) : Missing.VALUE;
        if (value == Missing.VALUE) {
          break;
        }
      }
      if (value == Missing.VALUE) {
        continue;
      }
      Map<String, Object> target = out;
      for (int i = 0; i < path.length - 1; i++) {
        Object next = target.get(path[i]);
        if (!(next instanceof LinkedHashMap<?, ?>)) {
          next = new LinkedHashMap<String, Object>();
          target.put(path[i], next);
        }
        target = (Map<String, Object>) next;
      }
      target.put(path[path.length - 1], value);
    }
    return out;
  }

  private enum Missing { VALUE }
}
