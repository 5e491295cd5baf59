package io.autoprovd.server.auth;

import java.util.Optional;

/**
 * Checks a REST request's {@code X-Auth-Token}. Implementations: autoprovd's own token store, or
 * an external wazo-auth (with a short cache). Thread-safe; called on every authenticated request.
 */
public interface Authenticator {
  /** The principal the token stands for; empty when it is unknown, expired or revoked. */
  Optional<Principal> authenticate(String token);
}
