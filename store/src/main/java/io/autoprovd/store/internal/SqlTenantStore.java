package io.autoprovd.store.internal;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.store.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TenantStore} on SQLite or PostgreSQL. */
public final class SqlTenantStore implements TenantStore {
  private static final String SELECT = "SELECT uuid, name, parent_uuid FROM tenants ";
  private static final String INSERT = """
      INSERT INTO tenants (uuid, name, parent_uuid) VALUES (:uuid, :name, :parentUuid)
      ON CONFLICT DO NOTHING""";

  private final Database db;

  public SqlTenantStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Optional<Tenant> findById(String uuid) {
    return db.read("findTenant", h -> h.createQuery(SELECT + "WHERE uuid = :uuid")
        .bind("uuid", uuid)
        .map(SqlTenantStore::map)
        .findOne());
  }

  @Override
  public List<Tenant> list() {
    return db.read("listTenants", h -> h.createQuery(SELECT + "ORDER BY uuid")
        .map(SqlTenantStore::map)
        .list());
  }

  @Override
  public boolean insert(Tenant tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return db.write("insertTenant", h -> h.createUpdate(INSERT)
        .bind("uuid", tenant.uuid())
        .bind("name", tenant.name())
        .bind("parentUuid", tenant.parentUuid())
        .execute() > 0);
  }

  private static Tenant map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Tenant(rs.getString("uuid"), rs.getString("name"), rs.getString("parent_uuid"));
  }
}
