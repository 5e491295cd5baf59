package io.autoprovd.store;

import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** On a real PostgreSQL; aborted with the reason when it cannot start. */
class PostgresStoreTest extends StoreContract {
  private static StoreSettings database;

  @BeforeAll
  static void createDatabase() {
    database = EmbeddedPostgresServer.sharedOrAbort().newDatabase();
  }

  @BeforeEach
  void emptyDatabase() {
    EmbeddedPostgresServer.empty(database);
  }

  @Override
  protected StoreSettings settings() {
    return database;
  }

  // The tables are nearly empty, so the planner would rightly scan them; with sequential scans
  // off it shows whether an index can answer the query at all.
  @Override
  protected String queryPlan(String sql, String param, String value) {
    return Jdbi.create(database.jdbcUrl()).withHandle(h -> {
      h.execute("SET enable_seqscan = off");
      return h.createQuery("EXPLAIN " + sql)
          .bind(param, value)
          .map((rs, ctx) -> rs.getString(1))
          .stream()
          .collect(Collectors.joining("\n"));
    });
  }

  // "Index Scan using devices_ip on devices" or "Bitmap Index Scan on devices_ip".
  @Override
  protected boolean usesIndex(String plan, String index) {
    return (plan.contains("Index Scan using " + index + " ") || plan.contains("Index Scan on " + index))
        && !plan.contains("Seq Scan");
  }
}
