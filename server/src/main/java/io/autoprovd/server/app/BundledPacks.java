package io.autoprovd.server.app;

import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.plugin.PluginPackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packs shipped inside the {@code plugins} jar (resources under {@code packs/}): copied to the
 * data directory's plugins folder on first start, and again whenever the shipped version is newer
 * than the installed one. A pack upgraded from a repository to a newer version is kept, and one
 * the operator uninstalled is not brought back. Installed packs are then loaded from the data
 * directory only.
 */
public final class BundledPacks {
  private static final Logger LOG = LoggerFactory.getLogger(BundledPacks.class);

  private BundledPacks() {}

  public static void install(Path pluginsDir) {
    var url = BundledPacks.class.getClassLoader().getResource("packs");
    if (url == null) {
      LOG.warn("no bundled plugin packs on the class path");
      return;
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          copyAll(fs.getPath("packs"), pluginsDir);
        }
      } else {
        copyAll(Path.of(uri), pluginsDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install bundled plugin packs into " + pluginsDir, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyAll(Path source, Path pluginsDir) throws IOException {
    Files.createDirectories(pluginsDir);
    try (Stream<Path> packs = Files.list(source)) {
      for (Path pack : packs.toList()) {
        Path target = pluginsDir.resolve(pack.getFileName().toString());
        if (Files.exists(pluginsDir.resolve(".uninstalled").resolve(pack.getFileName().toString()))
            || !needsCopy(pack, target)) {
          continue;
        }
        Path staging = pluginsDir.resolve("." + pack.getFileName() + ".staging");
        deleteTree(staging);
        copyTree(pack, staging);
        PluginPack.load(staging);
        deleteTree(target);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("installed bundled plugin pack {}", target.getFileName());
      }
    }
  }

  private static boolean needsCopy(Path shipped, Path installed) throws IOException {
    if (!Files.isRegularFile(installed.resolve("plugin.yml"))) {
      return true;
    }
    try {
      String installedVersion = PluginPack.load(installed).version();
      String shippedVersion = versionOf(shipped.resolve("plugin.yml"));
      return io.autoprovd.server.plugin.Versions.isNewer(shippedVersion, installedVersion);
    } catch (PluginPackException e) {
      return true;
    }
  }

  private static String versionOf(Path descriptor) throws IOException {
    for (String line : Files.readAllLines(descriptor)) {
      if (line.startsWith("version:")) {
        return line.substring("version:".length()).strip().replace("\"", "").replace("'", "");
      }
    }
    return "";
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Loads every pack folder; a broken pack is logged and skipped, the others still serve. */
  public static List<PluginPack> loadInstalled(Path pluginsDir) {
    var packs = new ArrayList<PluginPack>();
    if (!Files.isDirectory(pluginsDir)) {
      return packs;
    }
    try (Stream<Path> dirs = Files.list(pluginsDir)) {
      for (Path dir : dirs.sorted().toList()) {
        if (dir.getFileName().toString().startsWith(".") || !Files.isRegularFile(dir.resolve("plugin.yml"))) {
          continue;
        }
        try {
          packs.add(PluginPack.load(dir));
        } catch (PluginPackException e) {
          LOG.error("plugin pack {} not loaded: {}", dir.getFileName(), e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return packs;
  }
}
