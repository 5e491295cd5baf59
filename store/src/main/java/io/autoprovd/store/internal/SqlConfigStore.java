package io.autoprovd.store.internal;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.search.DocumentViews;
import io.autoprovd.core.search.Query;
import io.autoprovd.core.search.Search;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link ConfigStore} on SQLite or PostgreSQL. {@code parent_ids} keeps the ordered list as JSON,
 * which is what a config is read back from; {@code config_parents} repeats it one row per parent so
 * that {@link #findChildren} is an index look-up. Both are written in the same transaction.
 */
public final class SqlConfigStore implements ConfigStore {
  private static final String COLUMNS =
      "id, parent_ids, raw_config, role, transient, deletable, tenant_uuid, extra, revision";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM configs ";

  public static final String FIND_BY_ID = SELECT + "WHERE id = :id";
  private static final String LIST = SELECT + "ORDER BY id";
  public static final String FIND_CHILDREN =
      SELECT + "WHERE id IN (SELECT config_id FROM config_parents WHERE parent_id = :parentId) ORDER BY id";
  public static final String FIND_BY_ROLE = SELECT + "WHERE role = :role ORDER BY id LIMIT 1";

  private static final String INSERT = "INSERT INTO configs (" + COLUMNS + """
      ) VALUES (:id, :parentIds, :rawConfig, :role, :transient, :deletable, :tenantUuid, :extra, 1)
      ON CONFLICT DO NOTHING""";
  private static final String UPDATE = """
      UPDATE configs SET parent_ids = :parentIds, raw_config = :rawConfig, role = :role,
      transient = :transient, deletable = :deletable, tenant_uuid = :tenantUuid, extra = :extra,
      revision = revision + 1
      WHERE id = :id AND revision = :revision
      RETURNING""" + " " + COLUMNS;
  private static final String INSERT_PARENT =
      "INSERT INTO config_parents (config_id, position, parent_id) VALUES (:configId, :position, :parentId)";
  private static final String DELETE_PARENTS = "DELETE FROM config_parents WHERE config_id = :id";
  private static final String DELETE = "DELETE FROM configs WHERE id = :id";

  // parent_ids is answered from config_parents, the one-row-per-parent mirror of the list.
  private static final SqlSearch SEARCH = new SqlSearch(Map.of(
      "id", SqlSearch.Type.TEXT, "role", SqlSearch.Type.TEXT, "tenant_uuid", SqlSearch.Type.TEXT,
      "transient", SqlSearch.Type.BOOLEAN, "deletable", SqlSearch.Type.BOOLEAN),
      "parent_ids", "SELECT config_id FROM config_parents WHERE parent_id IN (:values)");

  private final Database db;

  public SqlConfigStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Optional<Config> findById(String id) {
    return db.read("findById", h -> h.createQuery(FIND_BY_ID).bind("id", id).map(SqlConfigStore::map).findOne());
  }

  @Override
  public List<Config> list() {
    return db.read("list", h -> h.createQuery(LIST).map(SqlConfigStore::map).list());
  }

  @Override
  public List<Config> search(Query query) {
    Objects.requireNonNull(query, "query");
    var split = query.selector().split(SEARCH::pushable);
    var where = SEARCH.where(split.pushed(), query.scope(), "tenant_uuid");
    String sql = SELECT + "WHERE " + where.sql() + " ORDER BY id";
    return db.read("search", h -> {
      try (Stream<Config> rows = where.bind(h.createQuery(sql)).map(SqlConfigStore::map).stream()) {
        return Search.apply(query, rows, split.residual(), DocumentViews::config);
      }
    });
  }

  @Override
  public List<Config> findChildren(String parentId) {
    return db.read("findChildren",
        h -> h.createQuery(FIND_CHILDREN).bind("parentId", parentId).map(SqlConfigStore::map).list());
  }

  @Override
  public Optional<Config> findByRole(String role) {
    return db.read("findByRole", h -> h.createQuery(FIND_BY_ROLE).bind("role", role).map(SqlConfigStore::map).findOne());
  }

  @Override
  public boolean insert(Config config) {
    Objects.requireNonNull(config, "config");
    return db.write("insert", h -> {
      if (bind(h.createUpdate(INSERT), config).execute() == 0) {
        return false;
      }
      insertParents(h, config);
      return true;
    });
  }

  @Override
  public Optional<Config> update(Config config) {
    Objects.requireNonNull(config, "config");
    return db.write("update", h -> {
      Optional<Config> updated = bind(h.createQuery(UPDATE), config)
          .bind("revision", config.revision())
          .map(SqlConfigStore::map)
          .findOne();
      if (updated.isPresent()) {
        h.createUpdate(DELETE_PARENTS).bind("id", config.id()).execute();
        insertParents(h, config);
      }
      return updated;
    });
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return db.write("delete", h -> {
      // Explicit rather than relying on ON DELETE CASCADE alone, which SQLite applies only when
      // the connection enabled foreign keys.
      h.createUpdate(DELETE_PARENTS).bind("id", id).execute();
      return h.createUpdate(DELETE).bind("id", id).execute() > 0;
    });
  }

  private static void insertParents(Handle h, Config config) {
    if (config.parentIds().isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(INSERT_PARENT);
    for (int i = 0; i < config.parentIds().size(); i++) {
      batch.bind("configId", config.id()).bind("position", i).bind("parentId", config.parentIds().get(i)).add();
    }
    batch.execute();
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Config c) {
    return statement
        .bind("id", c.id())
        .bind("parentIds", Json.write(c.parentIds()))
        .bind("rawConfig", Json.write(c.rawConfig()))
        .bind("role", c.role())
        .bind("transient", c.transientConfig())
        .bind("deletable", c.deletable())
        .bind("tenantUuid", c.tenantUuid())
        .bind("extra", Json.write(c.extra()));
  }

  private static Config map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Config(
        rs.getString("id"),
        Json.readStrings("configs.parent_ids", rs.getString("parent_ids")),
        Json.readObject("configs.raw_config", rs.getString("raw_config")),
        rs.getString("role"),
        rs.getBoolean("transient"),
        rs.getBoolean("deletable"),
        rs.getString("tenant_uuid"),
        Json.readObject("configs.extra", rs.getString("extra")),
        rs.getLong("revision"));
  }
}
