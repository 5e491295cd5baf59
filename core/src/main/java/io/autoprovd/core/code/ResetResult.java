package io.autoprovd.core.code;

import io.autoprovd.core.device.Device;
import java.util.List;

/** What became of a reset to autoprov. */
public sealed interface ResetResult {
  /**
   * @param device the device as stored afterwards, with its new autoprov config
   * @param releasedCodes the codes it held, free again
   */
  record Reset(Device device, String autoprovConfigId, List<String> releasedCodes) implements ResetResult {
    public Reset {
      releasedCodes = List.copyOf(releasedCodes);
    }
  }

  record UnknownDevice(String deviceId) implements ResetResult {}

  /** No autocreate template, or the device kept changing under the reset. */
  record Conflict(String why) implements ResetResult {}
}
