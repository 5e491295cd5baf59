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

  /**
   * A page of a REST device list (tenant scope, an equality on an indexed field, limit 100) reads an
   * index in id order and stops at the page's end: no sort of every match (issue 3's 100,000
   * devices of one plugin).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"plugin", "vendor", "model", "config", "ip"})
  void aPagedSearchOnAnIndexedField_withinATenant_needsNoSort(String field) {
    // given
    Store.open(settings()).close();
    var query = io.autoprovd.core.search.Query.of(io.autoprovd.core.search.Selector.parse(java.util.Map.of(field, "x")))
        .withScope(io.autoprovd.core.search.TenantScope.of(java.util.Set.of(io.autoprovd.core.tenant.Tenant.MASTER_UUID), false))
        .withPage(0, 100);
    var statement = io.autoprovd.store.internal.SqlDeviceStore.searchStatement(query);

    // when
    String plan = jdbi().withHandle(h -> {
      var q = h.createQuery("EXPLAIN QUERY PLAN " + statement.sql());
      statement.parameters().forEach(q::bind);
      return q.map((rs, ctx) -> rs.getString("detail")).stream().collect(Collectors.joining("\n"));
    });

    // then
    assertThat(statement.pagedInSql()).isTrue();
    assertThat(plan).as(plan).doesNotContain("TEMP B-TREE").containsPattern("USING (COVERING )?INDEX devices_");
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
