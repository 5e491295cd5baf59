package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.PackageRoots;
import io.autoprovd.core.plugin.PluginPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Serve: the pack that serves the request maps its path to a file. A device-scope file needs a
 * configured device, and a MAC (or a {@code uuid} group) in its name must be the requesting device's own: a phone never
 * gets another phone's file by asking for it. Common and static files are served to any phone the
 * pack claims, even one that is not (yet) a stored device, and so are package files (firmware,
 * language files) once an operator installed them. A request no pack claims is reported to
 * {@link ProvisioningEvents#unclaimed} for the discovery log.
 */
public final class ServeStep implements Step {
  private final Renderer renderer;
  private final ProvisioningEvents events;
  private final PackageRoots packages;

  public ServeStep(Renderer renderer, ProvisioningEvents events) {
    this(renderer, events, PackageRoots.NONE);
  }

  public ServeStep(Renderer renderer, ProvisioningEvents events, PackageRoots packages) {
    this.renderer = renderer;
    this.events = events;
    this.packages = packages;
  }

  @Override
  public Delivery handle(Exchange exchange, Chain chain) {
    PluginPack pack = exchange.pack();
    if (pack == null) {
      DeviceInfo info = exchange.info();
      Device known = exchange.device();
      if (info.mac() == null && known != null && known.mac() != null) {
        info = info.withMac(known.mac());
      }
      events.unclaimed(exchange.request(), info);
      return new Delivery.NotFound("no plugin serves this phone");
    }
    var match = pack.route(exchange.path());
    if (match.isEmpty()) {
      return new Delivery.NotFound("plugin " + pack.id() + " has no file " + exchange.path());
    }
    FileEntry entry = match.get().entry();
    Device device = exchange.device();
    Delivery delivery = switch (entry.scope()) {
      case STATIC -> staticFile(pack, entry);
      case PACKAGE -> packageFile(pack, entry, exchange.path());
      case COMMON -> content(pack, match.get(), null, exchange.path());
      case DEVICE -> {
        if (device == null) {
          yield new Delivery.NotFound("unknown device");
        }
        String macInPath = match.get().macInPath();
        String uuidInPath = match.get().vars().get("uuid");
        if ((macInPath != null && (device.mac() == null || !device.mac().compact().equalsIgnoreCase(macInPath)))
            || (uuidInPath != null && !uuidInPath.equalsIgnoreCase(device.uuid()))) {
          yield new Delivery.NotFound("file of another device");
        }
        if (!device.configured()) {
          yield new Delivery.NotFound("device not configured: " + device.configuredReason());
        }
        yield content(pack, match.get(), device, exchange.path());
      }
    };
    if (entry.sensitive() && delivery instanceof Delivery.Content) {
      events.sensitiveFileServed(exchange.request(), device, exchange.path());
    }
    return delivery;
  }

  private Delivery content(PluginPack pack, FileEntry.PathMatch match, Device device, String path) {
    return renderer.render(pack, match.entry(), match.vars(), device)
        .<Delivery>map(bytes -> new Delivery.Content(bytes, pack.id(), path))
        .orElseGet(() -> new Delivery.NotFound("config of device " + device.id() + " does not exist"));
  }

  /**
   * A file of the plugin's installed packages: the entry's fixed name, or the requested path.
   * Resolved through real paths too, so a linked folder cannot lead outside the package root.
   */
  private Delivery packageFile(PluginPack pack, FileEntry entry, String path) {
    var root = packages.root(pack.id());
    if (root.isEmpty()) {
      return new Delivery.NotFound("plugin " + pack.id() + " has no package installed");
    }
    String name = entry.file() != null ? entry.file() : path;
    Path base = root.get().toAbsolutePath().normalize();
    Path file = base.resolve(name).normalize();
    try {
      if (!file.startsWith(base) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !file.toRealPath().startsWith(base.toRealPath())) {
        return new Delivery.NotFound("package file not installed: " + name);
      }
      return new Delivery.StaticFile(file, Files.size(file), pack.id());
    } catch (IOException e) {
      // Uninstalled between the checks: the same answer as never installed.
      return new Delivery.NotFound("package file not installed: " + name);
    }
  }

  private static Delivery staticFile(PluginPack pack, FileEntry entry) {
    Path base = pack.root().resolve("static").normalize();
    Path file = base.resolve(entry.file()).normalize();
    if (!file.startsWith(base) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Delivery.NotFound("static file missing: " + entry.file());
    }
    try {
      return new Delivery.StaticFile(file, Files.size(file), pack.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
