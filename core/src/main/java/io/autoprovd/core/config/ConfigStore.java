package io.autoprovd.core.config;

import io.autoprovd.core.search.DocumentViews;
import io.autoprovd.core.search.Query;
import io.autoprovd.core.search.Search;
import java.util.List;
import java.util.Optional;

/**
 * Where config documents live. Thread-safe; a method returns after its write is durable.
 * Infrastructure failures throw {@code StoreException}; expected outcomes are values.
 */
public interface ConfigStore {

  Optional<Config> findById(String id);

  /** Every config, ordered by id. Configs are few (one per device at most, plus templates). */
  List<Config> list();

  /**
   * The configs a query selects, evaluated on their REST document form ({@link
   * DocumentViews#config}); configs without a tenant are the shared ones. This default evaluates
   * everything in Java over {@link #list}; SQL stores answer indexed conditions in SQL.
   */
  default List<Config> search(Query query) {
    return Search.inMemory(query, list().stream(), Config::tenantUuid, DocumentViews::config);
  }

  /** Configs that name {@code parentId} among their parents (indexed). */
  List<Config> findChildren(String parentId);

  /** The first config (by id) with that role, e.g. {@code autocreate}. */
  Optional<Config> findByRole(String role);

  /** Inserts with revision 1; false if a config with that id exists (nothing is written). */
  boolean insert(Config config);

  /**
   * Replaces the config if its revision still equals {@code config.revision()}, storing it with
   * the revision incremented. Empty when the id is unknown or the revision is stale.
   */
  Optional<Config> update(Config config);

  /** True if a config with that id existed. */
  boolean delete(String id);
}
