package io.autoprovd.core.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A parsed selector of wazo-provd's search language (provd-rest-api.md §6): every condition must
 * hold (there is no {@code $or}). Immutable and thread-safe.
 *
 * <p>Differences from the reference, on purpose: comparisons ({@code $gt}, …) use {@link
 * TypedOrder}, so {@code "10.0.0.10"} is greater than {@code "10.0.0.2"}, and a value of another
 * kind than the argument simply does not match instead of failing the whole request; numbers are
 * equal by value ({@code 1 == 1.0}) but never equal to booleans.
 */
public record Selector(List<Condition> conditions) {
  public static final Selector ALL = new Selector(List.of());

  public Selector {
    conditions = List.copyOf(conditions);
  }

  /**
   * Parses {@code {"key": value, "key": {"$op": arg, …}, …}}. An object value whose keys all start
   * with {@code $} is a set of operators (ANDed); any other value is compared for equality.
   *
   * @throws IllegalArgumentException naming the key: unknown operator, mixed operator and plain
   *     keys, {@code $in}/{@code $nin} without a list, {@code $exists} without a boolean, not an object
   */
  public static Selector parse(Object json) {
    if (!(json instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("selector: must be a JSON object");
    }
    var conditions = new ArrayList<Condition>();
    for (var entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> ops && !ops.isEmpty() && ops.keySet().stream().anyMatch(k -> k.toString().startsWith("$"))) {
        for (var op : ops.entrySet()) {
          String name = op.getKey().toString();
          if (!name.startsWith("$")) {
            throw new IllegalArgumentException("selector key `" + key + "`: cannot mix operators and plain keys (`" + name + "`)");
          }
          Operator operator = Operator.fromWire(name).orElseThrow(() -> new IllegalArgumentException(
              "selector key `" + key + "`: unknown operator " + name
                  + " (known: $in $nin $contains $gt $ge $lt $le $ne $exists)"));
          conditions.add(new Condition(key, operator, op.getValue()));
        }
      } else {
        conditions.add(new Condition(key, Operator.EQ, value));
      }
    }
    return new Selector(conditions);
  }

  public boolean matches(Map<String, ?> document) {
    for (Condition c : conditions) {
      if (!matches(c, document)) {
        return false;
      }
    }
    return true;
  }

  /** The conditions {@code pushable} accepts, and the rest; together they are this selector. */
  public Split split(Predicate<Condition> pushable) {
    var pushed = new ArrayList<Condition>();
    var residual = new ArrayList<Condition>();
    for (Condition c : conditions) {
      (pushable.test(c) ? pushed : residual).add(c);
    }
    return new Split(new Selector(pushed), new Selector(residual));
  }

  /** A selector cut in two: what a store evaluates itself (e.g. in SQL) and what is left for Java. */
  public record Split(Selector pushed, Selector residual) {}

  public static boolean matches(Condition c, Map<String, ?> document) {
    List<Object> values = DocumentPaths.valuesAt(document, c.path());
    Object arg = c.argument();
    return switch (c.operator()) {
      case EQ -> anyElement(values, v -> jsonEquals(v, arg));
      case NE -> !anyElement(values, v -> jsonEquals(v, arg));
      case IN -> anyElement(values, v -> containsJson((List<?>) arg, v));
      case NIN -> !anyElement(values, v -> containsJson((List<?>) arg, v));
      case EXISTS -> (Boolean) arg != values.isEmpty();
      case CONTAINS -> values.stream().anyMatch(v -> contains(v, arg));
      case GT -> anyElement(values, v -> TypedOrder.comparable(v, arg) && TypedOrder.INSTANCE.compare(v, arg) > 0);
      case GE -> anyElement(values, v -> TypedOrder.comparable(v, arg) && TypedOrder.INSTANCE.compare(v, arg) >= 0);
      case LT -> anyElement(values, v -> TypedOrder.comparable(v, arg) && TypedOrder.INSTANCE.compare(v, arg) < 0);
      case LE -> anyElement(values, v -> TypedOrder.comparable(v, arg) && TypedOrder.INSTANCE.compare(v, arg) <= 0);
    };
  }

  /** A value matches if it, or (for a list) one of its elements, satisfies the test. */
  private static boolean anyElement(List<Object> values, Predicate<Object> test) {
    for (Object v : values) {
      if (test.test(v)) {
        return true;
      }
      if (v instanceof List<?> list) {
        for (Object element : list) {
          if (test.test(element)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean contains(Object value, Object arg) {
    return switch (value) {
      case String s -> arg instanceof String a && s.contains(a);
      case List<?> list -> containsJson(list, arg);
      case Map<?, ?> map -> arg instanceof String a && map.containsKey(a);
      case null, default -> false;
    };
  }

  private static boolean containsJson(List<?> list, Object value) {
    for (Object element : list) {
      if (jsonEquals(element, value)) {
        return true;
      }
    }
    return false;
  }

  /** Equality of JSON values: numbers by value, objects and lists deeply, booleans only with booleans. */
  public static boolean jsonEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (var e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!jsonEquals(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }
}
