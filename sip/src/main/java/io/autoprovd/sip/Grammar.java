package io.autoprovd.sip;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Small pieces of the RFC 3261 §25 grammar shared by the header parsers. */
final class Grammar {
  private Grammar() {}

  /**
   * {@code ;name=value;flag} → ordered map (names lower-cased; a flag maps to ""). Quoted values
   * keep their quotes removed. Stops at nothing: the caller passes only the parameter part.
   */
  static Map<String, String> params(String text) {
    var params = new LinkedHashMap<String, String>();
    if (text == null || text.isBlank()) {
      return params;
    }
    for (String part : splitOutsideQuotes(text, ';')) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        params.put(p.toLowerCase(Locale.ROOT), "");
      } else {
        String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          throw new IllegalArgumentException("parameter without a name: " + p);
        }
        params.put(name, unquote(p.substring(eq + 1).strip()));
      }
    }
    return params;
  }

  static String formatParams(Map<String, String> params) {
    var sb = new StringBuilder();
    params.forEach((k, v) -> {
      sb.append(';').append(k);
      if (!v.isEmpty()) {
        sb.append('=').append(needsQuotes(v) ? quote(v) : v);
      }
    });
    return sb.toString();
  }

  static java.util.List<String> splitOutsideQuotes(String text, char separator) {
    var parts = new java.util.ArrayList<String>();
    var current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted string");
    }
    parts.add(current.toString());
    return parts;
  }

  static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      var sb = new StringBuilder();
      for (int i = 1; i < value.length() - 1; i++) {
        char c = value.charAt(i);
        if (c == '\\' && i + 1 < value.length() - 1) {
          c = value.charAt(++i);
        }
        sb.append(c);
      }
      return sb.toString();
    }
    return value;
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || "-.!%*_+`'~:[]".indexOf(c) >= 0)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 3261 token characters (§25.1), for method names and parameter names. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0))) {
        return false;
      }
    }
    return true;
  }

  static String join(Iterable<String> values) {
    var j = new StringJoiner(", ");
    values.forEach(j::add);
    return j.toString();
  }
}
