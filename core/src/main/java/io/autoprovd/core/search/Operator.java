package io.autoprovd.core.search;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operators of wazo-provd's selector language (provd-rest-api.md §6). Note {@code $ge} and
 * {@code $le}, not MongoDB's {@code $gte}/{@code $lte}.
 */
public enum Operator {
  /** Plain {@code {"k": v}}: some value at the path equals v (a list value matches on any element). */
  EQ(null),
  IN("$in"),
  /** True also when the path holds no value. */
  NIN("$nin"),
  /** Substring of a string, element of a list, key of an object. */
  CONTAINS("$contains"),
  GT("$gt"),
  GE("$ge"),
  LT("$lt"),
  LE("$le"),
  /** True also when the path holds no value. */
  NE("$ne"),
  EXISTS("$exists");

  private final String wire;

  Operator(String wire) {
    this.wire = wire;
  }

  /** The operator as written in a selector; null for plain equality. */
  public String wire() {
    return wire;
  }

  public static Optional<Operator> fromWire(String name) {
    return Arrays.stream(values()).filter(o -> o.wire != null && o.wire.equals(name)).findFirst();
  }
}
