package io.autoprovd.core.code;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.tenant.Tenant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Gives a line config its provisioning code: one the caller chose, or a random one of {@code
 * length} digits that no other line has. A line config is one whose merged raw config has a line 1
 * with a user name. The code belongs to the config's tenant (the master tenant for a shared
 * config). Thread-safe.
 */
public final class CodeIssuer {
  private static final int GENERATION_ATTEMPTS = 32;

  private final CodeStore codes;
  private final ConfigStore configs;
  private final ConfigMerger merger;
  private final int length;
  private final RandomGenerator random;
  private final InstantSource clock;

  /** @param length digits of a generated code, 4 to 16 (setting {@code codes.length}, default 6) */
  public CodeIssuer(CodeStore codes, ConfigStore configs, int length, RandomGenerator random, InstantSource clock) {
    if (length < 4 || length > 16) {
      throw new IllegalArgumentException("codes.length: must be 4..16, got " + length);
    }
    this.codes = codes;
    this.configs = configs;
    this.merger = new ConfigMerger(configs::findById);
    this.length = length;
    this.random = random;
    this.clock = clock;
  }

  /** The result of {@link #issue}. */
  public sealed interface Issue {
    record Issued(ProvisioningCode code) implements Issue {}

    record UnknownConfig(String configId) implements Issue {}

    /** The config has no line 1 with a user name: a code would hand out nothing. */
    record NotALine(String configId) implements Issue {}

    /** The requested code is not 4 to 16 digits. */
    record Invalid(String why) implements Issue {}

    /** The requested code is taken (or, for a generated one, no free code was found). */
    record Duplicate(String code) implements Issue {}

    /** The line already carries a code; revoke it first. */
    record LineTaken(ProvisioningCode existing) implements Issue {}
  }

  /** @param requested the code to use, or null to generate one */
  public Issue issue(String configId, String requested) {
    Optional<Config> config = configs.findById(configId);
    if (config.isEmpty()) {
      return new Issue.UnknownConfig(configId);
    }
    if (lineOne(config.get()).isEmpty()) {
      return new Issue.NotALine(configId);
    }
    String tenant = config.get().tenantUuid() == null ? Tenant.MASTER_UUID : config.get().tenantUuid();
    if (requested != null) {
      if (!ProvisioningCode.SYNTAX.matcher(requested).matches()) {
        return new Issue.Invalid("code: must be 4 to 16 digits");
      }
      return insert(ProvisioningCode.unclaimed(requested, configId, tenant, clock.instant()));
    }
    Issue last = null;
    for (int i = 0; i < GENERATION_ATTEMPTS; i++) {
      last = insert(ProvisioningCode.unclaimed(generate(), configId, tenant, clock.instant()));
      if (!(last instanceof Issue.Duplicate)) {
        return last;
      }
    }
    return last;
  }

  /** The line a config hands out: its merged {@code sip_lines."1"}, if it has a user name. */
  Optional<Map<?, ?>> lineOne(Config config) {
    return merger.merge(config.id(), Map.of())
        .map(m -> m.rawConfig().get("sip_lines") instanceof Map<?, ?> lines ? lines.get("1") : null)
        .filter(l -> l instanceof Map<?, ?> m && m.get("username") instanceof String u && !u.isBlank())
        .map(l -> (Map<?, ?>) l);
  }

  private Issue insert(ProvisioningCode code) {
    return switch (codes.insert(code)) {
      case CodeStore.Insertion.Inserted i -> new Issue.Issued(i.code());
      case CodeStore.Insertion.Duplicate d -> new Issue.Duplicate(d.code());
      case CodeStore.Insertion.LineTaken t -> new Issue.LineTaken(t.existing());
    };
  }

  private String generate() {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }
}
