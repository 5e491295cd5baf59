package io.autoprovd.store.internal;

import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.ProvisioningCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link CodeStore} on SQLite or PostgreSQL; the {@code provisioning_codes} table of migration V6.
 * Claims are compare-and-set in SQL ({@code WHERE claimed_by IS NOT DISTINCT FROM the expected
 * claimant}), so two devices racing for one code cannot both win.
 */
public final class SqlCodeStore implements CodeStore {
  private static final String COLUMNS = "code, config_id, tenant_uuid, created_at, claimed_by, claimed_at";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM provisioning_codes ";
  public static final String FIND = SELECT + "WHERE code = :code";
  private static final String LIST = SELECT + "ORDER BY code";
  public static final String FIND_BY_CONFIG = SELECT + "WHERE config_id = :configId ORDER BY code";
  public static final String FIND_BY_CLAIMANT = SELECT + "WHERE claimed_by = :deviceId ORDER BY code";
  private static final String INSERT = "INSERT INTO provisioning_codes (" + COLUMNS + """
      ) VALUES (:code, :configId, :tenantUuid, :createdAt, :claimedBy, :claimedAt)
      ON CONFLICT DO NOTHING""";
  private static final String CLAIM_FREE = """
      UPDATE provisioning_codes SET claimed_by = :deviceId, claimed_at = :at
      WHERE code = :code AND claimed_by IS NULL""";
  private static final String CLAIM_HELD = """
      UPDATE provisioning_codes SET claimed_by = :deviceId, claimed_at = :at
      WHERE code = :code AND claimed_by = :expected""";
  private static final String RELEASE = """
      UPDATE provisioning_codes SET claimed_by = NULL, claimed_at = NULL
      WHERE code = :code AND claimed_by = :deviceId""";
  private static final String REVOKE = "DELETE FROM provisioning_codes WHERE code = :code";

  private final Database db;

  public SqlCodeStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Optional<ProvisioningCode> find(String code) {
    return db.read("findCode", h -> find(h, code));
  }

  @Override
  public List<ProvisioningCode> list() {
    return db.read("listCodes", h -> h.createQuery(LIST).map(SqlCodeStore::map).list());
  }

  @Override
  public List<ProvisioningCode> findByConfig(String configId) {
    return db.read("findCodesByConfig", h ->
        h.createQuery(FIND_BY_CONFIG).bind("configId", configId).map(SqlCodeStore::map).list());
  }

  @Override
  public List<ProvisioningCode> findByClaimant(String deviceId) {
    return db.read("findCodesByClaimant", h ->
        h.createQuery(FIND_BY_CLAIMANT).bind("deviceId", deviceId).map(SqlCodeStore::map).list());
  }

  @Override
  public Insertion insert(ProvisioningCode code) {
    Objects.requireNonNull(code, "code");
    return db.write("insertCode", h -> {
      // ON CONFLICT DO NOTHING covers both unique keys (the code, the line); which one refused is
      // read afterwards, in the same transaction.
      int rows = h.createUpdate(INSERT)
          .bind("code", code.code())
          .bind("configId", code.configId())
          .bind("tenantUuid", code.tenantUuid())
          .bind("createdAt", code.createdAt().toEpochMilli())
          .bind("claimedBy", code.claimedBy())
          .bind("claimedAt", code.claimedAt() == null ? null : code.claimedAt().toEpochMilli())
          .execute();
      if (rows == 1) {
        return new Insertion.Inserted(code);
      }
      var taken = h.createQuery(FIND_BY_CONFIG).bind("configId", code.configId()).map(SqlCodeStore::map).list();
      return taken.isEmpty() ? new Insertion.Duplicate(code.code()) : new Insertion.LineTaken(taken.getFirst());
    });
  }

  @Override
  public Optional<ProvisioningCode> claim(String code, String expectedClaimant, String deviceId, Instant at) {
    Objects.requireNonNull(deviceId, "deviceId");
    return db.write("claimCode", h -> {
      var update = h.createUpdate(expectedClaimant == null ? CLAIM_FREE : CLAIM_HELD)
          .bind("code", code).bind("deviceId", deviceId).bind("at", at.toEpochMilli());
      if (expectedClaimant != null) {
        update.bind("expected", expectedClaimant);
      }
      return update.execute() == 1 ? find(h, code) : Optional.<ProvisioningCode>empty();
    });
  }

  @Override
  public boolean release(String code, String deviceId) {
    return db.write("releaseCode", h ->
        h.createUpdate(RELEASE).bind("code", code).bind("deviceId", deviceId).execute() == 1);
  }

  @Override
  public boolean revoke(String code) {
    return db.write("revokeCode", h -> h.createUpdate(REVOKE).bind("code", code).execute() == 1);
  }

  private static Optional<ProvisioningCode> find(Handle h, String code) {
    return h.createQuery(FIND).bind("code", code).map(SqlCodeStore::map).findOne();
  }

  private static ProvisioningCode map(ResultSet rs, StatementContext ctx) throws SQLException {
    long claimedAt = rs.getLong("claimed_at");
    boolean unclaimed = rs.wasNull();
    return new ProvisioningCode(rs.getString("code"), rs.getString("config_id"), rs.getString("tenant_uuid"),
        Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("claimed_by"),
        unclaimed ? null : Instant.ofEpochMilli(claimedAt));
  }
}
