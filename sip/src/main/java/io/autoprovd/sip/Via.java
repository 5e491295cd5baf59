package io.autoprovd.sip;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code Via} value (RFC 3261 §20.42): {@code SIP/2.0/UDP host:port;branch=…}. The top Via of
 * a request says where its responses go (§18.2.2), with {@code received} and {@code rport} (RFC
 * 3581) filled in by the receiver; its branch names the transaction (§17.2.3).
 *
 * @param port -1 when absent (the transport's default applies)
 */
public record Via(String transport, String host, int port, Map<String, String> params) {
  /** RFC 3261 §8.1.1.7: branches of RFC 3261 clients start with this cookie. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  public Via {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    transport = transport.toUpperCase(Locale.ROOT);
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static Via parse(String text) {
    String t = text.strip();
    int slash1 = t.indexOf('/');
    int slash2 = slash1 < 0 ? -1 : t.indexOf('/', slash1 + 1);
    if (slash2 < 0) {
      throw new IllegalArgumentException("Via: no protocol: " + text);
    }
    String protocol = t.substring(0, slash1).strip() + "/" + t.substring(slash1 + 1, slash2).strip();
    if (!protocol.equalsIgnoreCase("SIP/2.0")) {
      throw new IllegalArgumentException("Via: not SIP/2.0: " + text);
    }
    String rest = t.substring(slash2 + 1).stripLeading();
    int space = 0;
    while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
      space++;
    }
    String transport = rest.substring(0, space);
    rest = rest.substring(space).strip();
    int semi = rest.indexOf(';');
    String sentBy = (semi >= 0 ? rest.substring(0, semi) : rest).strip();
    Map<String, String> params = semi >= 0 ? Grammar.params(rest.substring(semi + 1)) : Map.of();
    if (transport.isEmpty() || sentBy.isEmpty()) {
      throw new IllegalArgumentException("Via: no transport or sent-by: " + text);
    }
    String host;
    int port = -1;
    if (sentBy.startsWith("[")) {
      int end = sentBy.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("Via: bad host: " + text);
      }
      host = sentBy.substring(0, end + 1);
      if (sentBy.length() > end + 1) {
        port = port(sentBy.substring(end + 2), text);
      }
    } else {
      int colon = sentBy.indexOf(':');
      host = colon >= 0 ? sentBy.substring(0, colon).strip() : sentBy;
      if (colon >= 0) {
        port = port(sentBy.substring(colon + 1).strip(), text);
      }
    }
    if (host.isEmpty() || !host.matches("[\\[\\]A-Za-z0-9.:_-]+")) {
      throw new IllegalArgumentException("Via: bad host: " + text);
    }
    return new Via(transport, host, port, params);
  }

  private static int port(String s, String text) {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("Via: bad port: " + text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Via: bad port: " + text, e);
    }
  }

  public String branch() {
    return params.get("branch");
  }

  /** True if the branch carries the RFC 3261 magic cookie, so it alone identifies the transaction. */
  public boolean rfc3261Branch() {
    return branch() != null && branch().startsWith(MAGIC_COOKIE);
  }

  public Via withParam(String name, String value) {
    var p = new LinkedHashMap<>(params);
    p.put(name, value);
    return new Via(transport, host, port, p);
  }

  /** {@code host:port} as sent, part of the transaction key. */
  public String sentBy() {
    return port > 0 ? host + ":" + port : host;
  }

  @Override
  public String toString() {
    return "SIP/2.0/" + transport + " " + sentBy() + Grammar.formatParams(params);
  }
}
