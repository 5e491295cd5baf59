package io.autoprovd.store;

import java.util.Objects;

/**
 * What {@link Store#check()} found, as a value: health endpoints and metrics report it, nothing
 * throws.
 *
 * @param healthy true when a query went through
 * @param detail what was checked, or why it failed; never null
 */
public record Health(boolean healthy, String detail) {
  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  public static Health healthy(String detail) {
    return new Health(true, detail);
  }

  public static Health unhealthy(String reason) {
    return new Health(false, reason);
  }
}
