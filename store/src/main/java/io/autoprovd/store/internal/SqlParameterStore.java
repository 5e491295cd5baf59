package io.autoprovd.store.internal;

import io.autoprovd.store.ParameterStore;
import io.autoprovd.store.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ParameterStore} on SQLite or PostgreSQL. Uniqueness of provisioning keys is the partial
 * unique index {@code parameters_provisioning_key}: the database decides between racing tenants.
 */
public final class SqlParameterStore implements ParameterStore {
  private static final String SELECT = "SELECT id, value FROM parameters WHERE scope = :scope ORDER BY id";
  private static final String UPSERT = """
      INSERT INTO parameters (scope, id, value) VALUES (:scope, :id, :value)
      ON CONFLICT (scope, id) DO UPDATE SET value = excluded.value""";
  private static final String DELETE = "DELETE FROM parameters WHERE scope = :scope AND id = :id";

  private final Database db;

  public SqlParameterStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Map<String, String> scope(String scope) {
    Objects.requireNonNull(scope, "scope");
    return db.read("parameters", h -> {
      var values = new LinkedHashMap<String, String>();
      h.createQuery(SELECT).bind("scope", scope)
          .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("value")))
          .forEach(e -> values.put(e.getKey(), e.getValue()));
      return Map.copyOf(values);
    });
  }

  @Override
  public Write put(String scope, String id, String value) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    try {
      db.write("putParameter", h -> value == null
          ? h.createUpdate(DELETE).bind("scope", scope).bind("id", id).execute()
          : h.createUpdate(UPSERT).bind("scope", scope).bind("id", id).bind("value", value).execute());
      return new Write.Stored();
    } catch (StoreException e) {
      if (db.dialect().isUniqueViolation(e)) {
        return new Write.Duplicate(id);
      }
      throw e;
    }
  }
}
