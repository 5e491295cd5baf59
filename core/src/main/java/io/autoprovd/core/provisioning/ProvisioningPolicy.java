package io.autoprovd.core.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of the phone path that a deployment chooses.
 *
 * @param autocreate create a device for an unknown phone that names itself (MAC, serial or UUID);
 *     off is the reference's "secure" profile for retrieval
 * @param natMode all phones are behind NAT: several devices may share one IP, which then never
 *     identifies a device (the reference's {@code NAT} parameter)
 * @param lastSeenResolution a device's last-seen time is refreshed at most this often (the store
 *     writes it in batches, without touching the device's revision)
 */
public record ProvisioningPolicy(boolean autocreate, boolean natMode, Duration lastSeenResolution) {
  public static final ProvisioningPolicy DEFAULT = new ProvisioningPolicy(true, false, Duration.ofMinutes(1));

  public ProvisioningPolicy {
    Objects.requireNonNull(lastSeenResolution, "lastSeenResolution");
    if (lastSeenResolution.isNegative()) {
      throw new IllegalArgumentException("lastSeenResolution: must not be negative");
    }
  }

  public ProvisioningPolicy withNatMode(boolean value) {
    return new ProvisioningPolicy(autocreate, value, lastSeenResolution);
  }
}
