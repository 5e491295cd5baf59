package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.core.token.ApiToken;
import io.autoprovd.store.internal.SqlTokenStore;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTokenStoreTest extends TokenStoreContract {
  @TempDir Path dataDir;
  private Store opened;

  @Override
  protected Store store() {
    if (opened == null) {
      opened = Store.open(StoreSettings.sqlite(dataDir).withMaxPoolSize(2));
    }
    return opened;
  }

  @AfterEach
  void closeStore() {
    if (opened != null) {
      opened.close();
    }
  }

  @Override
  protected String planOfFindByHash() {
    return Jdbi.create(StoreSettings.sqlite(dataDir).resolvedJdbcUrl()).withHandle(h ->
        h.createQuery("EXPLAIN QUERY PLAN " + SqlTokenStore.FIND_BY_HASH).bind("hash", hash(1))
            .map((rs, ctx) -> rs.getString("detail")).stream().collect(Collectors.joining("\n")));
  }

  // "SEARCH tokens USING INDEX tokens_hash (hash=?)"; a full scan reads "SCAN tokens".
  @Override
  protected boolean usesHashIndex(String plan) {
    return plan.contains("USING INDEX tokens_hash (");
  }

  @Test
  void reopening_keepsEveryToken() {
    // given
    var token = new ApiToken("t1", hash(1), Tenant.MASTER_UUID, List.of("provd.#"), "admin", "kept",
        CREATED, CREATED.plusSeconds(60));
    store().tokens().insert(token);
    opened.close();

    // when
    opened = Store.open(StoreSettings.sqlite(dataDir));

    // then
    assertThat(opened.tokens().findByHash(hash(1))).contains(token);
  }
}
