package io.autoprovd.core.config;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Makes the config of a device in autoprov (config-model.md §3): a transient child of the
 * {@code autocreate} template. Unlike the reference, whose autoprov account is shared by every
 * device, each device gets its own SIP user name and password, so one phone's account cannot be
 * used to reach (or resync) another.
 */
public final class Autocreate {
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";
  private final RandomGenerator random;

  public Autocreate() {
    this(new SecureRandom());
  }

  public Autocreate(RandomGenerator random) {
    this.random = random;
  }

  public Config newConfig(Config template) {
    return newConfig(template, template.tenantUuid());
  }

  /** As {@link #newConfig(Config)}, owned by {@code tenant}. */
  public Config newConfig(Config template, String tenant) {
    String id = template.id() + UUID.randomUUID();
    var line = Map.<String, Object>of("username", "ap" + token(10), "password", token(20));
    return new Config(id, List.of(template.id()), Map.of("sip_lines", Map.of("1", line)),
        null, true, true, tenant, Map.of("X_type", "internal"), 0);
  }

  private String token(int length) {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
