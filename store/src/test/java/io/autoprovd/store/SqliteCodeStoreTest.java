package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.SipAccountIndex;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.store.internal.SqlSipAccountIndex;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCodeStoreTest extends CodeStoreContract {
  @TempDir Path dataDir;
  private Store opened;

  private Store store() {
    if (opened == null) {
      opened = Store.open(StoreSettings.sqlite(dataDir).withMaxPoolSize(2));
    }
    return opened;
  }

  @Override
  protected CodeStore codes() {
    return store().codes();
  }

  @Override
  protected ConfigStore configs() {
    return store().configs();
  }

  @Override
  protected SipAccountIndex accounts() {
    return store().sipAccounts();
  }

  @AfterEach
  void closeStore() {
    if (opened != null) {
      opened.close();
    }
  }

  @Test
  void theAccountLookUp_usesTheExpressionIndex_notAScanOfEveryConfig() {
    store();

    String plan = Jdbi.create(StoreSettings.sqlite(dataDir).resolvedJdbcUrl()).withHandle(h ->
        h.createQuery("EXPLAIN QUERY PLAN " + SqlSipAccountIndex.SQLITE).bind("username", "apabcdefghij")
            .map((rs, ctx) -> rs.getString("detail")).stream().collect(Collectors.joining("\n")));

    assertThat(plan).contains("USING INDEX configs_line1_username");
  }

  @Test
  void reopening_keepsCodesAndClaims() {
    codes().insert(code("123456", "alice"));
    codes().claim("123456", null, "phone1", CREATED);
    opened.close();

    opened = Store.open(StoreSettings.sqlite(dataDir));

    assertThat(opened.codes().find("123456").orElseThrow().claimedBy()).isEqualTo("phone1");
  }
}
