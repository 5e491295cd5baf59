package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import io.autoprovd.store.internal.Database;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dataDir;

  @Override
  protected StoreSettings settings() {
    return StoreSettings.sqlite(dataDir).withMaxPoolSize(2);
  }

  @Override
  protected String queryPlan(String sql, String param, String value) {
    return jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + sql)
        .bind(param, value)
        .map((rs, ctx) -> rs.getString("detail"))
        .stream()
        .collect(Collectors.joining("\n")));
  }

  // "SEARCH devices USING INDEX devices_ip (ip=?)"; a full scan reads "SCAN devices".
  @Override
  protected boolean usesIndex(String plan, String index) {
    return plan.contains("USING INDEX " + index + " (") || plan.contains("USING COVERING INDEX " + index + " (");
  }

  private Jdbi jdbi() {
    return Jdbi.create(settings().resolvedJdbcUrl());
  }

  @Test
  void everyConnection_isInWalModeWithFullSync_busyTimeoutAndForeignKeys_andReadersAreQueryOnly() {
    // given
    try (Database db = Database.open(settings())) {

      // when
      String reader = db.read("pragmas", SqliteStoreTest::pragmas);
      String writer = db.write("pragmas", SqliteStoreTest::pragmas);

      // then: synchronous 2 is FULL
      assertThat(reader).isEqualTo("journal_mode=wal synchronous=2 foreign_keys=1 busy_timeout=10000 query_only=1");
      assertThat(writer).isEqualTo("journal_mode=wal synchronous=2 foreign_keys=1 busy_timeout=10000 query_only=0");
    }
  }

  private static String pragmas(Handle h) {
    return Stream.of("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "query_only")
        .map(p -> p + "=" + h.createQuery("PRAGMA " + p).mapTo(String.class).one())
        .collect(Collectors.joining(" "));
  }
}
