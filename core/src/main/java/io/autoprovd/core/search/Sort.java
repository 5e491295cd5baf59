package io.autoprovd.core.search;

import java.util.Objects;

/** Sort by the first value at a dotted path, in {@link TypedOrder}; ties keep id order. */
public record Sort(String path, boolean descending) {
  public Sort {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("sort: must name a key");
    }
  }
}
