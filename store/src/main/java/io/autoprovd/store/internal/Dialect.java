package io.autoprovd.store.internal;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The two databases the store runs on. The SQL is shared; schemas and pooling differ. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String name;

  Dialect(String name) {
    this.name = name;
  }

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("jdbcUrl: unsupported database: " + jdbcUrl);
  }

  /** Flyway location; each dialect has its own scripts, versioned in step. */
  public String migrations() {
    return "classpath:db/migration/" + name;
  }

  /** True if {@code failure} or one of its causes is a UNIQUE constraint violation. */
  public boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && isUniqueViolation(sql)) {
        return true;
      }
    }
    return false;
  }

  private boolean isUniqueViolation(SQLException e) {
    return switch (this) {
      case SQLITE -> e instanceof SQLiteException s
          && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
              || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
      case POSTGRESQL -> "23505".equals(e.getSQLState());
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
