package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
  @Test
  void withoutAJdbcUrl_theStoreIsSqliteInTheDataDirectory() {
    // when
    var settings = new StoreSettings(Path.of("/var/lib/autoprovd"), "  ", null, null, 4);

    // then
    assertThat(settings.jdbcUrl()).isNull();
    assertThat(settings.isSqlite()).isTrue();
    assertThat(settings.resolvedJdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/autoprovd/autoprovd.db");
  }

  @Test
  void aPostgresqlUrl_isUsedAsGiven() {
    // when
    var settings = StoreSettings.postgresql("jdbc:postgresql://db:5432/autoprovd", "autoprovd", "s3cret");

    // then
    assertThat(settings.isSqlite()).isFalse();
    assertThat(settings.resolvedJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/autoprovd");
    assertThat(settings.maxPoolSize()).isEqualTo(StoreSettings.DEFAULT_MAX_POOL_SIZE);
  }

  @Test
  void toString_hidesThePassword_alsoOneInTheUrl() {
    // given
    var settings = StoreSettings.postgresql("jdbc:postgresql://db/autoprovd?user=a&password=hunter2&ssl=true", "a", "s3cret");

    // when
    String text = settings.toString();

    // then
    assertThat(text).doesNotContain("s3cret").doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void invalidSettings_areRejectedWithTheFieldNamed() {
    assertThatThrownBy(() -> new StoreSettings(null, null, null, null, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dataDir:");
    assertThatThrownBy(() -> new StoreSettings(null, "jdbc:mysql://db/x", null, null, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jdbcUrl:");
    assertThatThrownBy(() -> new StoreSettings(null, "jdbc:sqlite::memory:", null, null, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jdbcUrl:");
    assertThatThrownBy(() -> StoreSettings.sqlite(Path.of("x")).withMaxPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxPoolSize:");
  }
}
