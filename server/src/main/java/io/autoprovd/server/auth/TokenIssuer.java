package io.autoprovd.server.auth;

import io.autoprovd.core.token.ApiToken;
import io.autoprovd.core.token.TokenStore;
import io.autoprovd.core.token.TokenStore.Insert;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Makes API tokens: draws the secret, stores only its hash, and hands the secret back once. Used
 * by the CLI (on the data directory's store, no server needed) and for the first-start admin
 * token. Thread-safe.
 */
public final class TokenIssuer {
  private static final int ID_BYTES = 8;
  private static final int ATTEMPTS = 3;

  private final TokenStore store;
  private final InstantSource clock;
  private final RandomGenerator random;

  public TokenIssuer(TokenStore store, InstantSource clock) {
    this(store, clock, new SecureRandom());
  }

  /** @param random must be cryptographically strong outside tests */
  public TokenIssuer(TokenStore store, InstantSource clock, RandomGenerator random) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** What {@link #issue} did. */
  public sealed interface Issue {
    /** The secret exists only here: it is not stored and cannot be shown again. */
    record Issued(ApiToken token, String secret) implements Issue {
      @Override
      public String toString() {
        return "Issued[token=" + token + ", secret=***]";
      }
    }

    /** Nothing was stored. */
    record Refused(String why) implements Issue {}
  }

  /** Stores a new token; refused (nothing stored) for an invalid request or an unknown tenant. */
  public Issue issue(NewToken request) {
    Instant now = clock.instant();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String secret = TokenSecret.generate(random);
      ApiToken token;
      try {
        token = new ApiToken(newId(), TokenSecret.hash(secret), request.tenantUuid(), request.acls(), request.name(),
            request.description(), now, request.lifetime() == null ? null : now.plus(request.lifetime()));
      } catch (IllegalArgumentException e) {
        return new Issue.Refused(e.getMessage());
      }
      switch (store.insert(token)) {
        case Insert.Inserted inserted -> {
          return new Issue.Issued(inserted.token(), secret);
        }
        case Insert.UnknownTenant unknown -> {
          return new Issue.Refused("tenant " + unknown.tenantUuid() + " does not exist");
        }
        case Insert.Duplicate duplicate -> {
          // 64 random bits of id collided: draw again.
        }
      }
    }
    throw new IllegalStateException("could not draw an unused token id in " + ATTEMPTS + " attempts");
  }

  private String newId() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
