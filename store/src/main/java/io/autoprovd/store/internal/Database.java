package io.autoprovd.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.autoprovd.store.Health;
import io.autoprovd.store.StoreException;
import io.autoprovd.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pools of one database, with reads and writes kept apart.
 *
 * <p>SQLite has a single writer. Writers that race for its lock spin in {@code busy_timeout} and
 * burn a core each; so all writes go through one pooled connection and wait their turn in the pool,
 * which parks a virtual thread cheaply. Reads use a separate pool: in WAL mode they never wait for
 * the writer. PostgreSQL handles concurrent writers itself and uses one pool for both.
 */
public final class Database implements AutoCloseable {
  private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

  private final Dialect dialect;
  private final String description;
  private final HikariDataSource readPool;
  private final HikariDataSource writePool;
  private final Jdbi reads;
  private final Jdbi writes;

  private Database(Dialect dialect, String description, HikariDataSource readPool, HikariDataSource writePool) {
    this.dialect = dialect;
    this.description = description;
    this.readPool = readPool;
    this.writePool = writePool;
    this.reads = Jdbi.create(readPool);
    this.writes = readPool == writePool ? reads : Jdbi.create(writePool);
  }

  /** Migrates the schema, then opens the pools. */
  public static Database open(StoreSettings settings) {
    String url = settings.resolvedJdbcUrl();
    Dialect dialect = Dialect.of(url);
    return switch (dialect) {
      case SQLITE -> openSqlite(settings, url);
      case POSTGRESQL -> openPostgresql(settings, url);
    };
  }

  private static Database openSqlite(StoreSettings settings, String url) {
    if (settings.jdbcUrl() == null) {
      try {
        Files.createDirectories(settings.dataDir());
      } catch (IOException e) {
        throw new StoreException("cannot create data directory " + settings.dataDir() + ": " + e.getMessage(), e);
      }
    }
    migrate(sqliteDataSource(url), Dialect.SQLITE);
    HikariDataSource writePool = null;
    try {
      writePool = pool("autoprovd-sqlite-write", sqliteDataSource(url), 1, null);
      // query_only turns a write sent to a reader by mistake into an error, not a second writer.
      HikariDataSource readPool =
          pool("autoprovd-sqlite-read", sqliteDataSource(url), settings.maxPoolSize(), "PRAGMA query_only = true");
      return new Database(Dialect.SQLITE, "sqlite " + url.substring("jdbc:sqlite:".length()), readPool, writePool);
    } catch (RuntimeException e) {
      if (writePool != null) {
        writePool.close();
      }
      throw new StoreException("cannot open " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every SQLite connection is opened with the same pragmas. WAL lets readers run beside the
   * writer. {@code synchronous=FULL} syncs the WAL on every commit: in WAL mode NORMAL only syncs
   * at checkpoints, so a power loss can undo commits that already returned; the store promises
   * that a returned write is durable, and one fsync per commit is cheap at provisioning rates.
   * IMMEDIATE transactions take the write lock at BEGIN, so a transaction never fails half-way on
   * SQLITE_BUSY when it first writes; busy_timeout covers other processes (a CLI, a backup).
   */
  private static DataSource sqliteDataSource(String url) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(url);
    return dataSource;
  }

  private static Database openPostgresql(StoreSettings settings, String url) {
    migrate(Flyway.configure().dataSource(url, settings.username(), settings.password()), Dialect.POSTGRESQL);
    HikariConfig config = new HikariConfig();
    config.setPoolName("autoprovd-postgresql");
    config.setJdbcUrl(url);
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    try {
      HikariDataSource pool = new HikariDataSource(config);
      // The query string may carry a password; the description goes into health reports.
      return new Database(Dialect.POSTGRESQL, "postgresql " + url.split("\\?", 2)[0], pool, pool);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open PostgreSQL pool for " + settings + ": " + e.getMessage(), e);
    }
  }

  private static HikariDataSource pool(String name, DataSource dataSource, int size, String initSql) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    if (initSql != null) {
      config.setConnectionInitSql(initSql);
    }
    return new HikariDataSource(config);
  }

  private static void migrate(DataSource dataSource, Dialect dialect) {
    migrate(Flyway.configure().dataSource(dataSource), dialect);
  }

  // Flyway runs before the pools open, on its own unpooled connections: it may hold two at once,
  // and the SQLite write pool has one.
  private static void migrate(FluentConfiguration flyway, Dialect dialect) {
    try {
      flyway.locations(dialect.migrations()).load().migrate();
    } catch (FlywayException e) {
      throw new StoreException("schema migration failed on " + dialect + ": " + e.getMessage(), e);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Runs {@code callback} on a read connection, outside any transaction. */
  public <T> T read(String operation, HandleCallback<T, RuntimeException> callback) {
    try {
      return reads.withHandle(callback);
    } catch (JdbiException e) {
      throw failed(operation, e);
    }
  }

  /** Runs {@code callback} in one transaction on a write connection: all of it commits, or none. */
  public <T> T write(String operation, HandleCallback<T, RuntimeException> callback) {
    try {
      return writes.inTransaction(callback);
    } catch (JdbiException e) {
      throw failed(operation, e);
    }
  }

  private static StoreException failed(String operation, JdbiException e) {
    return new StoreException(operation + " failed: " + e.getMessage(), e);
  }

  public Health check() {
    if (readPool.isClosed()) {
      return Health.unhealthy(description + ": closed");
    }
    try {
      reads.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      var pool = readPool.getHikariPoolMXBean();
      return Health.healthy(description + ": " + pool.getActiveConnections() + " active, "
          + pool.getIdleConnections() + " idle, " + pool.getThreadsAwaitingConnection() + " waiting");
    } catch (JdbiException e) {
      return Health.unhealthy(description + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    writePool.close();
    readPool.close();
  }
}
