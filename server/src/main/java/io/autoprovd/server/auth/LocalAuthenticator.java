package io.autoprovd.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.autoprovd.core.token.ApiToken;
import io.autoprovd.core.token.TokenStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks tokens against autoprovd's own {@link TokenStore}, by hash. A token found is remembered
 * for {@code cacheTtl} so a busy client does not cost a query per request; a token not found is not
 * remembered, so one just created with the CLI works at once. A token revoked through {@link
 * #revoke} stops working at once; one revoked by another process (the CLI) within {@code cacheTtl}.
 * Expiry is checked on every request, cached or not.
 *
 * <p>Thread-safe. A store failure propagates ({@code StoreException}): the caller answers 500, not
 * 401, since the token may well be valid.
 */
public final class LocalAuthenticator implements Authenticator {
  private static final int MAX_TOKEN_LENGTH = 512;
  private static final long MAX_CACHED = 10_000;

  private final TokenStore store;
  private final InstantSource clock;
  private final Cache<String, ApiToken> byHash;

  public LocalAuthenticator(TokenStore store, InstantSource clock, Duration cacheTtl) {
    this(store, clock, cacheTtl, Ticker.systemTicker());
  }

  /** @param ticker the cache's time source; tests pass a fake one */
  public LocalAuthenticator(TokenStore store, InstantSource clock, Duration cacheTtl, Ticker ticker) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.byHash = Caffeine.newBuilder()
        .expireAfterWrite(Objects.requireNonNull(cacheTtl, "cacheTtl"))
        .maximumSize(MAX_CACHED)
        .ticker(ticker)
        .build();
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    // A mapping function answering null caches nothing: unknown tokens are asked again next time.
    // The look-up runs under the cache's lock for that key: fine for one indexed local query (the
    // wazo-auth authenticator, which waits on the network, uses an asynchronous cache instead).
    ApiToken found = byHash.get(TokenSecret.hash(token), hash -> store.findByHash(hash).orElse(null));
    if (found == null || found.isExpiredAt(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(principal(found));
  }

  /** Revokes the token in the store and forgets it here: it stops working at once in this process. */
  public Optional<ApiToken> revoke(String id) {
    Optional<ApiToken> revoked = store.revoke(id);
    revoked.ifPresent(token -> byHash.invalidate(token.hash()));
    return revoked;
  }

  static Principal principal(ApiToken token) {
    return new Principal("token " + token.id() + " (" + token.name() + ")", token.tenantUuid(), token.acls());
  }
}
