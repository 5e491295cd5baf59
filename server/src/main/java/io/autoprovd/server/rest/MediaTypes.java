package io.autoprovd.server.rest;

import java.util.Locale;

/**
 * The media-type rules of provd-rest-api.md §2, made lenient where the reference's strictness
 * helps no one (§11 #11): bodies may be sent as the provd type or {@code application/json}, with a
 * UTF-8 {@code charset}; {@code Accept} may name either. Answers always carry the provd type.
 */
final class MediaTypes {
  static final String PROVD = "application/vnd.proformatique.provd+json";
  static final String JSON = "application/json";
  static final String YAML = "application/yaml";

  private MediaTypes() {}

  /** True for the provd type or application/json, with no parameter other than a UTF-8 charset. */
  static boolean acceptableBody(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    String base = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!base.equals(PROVD) && !base.equals(JSON)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      String name = param[0].strip().toLowerCase(Locale.ROOT);
      String value = param.length == 2 ? param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT) : "";
      if (!name.equals("charset") || !(value.equals("utf-8") || value.equals("utf8"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code Accept} is absent or lists the provd type, {@code application/json}, {@code
   * application/*} or {@code *}{@code /*}; parameters such as {@code q} are ignored, as the
   * reference does (a {@code q=0} does not exclude a type).
   */
  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (type.equals(PROVD) || type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
        return true;
      }
    }
    return false;
  }
}
