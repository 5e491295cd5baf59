package io.autoprovd.server.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a new API token should be. Checked in full when the token is built ({@link
 * io.autoprovd.core.token.ApiToken}); here only what the issuer needs.
 *
 * @param description free text, or null
 * @param lifetime how long the token works from its creation; null for a token that never expires
 */
public record NewToken(String tenantUuid, List<String> acls, String name, String description, Duration lifetime) {
  public NewToken {
    Objects.requireNonNull(tenantUuid, "tenantUuid");
    acls = List.copyOf(acls);
    Objects.requireNonNull(name, "name");
    if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
      throw new IllegalArgumentException("lifetime: must be positive, got " + lifetime);
    }
  }
}
