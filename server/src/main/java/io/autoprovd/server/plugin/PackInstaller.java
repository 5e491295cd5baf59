package io.autoprovd.server.plugin;

import io.autoprovd.core.plugin.PackageSpec.Unpack;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.plugin.PluginPackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a pack archive in place, or takes a pack away, in {@code <data-dir>/plugins}, and keeps the
 * {@link PluginCatalog} in step. An install or upgrade is all or nothing:
 *
 * <pre>
 *   verify    size and SHA-256 of the archive, before a single byte is unpacked
 *   unpack    into plugins/.staging-&lt;id&gt;-*, safely (SafeUnpacker, pack limits)
 *   validate  one top folder named &lt;id&gt;, PluginPack.load succeeds, the id is the one asked for
 *   swap      catalog → staged pack; rename the old folder away; rename the staged one into place;
 *             catalog → the pack at its final place; delete the old folder
 * </pre>
 *
 * Any failure before the swap leaves the plugins folder and the catalog untouched (the staging
 * folder is deleted); a failure during the swap puts the old folder and pack back. The catalog
 * always points at a folder that exists, so phones keep being served throughout. Callers run one
 * operation per pack id at a time.
 */
final class PackInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(PackInstaller.class);
  /** Marks a bundled pack the operator uninstalled, so the next start does not bring it back. */
  static final String UNINSTALLED = ".uninstalled";

  private final Path pluginsDir;
  private final PluginCatalog catalog;
  private final SafeUnpacker.Limits limits;

  PackInstaller(Path pluginsDir, PluginCatalog catalog, SafeUnpacker.Limits limits) {
    this.pluginsDir = pluginsDir;
    this.catalog = catalog;
    this.limits = limits;
  }

  Path pluginsDir() {
    return pluginsDir;
  }

  /** Removes what an interrupted install left behind (a crash between staging and swap). */
  void cleanLeftovers() {
    if (!Files.isDirectory(pluginsDir)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(pluginsDir)) {
      for (Path p : dirs.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".staging-") || name.startsWith(".old-") || name.startsWith(".trash-")
            || name.startsWith(".download-")) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Installs (or upgrades to) the pack in {@code archive}.
   *
   * @return the pack as now served
   * @throws InstallException when the archive does not match, is unsafe, or is not a valid pack
   *     {@code expectedId}; nothing has changed then
   */
  PluginPack install(Path archive, String expectedId, long expectedSize, String expectedSha256) {
    verify(archive, expectedSize, expectedSha256);
    Path staging;
    try {
      Files.createDirectories(pluginsDir);
      staging = Files.createTempDirectory(pluginsDir, ".staging-" + expectedId + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      SafeUnpacker.unpack(archive, Unpack.TAR_GZ, staging, limits, SafeUnpacker.Placement.AS_IS);
      Path unpacked = onlyFolder(staging, expectedId);
      PluginPack staged;
      try {
        staged = PluginPack.load(unpacked);
      } catch (PluginPackException e) {
        throw new InstallException("the archive does not hold a valid pack: " + e.getMessage(), e);
      }
      if (!staged.id().equals(expectedId)) {
        throw new InstallException("the archive holds pack " + staged.id() + ", not " + expectedId);
      }
      return swap(staged, unpacked, staging);
    } finally {
      deleteQuietly(staging);
    }
  }

  private static void verify(Path archive, long expectedSize, String expectedSha256) {
    try {
      long size = Files.size(archive);
      if (expectedSize >= 0 && size != expectedSize) {
        throw new InstallException("the archive has " + size + " bytes, the index says " + expectedSize
            + " (truncated or replaced?)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String actual = Checksums.sha256(archive);
    if (!actual.equals(expectedSha256)) {
      throw new InstallException("the archive's SHA-256 is " + actual + ", the index says " + expectedSha256);
    }
  }

  private static Path onlyFolder(Path staging, String id) {
    try (Stream<Path> top = Files.list(staging)) {
      List<Path> entries = top.toList();
      if (entries.size() != 1 || !entries.getFirst().getFileName().toString().equals(id)
          || !Files.isDirectory(entries.getFirst())) {
        throw new InstallException("the archive must hold exactly one folder, named " + id + ", found "
            + entries.stream().map(p -> p.getFileName().toString()).sorted().toList());
      }
      return entries.getFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PluginPack swap(PluginPack staged, Path unpacked, Path staging) {
    String id = staged.id();
    Path target = pluginsDir.resolve(id);
    Path old = staging.resolveSibling(".old-" + staging.getFileName().toString().substring(".staging-".length()));
    PluginPack previous = catalog.find(id).orElse(null);
    boolean moved = false;
    catalog.put(staged);
    try {
      if (Files.exists(target)) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
      }
      Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      restore(id, previous, target, moved ? old : null);
      throw new InstallException("cannot move pack " + id + " into place: " + e.getMessage(), e);
    }
    PluginPack installed = staged.withRoot(target);
    catalog.put(installed);
    deleteQuietly(old);
    try {
      Files.deleteIfExists(pluginsDir.resolve(UNINSTALLED).resolve(id));
    } catch (IOException e) {
      LOG.warn("cannot clear the uninstalled mark of {}: {}", id, e.getMessage());
    }
    LOG.info("plugin pack {} {} installed{}", id, installed.version(),
        previous == null ? "" : " (was " + previous.version() + ")");
    return installed;
  }

  private void restore(String id, PluginPack previous, Path target, Path old) {
    try {
      if (old != null && !Files.exists(target)) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      LOG.error("cannot put pack {} back from {}: {}", id, old, e.getMessage());
    }
    if (previous != null) {
      catalog.put(previous);
    } else {
      catalog.remove(id);
    }
  }

  /**
   * Takes the pack out of the catalog, then out of the plugins folder.
   *
   * @return false when it was not installed
   */
  boolean uninstall(String id) {
    var installed = catalog.find(id);
    Path target = pluginsDir.resolve(id);
    if (installed.isEmpty() && !Files.isDirectory(target)) {
      return false;
    }
    catalog.remove(id);
    try {
      if (Files.exists(target)) {
        Path trash = Files.createTempDirectory(pluginsDir, ".trash-" + id + "-");
        Files.move(target, trash.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(trash);
      }
      Files.createDirectories(pluginsDir.resolve(UNINSTALLED));
      Files.writeString(pluginsDir.resolve(UNINSTALLED).resolve(id), "uninstalled through the API\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove pack " + id, e);
    }
    LOG.info("plugin pack {} uninstalled", id);
    return true;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Files.walk does not follow links: a link is deleted, never what it points to.
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
