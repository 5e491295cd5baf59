package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;

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

  /**
   * No installed plugin claims the phone that made this request (unknown vendor, or its plugin is
   * not installed): what a new phone asks for and how it names itself, for the discovery log.
   *
   * @param info what identification found (its MAC taken from the stored device when known)
   */
  default void unclaimed(ProvisioningRequest request, DeviceInfo info) {}

  /** Every event goes to each of {@code targets}, in order. */
  static ProvisioningEvents composite(java.util.List<? extends ProvisioningEvents> targets) {
    var copy = java.util.List.<ProvisioningEvents>copyOf(targets);
    return new ProvisioningEvents() {
      @Override
      public void deviceCreated(ProvisioningRequest request, Device device) {
        copy.forEach(t -> t.deviceCreated(request, device));
      }

      @Override
      public void sensitiveFileServed(ProvisioningRequest request, Device device, String path) {
        copy.forEach(t -> t.sensitiveFileServed(request, device, path));
      }

      @Override
      public void denied(ProvisioningRequest request, String reason) {
        copy.forEach(t -> t.denied(request, reason));
      }

      @Override
      public void unclaimed(ProvisioningRequest request, DeviceInfo info) {
        copy.forEach(t -> t.unclaimed(request, info));
      }
    };
  }
}
