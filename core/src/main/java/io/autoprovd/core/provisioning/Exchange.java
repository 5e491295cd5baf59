package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.plugin.PluginPack;
import java.util.Objects;

/**
 * A request on its way through the pipeline; each step returns a richer copy.
 *
 * @param path the checked, relative path (set by the guard step)
 * @param info what the request says about the device (set by Identify)
 * @param device the stored device (set by Resolve, refreshed by Update); null if none
 * @param pack the pack that serves this request; null if none
 */
public record Exchange(
    ProvisioningRequest request, String path, DeviceInfo info, Device device, PluginPack pack) {

  public Exchange {
    Objects.requireNonNull(request, "request");
    info = info == null ? DeviceInfo.EMPTY : info;
  }

  public static Exchange of(ProvisioningRequest request) {
    return new Exchange(request, null, DeviceInfo.EMPTY, null, null);
  }

  public Exchange withPath(String newPath) {
    return new Exchange(request, newPath, info, device, pack);
  }

  public Exchange withInfo(DeviceInfo newInfo) {
    return new Exchange(request, path, newInfo, device, pack);
  }

  public Exchange withDevice(Device newDevice) {
    return new Exchange(request, path, info, newDevice, pack);
  }

  public Exchange withPack(PluginPack newPack) {
    return new Exchange(request, path, info, device, newPack);
  }
}
