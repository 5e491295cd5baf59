package io.autoprovd.core.code;

import io.autoprovd.core.device.Device;
import java.time.Duration;

/**
 * What became of one claim of a provisioning code. Each edge translates it in one exhaustive
 * switch: REST to a status and a readable body, the SIP service to a final response.
 */
public sealed interface ClaimResult {

  /**
   * The device is linked to the code's line.
   *
   * @param device the device as stored afterwards (its config, tenant and readiness)
   * @param line the device's line number the code's line now occupies (1 for the first claim)
   * @param tenantMoved true if the device moved from the master tenant to the line's tenant
   * @param repeated true if the device already held this line: nothing changed
   */
  record Claimed(Device device, String deviceConfigId, int line, ProvisioningCode code, boolean tenantMoved,
      boolean repeated) implements ClaimResult {}

  /** No such code on this server. Counts as a wrong code. */
  record UnknownCode(String code) implements ClaimResult {}

  /** Another device holds the code's line. Counts as a wrong code. */
  record AlreadyClaimed(String code, String deviceId) implements ClaimResult {}

  record UnknownDevice(String deviceId) implements ClaimResult {}

  /** The device is neither in autoprov nor linked by an earlier claim: its config was set by hand. */
  record NotInAutoprov(String deviceId, String why) implements ClaimResult {}

  /** The device already belongs to another tenant than the line: tenants never change after that. */
  record WrongTenant(String deviceId, String deviceTenant, String codeTenant) implements ClaimResult {}

  /** Every line of the device's model is taken. */
  record NoFreeLine(String deviceId, int lines) implements ClaimResult {}

  /** The code's line config was deleted. */
  record LineMissing(String code, String configId) implements ClaimResult {}

  /** Too many wrong codes from this device lately: refused without looking at the code. */
  record RateLimited(String deviceId, Duration retryAfter) implements ClaimResult {}

  /** The device or its config kept changing under the claim; nothing was linked. */
  record Conflict(String why) implements ClaimResult {}
}
