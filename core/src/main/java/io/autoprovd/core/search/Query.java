package io.autoprovd.core.search;

import java.util.Objects;

/**
 * A search: a selector within a tenant scope, optionally sorted, then {@code skip} results
 * dropped and at most {@code limit} returned. Without a sort, results come in id order.
 *
 * @param sort null for id order
 * @param limit 0 means no limit (provd-rest-api.md §6)
 */
public record Query(Selector selector, TenantScope scope, Sort sort, int skip, int limit) {
  public Query {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(scope, "scope");
    if (skip < 0) {
      throw new IllegalArgumentException("skip: must not be negative, was " + skip);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit: must not be negative, was " + limit);
    }
  }

  public static Query of(Selector selector) {
    return new Query(selector, TenantScope.ALL, null, 0, 0);
  }

  public Query withScope(TenantScope value) {
    return new Query(selector, value, sort, skip, limit);
  }

  public Query withSort(Sort value) {
    return new Query(selector, scope, value, skip, limit);
  }

  public Query withPage(int newSkip, int newLimit) {
    return new Query(selector, scope, sort, newSkip, newLimit);
  }
}
