package io.autoprovd.core.code;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A provisioning code: a short string of digits attached to a line config. Dialing it from a phone
 * in autoprov (or claiming it over REST) links that phone to the line (ARCHITECTURE §8). Codes are
 * unique across the whole server, not per tenant: a phone in autoprov has no tenant yet, so the code
 * alone must say which line it means.
 *
 * @param configId the line config: its {@code sip_lines."1"} is the line the code hands out
 * @param tenantUuid the tenant of that line; a new device moves there when it claims the code
 * @param claimedBy the device that holds the line through this code, or null while it is free
 * @param claimedAt when it was claimed; null exactly when {@code claimedBy} is
 */
public record ProvisioningCode(
    String code, String configId, String tenantUuid, Instant createdAt, String claimedBy, Instant claimedAt) {

  /** Digits only, as a phone keypad dials them; 4 to 16 of them. */
  public static final Pattern SYNTAX = Pattern.compile("[0-9]{4,16}");

  public ProvisioningCode {
    Objects.requireNonNull(code, "code");
    if (!SYNTAX.matcher(code).matches()) {
      throw new IllegalArgumentException("code: must be 4 to 16 digits");
    }
    Objects.requireNonNull(configId, "config");
    if (configId.isBlank()) {
      throw new IllegalArgumentException("config: must not be blank");
    }
    Objects.requireNonNull(tenantUuid, "tenant_uuid");
    Objects.requireNonNull(createdAt, "created_at");
    if ((claimedBy == null) != (claimedAt == null)) {
      throw new IllegalArgumentException("claimed_by and claimed_at: both set or both null");
    }
  }

  public static ProvisioningCode unclaimed(String code, String configId, String tenantUuid, Instant createdAt) {
    return new ProvisioningCode(code, configId, tenantUuid, createdAt, null, null);
  }

  public boolean claimed() {
    return claimedBy != null;
  }

  public ProvisioningCode withClaim(String deviceId, Instant at) {
    return new ProvisioningCode(code, configId, tenantUuid, createdAt, deviceId, at);
  }

  public ProvisioningCode withoutClaim() {
    return new ProvisioningCode(code, configId, tenantUuid, createdAt, null, null);
  }
}
