package io.autoprovd.core.search;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The order of JSON values for {@code sort} and the comparison operators. wazo-provd compares the
 * string forms, so {@code "10"} sorts before {@code "9"} and {@code 10.0.0.10} before {@code
 * 10.0.0.2}; autoprovd compares typed values (provd-rest-api.md §11 #13).
 *
 * <p>Values are ranked by kind first: missing or null, booleans, numbers, strings, lists, objects.
 * Numbers are JSON numbers and strings that are plain decimals ({@code "10"}, {@code "-2.5"}),
 * compared by value. Other strings compare naturally: runs of ASCII digits by their numeric
 * value, everything else character by character, so addresses ({@code 10.0.0.2 < 10.0.0.10}),
 * firmware versions and names like {@code line9 < line10} come in the order people expect. Two
 * MAC addresses compare as text (fixed-width hex, where text order is numeric order). Lists
 * compare element by element. This is a total order: ties of the natural comparison fall back on
 * plain text order. Stateless and thread-safe.
 */
public final class TypedOrder implements Comparator<Object> {
  public static final TypedOrder INSTANCE = new TypedOrder();

  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,40}(\\.\\d{1,40})?");
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private TypedOrder() {}

  private enum Kind { NULL, BOOLEAN, NUMBER, STRING, LIST, OBJECT }

  private static Kind kind(Object v) {
    return switch (v) {
      case null -> Kind.NULL;
      case Boolean b -> Kind.BOOLEAN;
      case Number n -> Kind.NUMBER;
      case String s -> DECIMAL.matcher(s).matches() ? Kind.NUMBER : Kind.STRING;
      case List<?> l -> Kind.LIST;
      case Map<?, ?> m -> Kind.OBJECT;
      default -> Kind.STRING;
    };
  }

  /** True if the two values are of one kind (other than null), so a comparison means something. */
  public static boolean comparable(Object a, Object b) {
    Kind k = kind(a);
    return k != Kind.NULL && k == kind(b);
  }

  @Override
  public int compare(Object a, Object b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      return ka.compareTo(kb);
    }
    return switch (ka) {
      case NULL -> 0;
      case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
      case NUMBER -> compareNumbers(a, b);
      case STRING -> compareStrings(a.toString(), b.toString());
      case LIST -> compareLists((List<?>) a, (List<?>) b);
      case OBJECT -> a.toString().compareTo(b.toString());
    };
  }

  private static int compareNumbers(Object a, Object b) {
    int byValue = number(a).compareTo(number(b));
    // "10" and 10 are equal by value; keep the order total and stable between them.
    return byValue != 0 ? byValue : Boolean.compare(a instanceof String, b instanceof String);
  }

  private static BigDecimal number(Object v) {
    if (v instanceof String s) {
      return new BigDecimal(s);
    }
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      // JSON has no such values; a map built in code might. Put them at the ends.
      return d.isNaN() || d > 0 ? BigDecimal.valueOf(Double.MAX_VALUE).multiply(BigDecimal.TEN)
          : BigDecimal.valueOf(-Double.MAX_VALUE).multiply(BigDecimal.TEN);
    }
    return Selector.decimal((Number) v);
  }

  private int compareLists(List<?> a, List<?> b) {
    Iterator<?> i = a.iterator();
    Iterator<?> j = b.iterator();
    while (i.hasNext() && j.hasNext()) {
      int c = compare(i.next(), j.next());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(i.hasNext(), j.hasNext());
  }

  static int compareStrings(String a, String b) {
    if (MAC.matcher(a).matches() && MAC.matcher(b).matches()) {
      return a.compareTo(b);
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (digit(ca) && digit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && digit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && digit(b.charAt(j))) {
          j++;
        }
        while (si < i - 1 && a.charAt(si) == '0') {
          si++;
        }
        while (sj < j - 1 && b.charAt(sj) == '0') {
          sj++;
        }
        if (i - si != j - sj) {
          return Integer.compare(i - si, j - sj);
        }
        for (int k = 0; k < i - si; k++) {
          int c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
          if (c != 0) {
            return c;
          }
        }
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int rest = Integer.compare(a.length() - i, b.length() - j);
    return rest != 0 ? rest : a.compareTo(b);
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }
}
