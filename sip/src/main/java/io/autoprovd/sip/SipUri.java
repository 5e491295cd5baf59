package io.autoprovd.sip;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1): {@code sip:user@host:port;params}. URI headers ({@code ?…})
 * are kept as text. The user part is kept as written (escapes included): provisioning codes and
 * autoprov user names are plain characters.
 *
 * @param user null when the URI names a host only
 * @param port -1 when absent
 * @param params URI parameters, names lower-cased, in order
 * @param headers the text after {@code ?}, or null
 */
public record SipUri(String scheme, String user, String host, int port, Map<String, String> params, String headers) {

  public SipUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host: must not be empty");
    }
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port: out of range: " + port);
    }
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  public static SipUri of(String user, String host, int port) {
    return new SipUri("sip", user, host, port, Map.of(), null);
  }

  /** Parses {@code sip:} and {@code sips:} URIs; anything else is an {@link IllegalArgumentException}. */
  public static SipUri parse(String text) {
    String t = text.strip();
    int colon = t.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a URI: " + text);
    }
    String scheme = t.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      throw new UnsupportedSchemeException(scheme);
    }
    String rest = t.substring(colon + 1);
    String headers = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      headers = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String user = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      user = rest.substring(0, at);
      int pw = user.indexOf(':');
      if (pw >= 0) {
        user = user.substring(0, pw); // a password in a URI is NOT RECOMMENDED (§19.1.1): dropped
      }
      if (user.isEmpty()) {
        throw new IllegalArgumentException("empty user part: " + text);
      }
      rest = rest.substring(at + 1);
    }
    int semi = rest.indexOf(';');
    String hostPort = semi >= 0 ? rest.substring(0, semi) : rest;
    Map<String, String> params = semi >= 0 ? Grammar.params(rest.substring(semi + 1)) : Map.of();
    String host;
    int port = -1;
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("unterminated IPv6 reference: " + text);
      }
      host = hostPort.substring(0, end + 1);
      String after = hostPort.substring(end + 1);
      if (after.startsWith(":")) {
        port = parsePort(after.substring(1), text);
      } else if (!after.isEmpty()) {
        throw new IllegalArgumentException("bad host: " + text);
      }
    } else {
      int pc = hostPort.indexOf(':');
      host = pc >= 0 ? hostPort.substring(0, pc) : hostPort;
      if (pc >= 0) {
        port = parsePort(hostPort.substring(pc + 1), text);
      }
    }
    if (host.isEmpty() || !host.matches("[\\[\\]A-Za-z0-9.:_-]+")) {
      throw new IllegalArgumentException("bad host: " + text);
    }
    return new SipUri(scheme, user, host, port, params, headers);
  }

  private static int parsePort(String s, String text) {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("bad port: " + text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port: " + text, e);
    }
  }

  public SipUri withUser(String newUser) {
    return new SipUri(scheme, newUser, host, port, params, headers);
  }

  public SipUri withParam(String name, String value) {
    var p = new java.util.LinkedHashMap<>(params);
    p.put(name, value);
    return new SipUri(scheme, user, host, port, p, headers);
  }

  /** The {@code transport} parameter, lower-case, or null. */
  public String transportParam() {
    String t = params.get("transport");
    return t == null ? null : t.toLowerCase(Locale.ROOT);
  }

  /** The port, or the default for the scheme (5060, 5061 for sips; RFC 3261 §19.1.2). */
  public int portOrDefault() {
    return port > 0 ? port : scheme.equals("sips") ? 5061 : 5060;
  }

  @Override
  public String toString() {
    var sb = new StringBuilder(scheme).append(':');
    if (user != null) {
      sb.append(user).append('@');
    }
    sb.append(host);
    if (port > 0) {
      sb.append(':').append(port);
    }
    sb.append(Grammar.formatParams(params));
    if (headers != null) {
      sb.append('?').append(headers);
    }
    return sb.toString();
  }

  /** A URI with a scheme other than sip or sips: answered 416 (RFC 3261 §8.2.2.1). */
  public static final class UnsupportedSchemeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSchemeException(String scheme) {
      super("unsupported URI scheme: " + scheme);
    }
  }
}
