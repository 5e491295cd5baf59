package io.autoprovd.store.internal;

import io.autoprovd.core.code.SipAccountIndex;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SipAccountIndex} over the {@code configs} table: an indexed look-up on the line 1 user
 * name of a config's own layer (the {@code configs_line1_username} expression index of migration
 * V6, whose expression each dialect's query repeats exactly).
 */
public final class SqlSipAccountIndex implements SipAccountIndex {
  public static final String SQLITE = """
      SELECT id FROM configs WHERE json_extract(raw_config, '$.sip_lines."1".username') = :username
      ORDER BY id LIMIT 1""";
  public static final String POSTGRESQL = """
      SELECT id FROM configs WHERE ((raw_config::jsonb) -> 'sip_lines' -> '1' ->> 'username') = :username
      ORDER BY id LIMIT 1""";

  private final Database db;

  public SqlSipAccountIndex(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Optional<String> findConfigId(String username) {
    if (username == null || username.isEmpty()) {
      return Optional.empty();
    }
    String sql = switch (db.dialect()) {
      case SQLITE -> SQLITE;
      case POSTGRESQL -> POSTGRESQL;
    };
    return db.read("findConfigBySipUsername", h ->
        h.createQuery(sql).bind("username", username).mapTo(String.class).findOne());
  }
}
