package io.autoprovd.server.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ACL a request needs, derived from the matched route as wazo-provd names them
 * (provd-rest-api.md §8): {@code provd} + the path segments after {@code /0.2}, with path
 * parameters filled in, + a verb per method (GET {@code read}, POST {@code create}, PUT {@code
 * update}, DELETE {@code delete}). So {@code PUT /0.2/dev_mgr/devices/{id}} needs {@code
 * provd.dev_mgr.devices.<id>.update} and {@code GET /0.2} needs {@code provd.read}. Two families
 * differ in the reference and are written out here: operation monitors (a route ending in
 * {@code /{n}}) need {@code provd.operation.read} / {@code .delete}, and parameters need {@code
 * provd.configure.<tenant>.<param>.read} / {@code .update}. A {@link RestServer.Routes} group may
 * override any route with {@link RestServer.Routes#acls()}.
 */
final class AclTable {
  private final Map<String, String> overrides;

  /** @param overrides {@code "METHOD /0.2/path/{param}"} → ACL template with {@code {param}} and {@code {tenant_uuid}} */
  AclTable(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  String required(String method, String template, Map<String, String> params, String tenant) {
    String verb = switch (method) {
      case "GET", "HEAD" -> "read";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
    String override = overrides.get(method + " " + template);
    if (override != null) {
      return fill(override, params, tenant);
    }
    String relative = template.equals("/0.2") ? "" : template.substring("/0.2/".length());
    List<String> segments = relative.isEmpty() ? List.of() : List.of(relative.split("/"));
    if (!segments.isEmpty() && segments.getLast().equals("{n}")) {
      return "provd.operation." + verb;
    }
    if (segments.size() == 2 && segments.getFirst().equals("configure")) {
      return "provd.configure." + tenant + "." + fill(segments.get(1), params, tenant) + "." + verb;
    }
    var parts = new ArrayList<String>();
    parts.add("provd");
    for (String segment : segments) {
      parts.add(fill(segment, params, tenant));
    }
    parts.add(verb);
    return String.join(".", parts);
  }

  private static String fill(String template, Map<String, String> params, String tenant) {
    String result = template.replace("{tenant_uuid}", tenant);
    for (var e : params.entrySet()) {
      result = result.replace("{" + e.getKey() + "}", e.getValue());
    }
    return result;
  }
}
