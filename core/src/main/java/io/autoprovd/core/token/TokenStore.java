package io.autoprovd.core.token;

import java.util.List;
import java.util.Optional;

/**
 * Where API tokens live, by hash: the store never sees a token in clear, so reading the database
 * gives no token that works.
 *
 * <p>Thread-safe; a method returns after its write is durable. Infrastructure failures throw
 * {@code StoreException}; a duplicate, an unknown tenant or an unknown id is a value. Expired
 * tokens are kept (and listed) until revoked: whether one still works is decided at request time.
 */
public interface TokenStore {

  /** Writes the token, unless its id or hash is taken or its tenant does not exist. */
  Insert insert(ApiToken token);

  /** The token whose hash is {@code hash} (indexed: called on authenticated requests). */
  Optional<ApiToken> findByHash(String hash);

  Optional<ApiToken> findById(String id);

  /** Every token, oldest first. Tokens are few. */
  List<ApiToken> list();

  /** Deletes the token; the revoked token, or empty if the id is unknown. */
  Optional<ApiToken> revoke(String id);

  /** What {@link #insert} did. Nothing is written unless {@link Inserted}. */
  sealed interface Insert {
    record Inserted(ApiToken token) implements Insert {}

    /** A token with that id, or that hash, exists. */
    record Duplicate(String what) implements Insert {}

    record UnknownTenant(String tenantUuid) implements Insert {}
  }
}
