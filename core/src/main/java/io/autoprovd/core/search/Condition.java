package io.autoprovd.core.search;

import java.util.List;
import java.util.Objects;

/**
 * One condition of a selector: the values found at a dotted {@code path} tested with an operator.
 *
 * @param argument a JSON value: a list for {@code $in}/{@code $nin}, a boolean for {@code $exists}
 */
public record Condition(String path, Operator operator, Object argument) {
  public Condition {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operator, "operator");
    if (path.isEmpty() || List.of(path.split("\\.", -1)).contains("")) {
      throw new IllegalArgumentException("selector key `" + path + "`: empty path segment");
    }
    if ((operator == Operator.IN || operator == Operator.NIN) && !(argument instanceof List)) {
      throw new IllegalArgumentException("selector key `" + path + "`: " + operator.wire() + " needs a list");
    }
    if (operator == Operator.EXISTS && !(argument instanceof Boolean)) {
      throw new IllegalArgumentException("selector key `" + path + "`: $exists needs true or false");
    }
  }

  /** True if the path is one key of the top level (no dot): a candidate for a column. */
  public boolean topLevel() {
    return path.indexOf('.') < 0;
  }
}
