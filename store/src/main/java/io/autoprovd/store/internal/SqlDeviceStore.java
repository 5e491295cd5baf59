package io.autoprovd.store.internal;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.search.DocumentViews;
import io.autoprovd.core.search.Query;
import io.autoprovd.core.search.Search;
import io.autoprovd.core.search.Selector;
import io.autoprovd.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link DeviceStore} on SQLite or PostgreSQL, with the same SQL on both.
 *
 * <p>Uniqueness (id, MAC) and compare-and-set are left to the database: {@code INSERT … ON CONFLICT
 * DO NOTHING} and {@code UPDATE … WHERE revision = ?} are atomic on both dialects, so no lock in
 * this class decides who wins. {@code lastSeen} is kept in epoch milliseconds: what is returned is
 * what is stored, at that precision.
 */
public final class SqlDeviceStore implements DeviceStore {
  private static final String COLUMNS = """
      id, mac, sn, uuid, ip, vendor, model, version, plugin, config, configured, configured_reason,
      tenant_uuid, is_new, added, description, options, extra, line_tenants, remote_state_sip_username,
      last_seen, revision""";

  private static final String SELECT = "SELECT " + COLUMNS + " FROM devices ";

  public static final String FIND_BY_ID = SELECT + "WHERE id = :id";
  public static final String FIND_BY_MAC = SELECT + "WHERE mac = :mac";
  // seq numbers rows in insertion order, so "oldest" means inserted first.
  public static final String FIND_BY_SERIAL = SELECT + "WHERE sn = :sn ORDER BY seq LIMIT 1";
  public static final String FIND_BY_UUID = SELECT + "WHERE uuid = :uuid ORDER BY seq LIMIT 1";
  public static final String FIND_BY_IP = SELECT + "WHERE ip = :ip ORDER BY id";
  public static final String FIND_BY_CONFIG = SELECT + "WHERE config = :config ORDER BY id";
  public static final String FIND_BY_PLUGIN = SELECT + "WHERE plugin = :plugin ORDER BY id";
  public static final String FIND_BY_TENANT = SELECT + "WHERE tenant_uuid = :tenantUuid ORDER BY id";
  private static final String LIST = SELECT + "ORDER BY id LIMIT :limit OFFSET :offset";
  private static final String COUNT = "SELECT count(*) FROM devices";

  private static final String INSERT = "INSERT INTO devices (" + COLUMNS + """
      ) VALUES (:id, :mac, :sn, :uuid, :ip, :vendor, :model, :version, :plugin, :config, :configured,
      :configuredReason, :tenantUuid, :isNew, :added, :description, :options, :extra, :lineTenants,
      :remoteStateSipUsername, :lastSeen, 1)
      ON CONFLICT DO NOTHING""";

  private static final String UPDATE = """
      UPDATE devices SET mac = :mac, sn = :sn, uuid = :uuid, ip = :ip, vendor = :vendor, model = :model,
      version = :version, plugin = :plugin, config = :config, configured = :configured,
      configured_reason = :configuredReason, tenant_uuid = :tenantUuid, is_new = :isNew, added = :added,
      description = :description, options = :options, extra = :extra, line_tenants = :lineTenants,
      remote_state_sip_username = :remoteStateSipUsername, last_seen = :lastSeen, revision = revision + 1
      WHERE id = :id AND revision = :revision
      RETURNING""" + " " + COLUMNS;

  private static final String DELETE = "DELETE FROM devices WHERE id = :id";

  private static final String CLEAR_LINE_TENANTS = "DELETE FROM device_line_tenants WHERE device_id = :id";
  private static final String ADD_LINE_TENANT =
      "INSERT INTO device_line_tenants (device_id, line, tenant_uuid) VALUES (:id, :line, :tenantUuid)";
  /** Devices one of whose lines belongs to a tenant of the scope (see {@link SqlSearch#where}). */
  private static final String LINE_OWNERS =
      "id IN (SELECT device_id FROM device_line_tenants WHERE tenant_uuid IN (:values))";

  // No revision bump: last-seen is not configuration (see DeviceStore.touch).
  private static final String TOUCH = """
      UPDATE devices SET last_seen = :lastSeen
      WHERE id = :id AND (last_seen IS NULL OR last_seen < :lastSeen)""";

  // Document keys stored in a column of the same name, so a selector on them is answered in SQL.
  // last_seen is not here: the document has an ISO string, the column epoch milliseconds.
  private static final SqlSearch SEARCH = new SqlSearch(Map.ofEntries(
      Map.entry("id", SqlSearch.Type.TEXT), Map.entry("mac", SqlSearch.Type.TEXT),
      Map.entry("sn", SqlSearch.Type.TEXT), Map.entry("uuid", SqlSearch.Type.TEXT),
      Map.entry("ip", SqlSearch.Type.TEXT), Map.entry("vendor", SqlSearch.Type.TEXT),
      Map.entry("model", SqlSearch.Type.TEXT), Map.entry("version", SqlSearch.Type.TEXT),
      Map.entry("plugin", SqlSearch.Type.TEXT), Map.entry("config", SqlSearch.Type.TEXT),
      Map.entry("tenant_uuid", SqlSearch.Type.TEXT), Map.entry("added", SqlSearch.Type.TEXT),
      Map.entry("description", SqlSearch.Type.TEXT), Map.entry("configured_reason", SqlSearch.Type.TEXT),
      Map.entry("remote_state_sip_username", SqlSearch.Type.TEXT),
      Map.entry("configured", SqlSearch.Type.BOOLEAN), Map.entry("is_new", SqlSearch.Type.BOOLEAN)),
      null, null).alsoOwnedThrough(LINE_OWNERS);

  // A concurrent delete can remove the row that made our insert a no-op before we read it.
  private static final int INSERT_ATTEMPTS = 3;

  /** A batch is one transaction; bounded so that one commit never holds the writer for long. */
  private static final int MAX_BATCH = 64;

  private final Database db;
  private final java.util.concurrent.ConcurrentLinkedQueue<PendingInsert> insertQueue =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  // SQLite has one write connection: this lock only decides who drives the next group commit.
  private final java.util.concurrent.locks.ReentrantLock batchLock = new java.util.concurrent.locks.ReentrantLock();

  public SqlDeviceStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void touch(Map<String, Instant> lastSeenById) {
    if (lastSeenById.isEmpty()) {
      return;
    }
    db.write("touch", h -> {
      var batch = h.prepareBatch(TOUCH);
      lastSeenById.forEach((id, at) -> batch.bind("id", id).bind("lastSeen", at.toEpochMilli()).add());
      return batch.execute();
    });
  }

  @Override
  public Optional<Device> findById(String id) {
    return db.read("findById", h -> findById(h, id));
  }

  @Override
  public Optional<Device> findByMac(Mac mac) {
    return db.read("findByMac", h -> findByMac(h, mac));
  }

  @Override
  public Optional<Device> findBySerial(String sn) {
    return db.read("findBySerial", h -> h.createQuery(FIND_BY_SERIAL).bind("sn", sn).map(SqlDeviceStore::map).findOne());
  }

  @Override
  public Optional<Device> findByUuid(String uuid) {
    return db.read("findByUuid", h -> h.createQuery(FIND_BY_UUID).bind("uuid", uuid).map(SqlDeviceStore::map).findOne());
  }

  @Override
  public List<Device> findByIp(String ip) {
    return all("findByIp", FIND_BY_IP, "ip", ip);
  }

  @Override
  public List<Device> findByConfig(String configId) {
    return all("findByConfig", FIND_BY_CONFIG, "config", configId);
  }

  @Override
  public List<Device> findByPlugin(String pluginId) {
    return all("findByPlugin", FIND_BY_PLUGIN, "plugin", pluginId);
  }

  @Override
  public List<Device> findByTenant(String tenantUuid) {
    return all("findByTenant", FIND_BY_TENANT, "tenantUuid", tenantUuid);
  }

  @Override
  public List<Device> list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must not be negative, was " + offset);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit: must not be negative, was " + limit);
    }
    return db.read("list", h -> h.createQuery(LIST)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(SqlDeviceStore::map)
        .list());
  }

  /**
   * Conditions on columns and the tenant scope become the WHERE clause. When nothing is left for
   * Java and no sort is asked, the page is cut in SQL too ({@code ORDER BY id LIMIT … OFFSET …},
   * both indexed); otherwise rows are streamed in id order through {@link Search}, which stops
   * reading once an unsorted page is full.
   */
  @Override
  public List<Device> search(Query query) {
    var statement = searchStatement(query);
    return db.read("search", h -> {
      var q = h.createQuery(statement.sql());
      statement.parameters().forEach(q::bind);
      if (statement.pagedInSql()) {
        return q.map(SqlDeviceStore::map).list();
      }
      try (Stream<Device> rows = q.map(SqlDeviceStore::map).stream()) {
        return Search.apply(query, rows, statement.residual(), DocumentViews::device);
      }
    });
  }

  /** The SQL {@link #search} runs for a query, its parameters, and what is left for Java. */
  public record SearchStatement(String sql, Map<String, Object> parameters, boolean pagedInSql, Selector residual) {}

  /** The statement of {@link #search}; public so that tests can check its query plan. */
  public static SearchStatement searchStatement(Query query) {
    Objects.requireNonNull(query, "query");
    var split = query.selector().split(SEARCH::pushable);
    var where = SEARCH.where(split.pushed(), query.scope(), "tenant_uuid");
    boolean pagedInSql = split.residual().conditions().isEmpty() && query.sort() == null;
    var parameters = new LinkedHashMap<String, Object>(where.parameters());
    if (pagedInSql) {
      parameters.put("limit", query.limit() > 0 ? query.limit() : Long.MAX_VALUE);
      parameters.put("skip", query.skip());
    }
    String sql = SELECT + "WHERE " + where.sql() + " ORDER BY id" + (pagedInSql ? " LIMIT :limit OFFSET :skip" : "");
    return new SearchStatement(sql, parameters, pagedInSql, split.residual());
  }

  @Override
  public long count() {
    return db.read("count", h -> h.createQuery(COUNT).mapTo(Long.class).one());
  }

  /**
   * On SQLite, concurrent inserts are committed together (group commit): SQLite has one writer
   * and every commit waits for an fsync (synchronous=FULL), so one transaction per new device caps
   * creation at the disk's fsync rate (about 200/s here). Callers queue their device; whoever holds
   * the batch lock inserts everything queued, in order, in one transaction, commits once, and hands
   * each caller its own result. A caller returns only after the commit that holds its row, so the
   * durability promise is unchanged; if the batch's transaction fails, each of its devices is
   * retried in a transaction of its own, so one bad row fails only its own caller. PostgreSQL has
   * concurrent writers and keeps one transaction per insert.
   */
  @Override
  public Insertion insertIfAbsent(Device device) {
    Objects.requireNonNull(device, "device");
    if (db.dialect() != Dialect.SQLITE) {
      return db.write("insertIfAbsent", h -> insert(h, device));
    }
    var pending = new PendingInsert(device);
    insertQueue.add(pending);
    batchLock.lock();
    try {
      while (pending.result == null && pending.failure == null) {
        var batch = new ArrayList<PendingInsert>();
        for (PendingInsert p; batch.size() < MAX_BATCH && (p = insertQueue.poll()) != null; ) {
          batch.add(p);
        }
        insertBatch(batch);
      }
    } finally {
      batchLock.unlock();
    }
    if (pending.failure != null) {
      throw pending.failure;
    }
    return pending.result;
  }

  /** One caller's device and, once its batch committed, its result. Guarded by {@link #batchLock}. */
  private static final class PendingInsert {
    final Device device;
    Insertion result;
    RuntimeException failure;

    PendingInsert(Device device) {
      this.device = device;
    }
  }

  private void insertBatch(List<PendingInsert> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      var results = db.write("insertIfAbsent", h -> {
        var out = new ArrayList<Insertion>(batch.size());
        for (PendingInsert p : batch) {
          out.add(insert(h, p.device));
        }
        return out;
      });
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result = results.get(i);
      }
    } catch (RuntimeException batchFailure) {
      for (PendingInsert p : batch) {
        try {
          p.result = db.write("insertIfAbsent", h -> insert(h, p.device));
        } catch (RuntimeException e) {
          p.failure = e;
        }
      }
    }
  }

  private static Insertion insert(Handle h, Device device) {
    for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
      // The row is the device as given, at revision 1: no need to read it back (issue 3's create rate).
      if (bind(h.createUpdate(INSERT), device).execute() == 1) {
        Device inserted = device.toBuilder().revision(1).build();
        writeLineTenants(h, inserted);
        return new Insertion.Inserted(inserted);
      }
      // On PostgreSQL the conflicting insert may have committed after our snapshot began; each
      // statement of a READ COMMITTED transaction sees it.
      Optional<Device> existing = findById(h, device.id())
          .or(() -> device.mac() == null ? Optional.empty() : findByMac(h, device.mac()));
      if (existing.isPresent()) {
        return new Insertion.Existing(existing.get());
      }
    }
    throw new StoreException("insertIfAbsent: device " + device.id() + " conflicted " + INSERT_ATTEMPTS
        + " times with a row that was gone when read back");
  }

  @Override
  public Update update(Device device) {
    Objects.requireNonNull(device, "device");
    try {
      return db.write("update", h -> {
        Optional<Device> updated = bind(h.createQuery(UPDATE), device)
            .bind("revision", device.revision())
            .map(SqlDeviceStore::map)
            .findOne();
        if (updated.isPresent()) {
          writeLineTenants(h, updated.get());
          return new Update.Updated(updated.get());
        }
        return findById(h, device.id())
            .<Update>map(Update.Stale::new)
            .orElseGet(() -> new Update.Rejected("device " + device.id() + " does not exist"));
      });
    } catch (StoreException e) {
      // mac is the only unique column an update can change.
      if (device.mac() != null && db.dialect().isUniqueViolation(e)) {
        String owner = findByMac(device.mac()).map(Device::id).orElse("another device");
        return new Update.Rejected("mac " + device.mac() + " belongs to device " + owner);
      }
      throw e;
    }
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return db.write("delete", h -> h.createUpdate(DELETE).bind("id", id).execute() > 0);
  }

  /** Mirrors the device's line tenants into the side table, in the writing transaction. */
  private static void writeLineTenants(Handle h, Device d) {
    if (d.lineTenants().isEmpty() && d.revision() <= 1) {
      return; // a new device without handed-out lines: nothing to clear
    }
    h.createUpdate(CLEAR_LINE_TENANTS).bind("id", d.id()).execute();
    if (!d.lineTenants().isEmpty()) {
      var batch = h.prepareBatch(ADD_LINE_TENANT);
      d.lineTenants().forEach((line, tenant) -> batch.bind("id", d.id()).bind("line", line)
          .bind("tenantUuid", tenant).add());
      batch.execute();
    }
  }

  private List<Device> all(String operation, String sql, String name, String value) {
    return db.read(operation, h -> h.createQuery(sql).bind(name, value).map(SqlDeviceStore::map).list());
  }

  private static Optional<Device> findById(Handle h, String id) {
    return h.createQuery(FIND_BY_ID).bind("id", id).map(SqlDeviceStore::map).findOne();
  }

  private static Optional<Device> findByMac(Handle h, Mac mac) {
    return h.createQuery(FIND_BY_MAC).bind("mac", mac.value()).map(SqlDeviceStore::map).findOne();
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Device d) {
    return statement
        .bind("id", d.id())
        .bind("mac", d.mac() == null ? null : d.mac().value())
        .bind("sn", d.sn())
        .bind("uuid", d.uuid())
        .bind("ip", d.ip())
        .bind("vendor", d.vendor())
        .bind("model", d.model())
        .bind("version", d.version())
        .bind("plugin", d.plugin())
        .bind("config", d.config())
        .bind("configured", d.configured())
        .bind("configuredReason", d.configuredReason())
        .bind("tenantUuid", d.tenantUuid())
        .bind("isNew", d.isNew())
        .bind("added", d.added())
        .bind("description", d.description())
        .bind("options", Json.write(d.options()))
        .bind("extra", Json.write(d.extra()))
        .bind("lineTenants", Json.write(d.lineTenants()))
        .bind("remoteStateSipUsername", d.remoteStateSipUsername())
        .bind("lastSeen", d.lastSeen() == null ? null : d.lastSeen().toEpochMilli());
  }

  private static Map<String, String> lineTenants(Map<String, Object> json) {
    var out = new java.util.LinkedHashMap<String, String>();
    json.forEach((line, tenant) -> out.put(line, String.valueOf(tenant)));
    return out;
  }

  private static Device map(ResultSet rs, StatementContext ctx) throws SQLException {
    String mac = rs.getString("mac");
    long lastSeen = rs.getLong("last_seen");
    boolean neverSeen = rs.wasNull();
    return new Device(
        rs.getString("id"),
        mac == null ? null : new Mac(mac),
        rs.getString("sn"),
        rs.getString("uuid"),
        rs.getString("ip"),
        rs.getString("vendor"),
        rs.getString("model"),
        rs.getString("version"),
        rs.getString("plugin"),
        rs.getString("config"),
        rs.getBoolean("configured"),
        rs.getString("configured_reason"),
        rs.getString("tenant_uuid"),
        rs.getBoolean("is_new"),
        rs.getString("added"),
        rs.getString("description"),
        Json.readObject("devices.options", rs.getString("options")),
        Json.readObject("devices.extra", rs.getString("extra")),
        lineTenants(Json.readObject("devices.line_tenants", rs.getString("line_tenants"))),
        rs.getString("remote_state_sip_username"),
        neverSeen ? null : Instant.ofEpochMilli(lastSeen),
        rs.getLong("revision"));
  }
}
