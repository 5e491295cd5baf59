package io.autoprovd.store.internal;

import io.autoprovd.core.device.Mac;
import io.autoprovd.store.DhcpLease;
import io.autoprovd.store.DhcpLeaseStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link DhcpLeaseStore} on SQLite or PostgreSQL: one upsert per event. */
public final class SqlDhcpLeaseStore implements DhcpLeaseStore {
  private static final String COLUMNS = "ip, mac, op, vendor_class, at";
  private static final String UPSERT = """
      INSERT INTO dhcp_leases (ip, mac, op, vendor_class, at) VALUES (:ip, :mac, :op, :vendorClass, :at)
      ON CONFLICT (ip) DO UPDATE SET
        mac = COALESCE(excluded.mac, dhcp_leases.mac),
        op = excluded.op,
        vendor_class = CASE WHEN excluded.op = 'commit' THEN excluded.vendor_class ELSE dhcp_leases.vendor_class END,
        at = excluded.at
      RETURNING\s""" + COLUMNS;

  private final Database db;

  public SqlDhcpLeaseStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public DhcpLease record(DhcpLease event) {
    Objects.requireNonNull(event, "event");
    return db.write("recordDhcpLease", h -> h.createQuery(UPSERT)
        .bind("ip", event.ip())
        .bind("mac", event.mac() == null ? null : event.mac().value())
        .bind("op", event.op().wireName())
        .bind("vendorClass", event.vendorClass())
        .bind("at", event.at().toEpochMilli())
        .map(SqlDhcpLeaseStore::map)
        .one());
  }

  @Override
  public Optional<DhcpLease> findByIp(String ip) {
    return db.read("findDhcpLease", h -> h.createQuery("SELECT " + COLUMNS + " FROM dhcp_leases WHERE ip = :ip")
        .bind("ip", ip)
        .map(SqlDhcpLeaseStore::map)
        .findOne());
  }

  private static DhcpLease map(ResultSet rs, StatementContext ctx) throws SQLException {
    String mac = rs.getString("mac");
    return new DhcpLease(rs.getString("ip"), mac == null ? null : new Mac(mac),
        DhcpLease.Op.ofWireName(rs.getString("op")), rs.getString("vendor_class"),
        Instant.ofEpochMilli(rs.getLong("at")));
  }
}
