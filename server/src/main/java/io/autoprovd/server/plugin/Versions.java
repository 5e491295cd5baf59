package io.autoprovd.server.plugin;

import java.util.Comparator;

/**
 * Orders pack versions as people read them: dot-separated parts compared as numbers when both
 * are numbers ({@code 1.10.0 > 1.9.2}, where the reference compared strings), and a pre-release
 * suffix after {@code -} sorting before the release ({@code 1.2.0-dev < 1.2.0}).
 */
public final class Versions {
  public static final Comparator<String> ORDER = Versions::compare;

  private Versions() {}

  public static int compare(String a, String b) {
    String[] pa = a.split("-", 2);
    String[] pb = b.split("-", 2);
    int main = compareParts(pa[0], pb[0]);
    if (main != 0) {
      return main;
    }
    if (pa.length == 1 || pb.length == 1) {
      return Integer.compare(pb.length, pa.length);
    }
    return compareParts(pa[1], pb[1]);
  }

  public static boolean isNewer(String candidate, String than) {
    return compare(candidate, than) > 0;
  }

  private static int compareParts(String a, String b) {
    String[] xs = a.split("[.+]");
    String[] ys = b.split("[.+]");
    for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
      String x = i < xs.length ? xs[i] : "0";
      String y = i < ys.length ? ys[i] : "0";
      int c = x.matches("\\d{1,18}") && y.matches("\\d{1,18}")
          ? Long.compare(Long.parseLong(x), Long.parseLong(y)) : x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
