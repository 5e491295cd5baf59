package io.autoprovd.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP Digest authentication as SIP uses it (RFC 3261 §22.4, RFC 2617, RFC 7616, RFC 8760). Phones
 * answer MD5 challenges; SHA-256 is computed too, for peers that offer it. Only {@code qop=auth}
 * (or no qop, RFC 2069 style) exists in SIP practice; {@code auth-int} is refused.
 */
public final class Digest {
  private Digest() {}

  /** A challenge, as a {@code WWW-Authenticate} or {@code Proxy-Authenticate} value. */
  public record Challenge(String realm, String nonce, String opaque, String algorithm, String qop, boolean stale) {
    public Challenge {
      Objects.requireNonNull(realm, "realm");
      Objects.requireNonNull(nonce, "nonce");
      algorithm = algorithm == null ? "MD5" : algorithm;
    }

    public static Challenge parse(String header) {
      var p = params(header);
      if (!p.containsKey("realm") || !p.containsKey("nonce")) {
        throw new IllegalArgumentException("digest challenge without realm or nonce");
      }
      return new Challenge(p.get("realm"), p.get("nonce"), p.get("opaque"), p.get("algorithm"), p.get("qop"),
          "true".equalsIgnoreCase(p.get("stale")));
    }

    @Override
    public String toString() {
      var sb = new StringBuilder("Digest realm=").append(Grammar.quote(realm))
          .append(", nonce=").append(Grammar.quote(nonce));
      if (opaque != null) {
        sb.append(", opaque=").append(Grammar.quote(opaque));
      }
      sb.append(", algorithm=").append(algorithm);
      if (qop != null) {
        sb.append(", qop=").append(Grammar.quote(qop));
      }
      if (stale) {
        sb.append(", stale=TRUE");
      }
      return sb.toString();
    }
  }

  /** The answer to a challenge, as an {@code Authorization} or {@code Proxy-Authorization} value. */
  public record Credentials(String username, String realm, String nonce, String uri, String response,
      String algorithm, String cnonce, String qop, String nc, String opaque) {

    public static Credentials parse(String header) {
      var p = params(header);
      for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
        if (!p.containsKey(required)) {
          throw new IllegalArgumentException("digest credentials without " + required);
        }
      }
      return new Credentials(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"), p.get("response"),
          p.get("algorithm"), p.get("cnonce"), p.get("qop"), p.get("nc"), p.get("opaque"));
    }

    /** True if {@code response} is what {@code password} gives for this request. Constant time. */
    public boolean verify(String method, String password) {
      String expected;
      try {
        expected = Digest.response(algorithm, username, realm, password, method, uri, nonce, nc, cnonce, qop);
      } catch (IllegalArgumentException e) {
        return false;
      }
      return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
          response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
      var sb = new StringBuilder("Digest username=").append(Grammar.quote(username))
          .append(", realm=").append(Grammar.quote(realm))
          .append(", nonce=").append(Grammar.quote(nonce))
          .append(", uri=").append(Grammar.quote(uri))
          .append(", response=").append(Grammar.quote(response))
          .append(", algorithm=").append(algorithm == null ? "MD5" : algorithm);
      if (qop != null) {
        sb.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=").append(Grammar.quote(cnonce));
      }
      if (opaque != null) {
        sb.append(", opaque=").append(Grammar.quote(opaque));
      }
      return sb.toString();
    }
  }

  /** Credentials answering {@code challenge} for one request (client side: NOTIFY through an authenticating proxy). */
  public static Credentials answer(Challenge challenge, String username, String password, String method, String uri,
      String cnonce) {
    String qop = challenge.qop() == null ? null : firstQopAuth(challenge.qop());
    String nc = qop == null ? null : "00000001";
    String c = qop == null ? null : cnonce;
    String response = response(challenge.algorithm(), username, challenge.realm(), password, method, uri,
        challenge.nonce(), nc, c, qop);
    return new Credentials(username, challenge.realm(), challenge.nonce(), uri, response, challenge.algorithm(), c, qop,
        nc, challenge.opaque());
  }

  private static String firstQopAuth(String qopOptions) {
    for (String q : qopOptions.split(",")) {
      if (q.strip().equalsIgnoreCase("auth")) {
        return "auth";
      }
    }
    throw new IllegalArgumentException("challenge offers no qop=auth: " + qopOptions);
  }

  /**
   * RFC 2617 §3.2.2.1 / RFC 7616 §3.4.1: {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))} with qop,
   * {@code KD(H(A1), nonce:H(A2))} without.
   */
  public static String response(String algorithm, String username, String realm, String password, String method,
      String uri, String nonce, String nc, String cnonce, String qop) {
    String alg = hashName(algorithm);
    String ha1 = hash(alg, username + ":" + realm + ":" + password);
    String ha2 = hash(alg, method + ":" + uri);
    if (qop == null || qop.isEmpty()) {
      return hash(alg, ha1 + ":" + nonce + ":" + ha2);
    }
    if (!qop.equalsIgnoreCase("auth")) {
      throw new IllegalArgumentException("unsupported qop: " + qop);
    }
    if (nc == null || cnonce == null) {
      throw new IllegalArgumentException("qop=auth needs nc and cnonce");
    }
    return hash(alg, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  private static String hashName(String algorithm) {
    String a = algorithm == null ? "MD5" : algorithm.strip().toUpperCase(Locale.ROOT);
    return switch (a) {
      case "MD5" -> "MD5";
      case "SHA-256" -> "SHA-256";
      default -> throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    };
  }

  private static String hash(String algorithm, String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " missing from the JDK", e);
    }
  }

  /** {@code Digest a="b", c=d} → {a: b, c: d}; the scheme must be Digest. */
  static Map<String, String> params(String header) {
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Digest")) {
      throw new IllegalArgumentException("not a Digest header");
    }
    var result = new LinkedHashMap<String, String>();
    for (String part : Grammar.splitOutsideQuotes(h.substring(space + 1), ',')) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad digest parameter: " + p);
      }
      result.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), Grammar.unquote(p.substring(eq + 1).strip()));
    }
    return result;
  }
}
