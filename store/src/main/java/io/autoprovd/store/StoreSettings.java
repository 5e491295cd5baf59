package io.autoprovd.store;

import java.nio.file.Path;

/**
 * Where the store keeps its data and how many connections it may hold.
 *
 * <p>Without a {@code jdbcUrl} the store is the embedded SQLite database {@code
 * <dataDir>/autoprovd.db}; with {@code jdbc:postgresql://host:5432/autoprovd} it is that
 * PostgreSQL database. {@code toString()} hides the password, also one written into the URL.
 *
 * @param dataDir directory of the SQLite file; required when {@code jdbcUrl} is null or blank
 * @param jdbcUrl {@code jdbc:postgresql:…} or {@code jdbc:sqlite:…}; null or blank means SQLite in
 *     {@code dataDir}
 * @param username database user, or null (SQLite, or credentials in the URL)
 * @param password database password, or null
 * @param maxPoolSize connections for reads; SQLite adds one connection for writes, PostgreSQL uses
 *     the same pool for both
 */
public record StoreSettings(
    Path dataDir, String jdbcUrl, String username, String password, int maxPoolSize) {

  public static final int DEFAULT_MAX_POOL_SIZE = 8;
  public static final String SQLITE_FILE_NAME = "autoprovd.db";

  private static final String SQLITE_PREFIX = "jdbc:sqlite:";
  private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  public StoreSettings {
    jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.strip();
    if (jdbcUrl == null && dataDir == null) {
      throw new IllegalArgumentException("dataDir: required when jdbcUrl is not set");
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith(SQLITE_PREFIX) && !jdbcUrl.startsWith(POSTGRESQL_PREFIX)) {
      throw new IllegalArgumentException(
          "jdbcUrl: must start with " + POSTGRESQL_PREFIX + " or " + SQLITE_PREFIX + ", was " + mask(jdbcUrl));
    }
    // Every pooled connection to ":memory:" would open its own empty database.
    if (jdbcUrl != null && jdbcUrl.startsWith(SQLITE_PREFIX) && jdbcUrl.contains(":memory:")) {
      throw new IllegalArgumentException("jdbcUrl: an in-memory SQLite database cannot be pooled; use a file");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize: must be at least 1, was " + maxPoolSize);
    }
  }

  /** The embedded default: SQLite in {@code dataDir}. */
  public static StoreSettings sqlite(Path dataDir) {
    return new StoreSettings(dataDir, null, null, null, DEFAULT_MAX_POOL_SIZE);
  }

  /** A PostgreSQL database, e.g. {@code jdbc:postgresql://db.example:5432/autoprovd}. */
  public static StoreSettings postgresql(String jdbcUrl, String username, String password) {
    if (jdbcUrl == null || !jdbcUrl.strip().startsWith(POSTGRESQL_PREFIX)) {
      throw new IllegalArgumentException("jdbcUrl: must start with " + POSTGRESQL_PREFIX);
    }
    return new StoreSettings(null, jdbcUrl, username, password, DEFAULT_MAX_POOL_SIZE);
  }

  public StoreSettings withMaxPoolSize(int newMaxPoolSize) {
    return new StoreSettings(dataDir, jdbcUrl, username, password, newMaxPoolSize);
  }

  /** The URL the store connects to: {@code jdbcUrl}, or the SQLite file in {@code dataDir}. */
  public String resolvedJdbcUrl() {
    return jdbcUrl != null ? jdbcUrl : SQLITE_PREFIX + sqliteFile();
  }

  /** True for SQLite, the embedded default; false for PostgreSQL. */
  public boolean isSqlite() {
    return resolvedJdbcUrl().startsWith(SQLITE_PREFIX);
  }

  /** The SQLite database file when {@code jdbcUrl} is not set. */
  public Path sqliteFile() {
    return dataDir.resolve(SQLITE_FILE_NAME).toAbsolutePath();
  }

  @Override
  public String toString() {
    return "StoreSettings[dataDir=" + dataDir + ", jdbcUrl=" + mask(jdbcUrl) + ", username=" + username
        + ", password=" + (password == null ? null : "****") + ", maxPoolSize=" + maxPoolSize + "]";
  }

  private static String mask(String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }
}
