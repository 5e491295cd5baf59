package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.Device;

/**
 * What the pipeline reports to the security log and metrics. Callbacks run on the request thread
 * and must be fast and thread-safe; {@link #NONE} ignores everything.
 */
public interface ProvisioningEvents {
  ProvisioningEvents NONE = new ProvisioningEvents() {};

  /** A device was created from a request ("New device created automatically from ip: id"). */
  default void deviceCreated(ProvisioningRequest request, Device device) {}

  /** A file that carries secrets was served. */
  default void sensitiveFileServed(ProvisioningRequest request, Device device, String path) {}

  /** A request was refused (hostile name, policy). */
  default void denied(ProvisioningRequest request, String reason) {}
}
