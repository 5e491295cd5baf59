package io.autoprovd.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of a {@code From}, {@code To} or {@code Contact} header (RFC 3261 §20.10, §20.20,
 * §20.39): an optional display name, a URI, and header parameters ({@code tag}, {@code expires}).
 * Without angle brackets, parameters after the URI belong to the header, not to the URI.
 */
public record NameAddress(String displayName, SipUri uri, Map<String, String> params) {

  public NameAddress {
    Objects.requireNonNull(uri, "uri");
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static NameAddress of(SipUri uri) {
    return new NameAddress(null, uri, Map.of());
  }

  public static NameAddress parse(String text) {
    String t = text.strip();
    String display = null;
    String uriText;
    String paramText;
    int lt = indexOutsideQuotes(t, '<');
    if (lt >= 0) {
      String before = t.substring(0, lt).strip();
      if (!before.isEmpty()) {
        display = Grammar.unquote(before);
      }
      int gt = t.indexOf('>', lt);
      if (gt < 0) {
        throw new IllegalArgumentException("unterminated <URI>: " + text);
      }
      uriText = t.substring(lt + 1, gt);
      paramText = t.substring(gt + 1).strip();
    } else {
      int semi = t.indexOf(';');
      uriText = semi >= 0 ? t.substring(0, semi) : t;
      paramText = semi >= 0 ? t.substring(semi) : "";
    }
    if (!paramText.isEmpty() && !paramText.startsWith(";")) {
      throw new IllegalArgumentException("junk after the address: " + text);
    }
    var params = Grammar.params(paramText.isEmpty() ? "" : paramText.substring(1));
    return new NameAddress(display, SipUri.parse(uriText), params);
  }

  private static int indexOutsideQuotes(String s, char c) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char x = s.charAt(i);
      if (x == '\\' && quoted) {
        i++;
      } else if (x == '"') {
        quoted = !quoted;
      } else if (x == c && !quoted) {
        return i;
      }
    }
    return -1;
  }

  public String tag() {
    return params.get("tag");
  }

  public NameAddress withTag(String tag) {
    var p = new LinkedHashMap<>(params);
    p.put("tag", tag);
    return new NameAddress(displayName, uri, p);
  }

  public NameAddress withParam(String name, String value) {
    var p = new LinkedHashMap<>(params);
    p.put(name, value);
    return new NameAddress(displayName, uri, p);
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    if (displayName != null && !displayName.isEmpty()) {
      sb.append(Grammar.quote(displayName)).append(' ');
    }
    sb.append('<').append(uri).append('>').append(Grammar.formatParams(params));
    return sb.toString();
  }
}
