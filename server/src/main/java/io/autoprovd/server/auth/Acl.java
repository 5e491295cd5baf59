package io.autoprovd.server.auth;

/**
 * wazo-auth ACL matching: ACLs are dot-separated; in a granted ACL {@code *} matches exactly one
 * segment and {@code #} matches any number of segments (zero or more) from there on, as in
 * {@code provd.dev_mgr.devices.*.read} or {@code provd.#}. A leading {@code !} makes a negative
 * ACL: it grants nothing ({@link #matches}) and takes away what it matches ({@link #denies}), as
 * wazo-auth's {@code AccessCheck} does whatever the order of the list.
 */
public final class Acl {
  private Acl() {}

  public static boolean matches(String granted, String required) {
    if (granted == null || required == null || granted.startsWith("!")) {
      return false;
    }
    return match(granted.split("\\.", -1), 0, required.split("\\.", -1), 0);
  }

  /** True if {@code granted} is a negative ACL ({@code !provd.configure.#}) matching {@code required}. */
  public static boolean denies(String granted, String required) {
    if (granted == null || required == null || !granted.startsWith("!")) {
      return false;
    }
    return matches(granted.substring(1), required);
  }

  private static boolean match(String[] g, int gi, String[] r, int ri) {
    if (gi == g.length) {
      return ri == r.length;
    }
    if (g[gi].equals("#")) {
      for (int k = ri; k <= r.length; k++) {
        if (match(g, gi + 1, r, k)) {
          return true;
        }
      }
      return false;
    }
    if (ri == r.length) {
      return false;
    }
    return (g[gi].equals("*") || g[gi].equals(r[ri])) && match(g, gi + 1, r, ri + 1);
  }
}
