package io.autoprovd.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Evaluates (the rest of) a query in Java over candidates a store has already narrowed. Shared by
 * the in-memory stores, which evaluate everything here, and the SQL stores, which push what they
 * can into SQL and leave the rest to this class. Stateless and thread-safe.
 */
public final class Search {
  private Search() {}

  /**
   * @param candidates in id order, already restricted to the query's scope and to the conditions
   *     the caller evaluated itself
   * @param residual the conditions still to check, on each candidate's document
   * @param view the document a selector sees for a candidate (its REST JSON form)
   */
  public static <T> List<T> apply(Query query, Stream<T> candidates, Selector residual,
      Function<T, Map<String, Object>> view) {
    Stream<T> matching = residual.conditions().isEmpty() ? candidates
        : candidates.filter(c -> residual.matches(view.apply(c)));
    if (query.sort() == null) {
      // Streamed: with a limit, reading stops as soon as the page is full.
      Stream<T> page = matching.skip(query.skip());
      return (query.limit() > 0 ? page.limit(query.limit()) : page).toList();
    }
    record Keyed<T>(T item, Object key) {}
    Comparator<Keyed<T>> order = Comparator.comparing(Keyed::key, TypedOrder.INSTANCE);
    if (query.sort().descending()) {
      order = order.reversed();
    }
    var keyed = new ArrayList<Keyed<T>>();
    matching.forEach(c -> keyed.add(new Keyed<>(c, DocumentPaths.firstAt(view.apply(c), query.sort().path()))));
    keyed.sort(order); // stable: equal keys keep id order
    Stream<T> page = keyed.stream().skip(query.skip()).map(Keyed::item);
    return (query.limit() > 0 ? page.limit(query.limit()) : page).toList();
  }

  /** Everything in Java: for stores that hold their objects in memory. */
  public static <T> List<T> inMemory(Query query, Stream<T> allInIdOrder, Function<T, String> tenant,
      Function<T, Map<String, Object>> view) {
    return inMemory(query, allInIdOrder, (scope, t) -> scope.admits(tenant.apply(t)), view);
  }

  /** As above, for objects that more than one tenant may see (a device whose lines were handed out). */
  public static <T> List<T> inMemory(Query query, Stream<T> allInIdOrder, BiPredicate<TenantScope, T> inScope,
      Function<T, Map<String, Object>> view) {
    return apply(query, allInIdOrder.filter(t -> inScope.test(query.scope(), t)), query.selector(), view);
  }
}
