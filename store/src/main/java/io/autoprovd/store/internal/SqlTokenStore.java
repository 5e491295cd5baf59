package io.autoprovd.store.internal;

import io.autoprovd.core.token.ApiToken;
import io.autoprovd.core.token.TokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TokenStore} on SQLite or PostgreSQL; the {@code tokens} table of migration V2. */
public final class SqlTokenStore implements TokenStore {
  private static final String COLUMNS = "id, hash, tenant_uuid, acls, name, description, created_at, expires_at";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM tokens ";
  public static final String FIND_BY_HASH = SELECT + "WHERE hash = :hash";
  private static final String FIND_BY_ID = SELECT + "WHERE id = :id";
  private static final String LIST = SELECT + "ORDER BY created_at, id";
  private static final String INSERT = "INSERT INTO tokens (" + COLUMNS + """
      ) VALUES (:id, :hash, :tenantUuid, :acls, :name, :description, :createdAt, :expiresAt)
      ON CONFLICT DO NOTHING""";
  private static final String TENANT_EXISTS = "SELECT COUNT(*) FROM tenants WHERE uuid = :uuid";
  private static final String DELETE = "DELETE FROM tokens WHERE id = :id";

  private final Database db;

  public SqlTokenStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Insert insert(ApiToken token) {
    Objects.requireNonNull(token, "token");
    return db.write("insertToken", h -> {
      // Checked in the transaction, so an unknown tenant is an answer rather than a foreign-key error.
      if (h.createQuery(TENANT_EXISTS).bind("uuid", token.tenantUuid()).mapTo(Long.class).one() == 0) {
        return new Insert.UnknownTenant(token.tenantUuid());
      }
      int rows = h.createUpdate(INSERT)
          .bind("id", token.id())
          .bind("hash", token.hash())
          .bind("tenantUuid", token.tenantUuid())
          .bind("acls", Json.write(token.acls()))
          .bind("name", token.name())
          .bind("description", token.description())
          .bind("createdAt", token.createdAt().toEpochMilli())
          .bind("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toEpochMilli())
          .execute();
      if (rows == 1) {
        return new Insert.Inserted(token);
      }
      return new Insert.Duplicate(find(h, FIND_BY_ID, "id", token.id()).isPresent()
          ? "a token with id " + token.id() + " exists" : "a token with that hash exists");
    });
  }

  @Override
  public Optional<ApiToken> findByHash(String hash) {
    return db.read("findTokenByHash", h -> find(h, FIND_BY_HASH, "hash", hash));
  }

  @Override
  public Optional<ApiToken> findById(String id) {
    return db.read("findTokenById", h -> find(h, FIND_BY_ID, "id", id));
  }

  @Override
  public List<ApiToken> list() {
    return db.read("listTokens", h -> h.createQuery(LIST).map(SqlTokenStore::map).list());
  }

  @Override
  public Optional<ApiToken> revoke(String id) {
    return db.write("revokeToken", h -> {
      Optional<ApiToken> token = find(h, FIND_BY_ID, "id", id);
      token.ifPresent(t -> h.createUpdate(DELETE).bind("id", id).execute());
      return token;
    });
  }

  private static Optional<ApiToken> find(Handle h, String sql, String param, String value) {
    return h.createQuery(sql).bind(param, value).map(SqlTokenStore::map).findOne();
  }

  private static ApiToken map(ResultSet rs, StatementContext ctx) throws SQLException {
    long expiresAt = rs.getLong("expires_at");
    boolean neverExpires = rs.wasNull();
    return new ApiToken(rs.getString("id"), rs.getString("hash"), rs.getString("tenant_uuid"),
        Json.readStrings("acls", rs.getString("acls")), rs.getString("name"), rs.getString("description"),
        Instant.ofEpochMilli(rs.getLong("created_at")), neverExpires ? null : Instant.ofEpochMilli(expiresAt));
  }
}
