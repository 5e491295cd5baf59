package io.autoprovd.core.tenant;

import java.util.Objects;

/**
 * A tenant, known by its UUID. The master tenant exists from first start: phones found on the
 * network are inserted in it ({@code is_new=true}) until they are provisioned.
 */
public record Tenant(String uuid, String name, String parentUuid) {
  /** Fixed so that every installation, and every node of one, agrees on it. */
  public static final String MASTER_UUID = "00000000-0000-4000-8000-000000000001";

  public static final Tenant MASTER = new Tenant(MASTER_UUID, "master", null);

  public Tenant {
    Objects.requireNonNull(uuid, "uuid");
    if (uuid.isBlank()) {
      throw new IllegalArgumentException("uuid: must not be blank");
    }
  }

  public boolean isMaster() {
    return MASTER_UUID.equals(uuid);
  }
}
