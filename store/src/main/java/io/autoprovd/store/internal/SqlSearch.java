package io.autoprovd.store.internal;

import io.autoprovd.core.search.Condition;
import io.autoprovd.core.search.Operator;
import io.autoprovd.core.search.Selector;
import io.autoprovd.core.search.TenantScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;

/**
 * Turns the selector conditions a table's columns can answer into a SQL {@code WHERE} clause, so
 * that a search on an indexed field is an index look-up instead of a scan. What a column cannot
 * answer exactly as the document would (dotted paths, comparisons, {@code $contains}) is left to
 * {@link io.autoprovd.core.search.Search} in Java.
 *
 * <p>Each pushed condition keeps the document semantics: a NULL column is an absent key, so
 * {@code $ne} and {@code $nin} also match NULL; a text column never equals a number, so such an
 * argument becomes {@code FALSE} (or is dropped from an {@code $in} list). Immutable.
 */
final class SqlSearch {
  /** A larger list stays in Java rather than becoming a statement with thousands of parameters. */
  private static final int MAX_LIST = 500;
  private static final Set<Operator> COLUMN_OPERATORS =
      Set.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NIN, Operator.EXISTS);

  enum Type { TEXT, BOOLEAN }

  /**
   * @param columns document key → column type, for keys stored in a column of the same name; a
   *     BOOLEAN column is never NULL
   * @param listKey a document key holding a list of strings mirrored one row per element in a side
   *     table, or null; {@code listSubquery} selects the owner ids for {@code :…} placeholders
   */
  SqlSearch(Map<String, Type> columns, String listKey, String listSubquery) {
    this(columns, listKey, listSubquery, null);
  }

  private SqlSearch(Map<String, Type> columns, String listKey, String listSubquery, String alsoOwned) {
    this.columns = Map.copyOf(columns);
    this.listKey = listKey;
    this.listSubquery = listSubquery;
    this.alsoOwned = alsoOwned;
  }

  private final Map<String, Type> columns;
  private final String listKey;
  private final String listSubquery;
  private final String alsoOwned;

  /**
   * A copy where a row is also in a tenant scope when {@code condition} holds for the scope's
   * tenants (bound at {@code :values}): a device one of whose lines a tenant of the scope owns.
   */
  SqlSearch alsoOwnedThrough(String condition) {
    return new SqlSearch(columns, listKey, listSubquery, condition);
  }

  boolean pushable(Condition c) {
    if (!c.topLevel()) {
      return false;
    }
    if (c.path().equals(listKey)) {
      return (c.operator() == Operator.EQ && c.argument() instanceof String)
          || (c.operator() == Operator.IN && small((List<?>) c.argument())
              && ((List<?>) c.argument()).stream().allMatch(String.class::isInstance));
    }
    if (!columns.containsKey(c.path()) || !COLUMN_OPERATORS.contains(c.operator())) {
      return false;
    }
    return !(c.argument() instanceof List<?> list) || small(list)
        || !(c.operator() == Operator.IN || c.operator() == Operator.NIN);
  }

  private static boolean small(List<?> list) {
    return list.size() <= MAX_LIST;
  }

  /** A WHERE clause (without the keyword) and its parameters; {@code 1 = 1} when nothing applies. */
  record Where(String sql, Map<String, Object> parameters) {
    Query bind(Query query) {
      parameters.forEach(query::bind);
      return query;
    }
  }

  Where where(Selector pushed, TenantScope scope, String tenantColumn) {
    var clauses = new ArrayList<String>();
    var parameters = new LinkedHashMap<String, Object>();
    if (!scope.unrestricted()) {
      var inList = placeholders(List.copyOf(scope.tenants()), parameters);
      String owned = inList.isEmpty() ? "1 = 0" : tenantColumn + " IN (" + inList + ")";
      if (alsoOwned != null && !inList.isEmpty()) {
        owned = "(" + owned + " OR " + alsoOwned.replace(":values", inList) + ")";
      }
      clauses.add(scope.includeUnowned() ? "(" + owned + " OR " + tenantColumn + " IS NULL)" : owned);
    }
    for (Condition c : pushed.conditions()) {
      clauses.add(c.path().equals(listKey) ? listClause(c, parameters) : columnClause(c, parameters));
    }
    return new Where(clauses.isEmpty() ? "1 = 1" : String.join(" AND ", clauses), parameters);
  }

  private String listClause(Condition c, Map<String, Object> parameters) {
    List<?> values = c.operator() == Operator.EQ ? List.of(c.argument()) : (List<?>) c.argument();
    String in = placeholders(values, parameters);
    return in.isEmpty() ? "1 = 0" : "id IN (" + listSubquery.replace(":values", in) + ")";
  }

  private String columnClause(Condition c, Map<String, Object> parameters) {
    String col = c.path();
    Type type = columns.get(col);
    Class<?> kind = type == Type.TEXT ? String.class : Boolean.class;
    Object arg = c.argument();
    return switch (c.operator()) {
      case EQ -> kind.isInstance(arg) ? col + " = " + param(arg, parameters) : "1 = 0";
      case NE -> kind.isInstance(arg) ? "(" + col + " IS NULL OR " + col + " <> " + param(arg, parameters) + ")" : "1 = 1";
      case IN -> {
        String in = placeholders(((List<?>) arg).stream().filter(kind::isInstance).toList(), parameters);
        yield in.isEmpty() ? "1 = 0" : col + " IN (" + in + ")";
      }
      case NIN -> {
        String in = placeholders(((List<?>) arg).stream().filter(kind::isInstance).toList(), parameters);
        yield in.isEmpty() ? "1 = 1" : "(" + col + " IS NULL OR " + col + " NOT IN (" + in + "))";
      }
      case EXISTS -> (Boolean) arg ? col + " IS NOT NULL" : col + " IS NULL";
      default -> throw new IllegalArgumentException("not pushable: " + c);
    };
  }

  private static String placeholders(List<?> values, Map<String, Object> parameters) {
    var names = new ArrayList<String>();
    for (Object v : values) {
      names.add(param(v, parameters));
    }
    return String.join(", ", names);
  }

  private static String param(Object value, Map<String, Object> parameters) {
    String name = "p" + parameters.size();
    parameters.put(name, value);
    return ":" + name;
  }
}
