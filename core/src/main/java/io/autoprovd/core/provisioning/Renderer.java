package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.PluginPack;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the bytes of a rendered file. Thread-safe. Implementations may cache: the result depends
 * only on the pack version, the entry, the path's variables, the device revision and the revisions
 * of its config chain (or, for a common file, the base raw config).
 */
public interface Renderer {
  /**
   * @param pathVars the named groups of the request path (other than the MAC), see
   *     {@link FileEntry.PathMatch#vars()}
   * @param device the requesting device for device-scope entries; null for common entries
   * @return empty when the device's config does not exist
   * @throws io.autoprovd.core.template.RenderException when the template fails
   */
  Optional<byte[]> render(PluginPack pack, FileEntry entry, Map<String, String> pathVars, Device device);
}
