package io.autoprovd.server.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.plugin.PackageRoots;
import io.autoprovd.core.plugin.PackageSpec;
import io.autoprovd.core.plugin.PackageSpec.InstallStep;
import io.autoprovd.core.plugin.PackageSpec.PackageFile;
import io.autoprovd.core.plugin.PackageSpec.Unpack;
import io.autoprovd.server.operation.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a pack's packages (firmware, language files) under {@code <data-dir>/packages/<plugin>}:
 *
 * <pre>
 *   files/        what phones are served (the file table's package scope); survives pack upgrades
 *   installed/    one record per installed package: version, description, the files it placed
 *   cache/        downloads, and files an operator drops in by hand for URL-less packages
 *   .staging-*    an install in progress
 * </pre>
 *
 * Each file is downloaded (through the proxies), checked against its size and SHA-256, then
 * unpacked or copied into a staging folder; only a complete, conflict-free result is moved into
 * {@code files/}. Callers run one operation per plugin at a time.
 */
final class PackageInstaller implements PackageRoots {
  private static final Logger LOG = LoggerFactory.getLogger(PackageInstaller.class);
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** An installed package, as its record says. */
  record Installed(String id, String version, String description, List<String> files) {
    Installed {
      files = List.copyOf(files);
    }
  }

  private final Path packagesDir;
  private final Downloader downloader;
  private final SafeUnpacker.Limits limits;

  PackageInstaller(Path packagesDir, Downloader downloader, SafeUnpacker.Limits limits) {
    this.packagesDir = packagesDir;
    this.downloader = downloader;
    this.limits = limits;
  }

  @Override
  public Optional<Path> root(String pluginId) {
    Path files = packagesDir.resolve(pluginId).resolve("files");
    return Files.isDirectory(files) ? Optional.of(files) : Optional.empty();
  }

  /** Where an operator drops a file the vendor only hands out after a login. */
  Path cacheDir(String pluginId) {
    return packagesDir.resolve(pluginId).resolve("cache");
  }

  Map<String, Installed> installed(String pluginId) {
    Path dir = packagesDir.resolve(pluginId).resolve("installed");
    var result = new TreeMap<String, Installed>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (Stream<Path> records = Files.list(dir)) {
      for (Path p : records.filter(r -> r.toString().endsWith(".json")).toList()) {
        Installed record = read(p);
        result.put(record.id(), record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Installed read(Path record) throws IOException {
    Map<String, Object> doc = Documents.mapper().readValue(record.toFile(), OBJECT);
    return new Installed((String) doc.get("id"), (String) doc.get("version"), (String) doc.get("description"),
        (List<String>) doc.getOrDefault("files", List.of()));
  }

  /**
   * Installs {@code spec} for {@code pluginId}, replacing another installed version of it. Drives
   * the operation as the reference's {@code install_pkg}: one {@code download} sub-operation per
   * file (bytes), then {@code install}.
   */
  void install(String pluginId, PackageSpec spec, Operation operation) {
    var downloads = new ArrayList<Operation>();
    spec.files().forEach(f -> downloads.add(operation.sub("download")));
    Operation installing = operation.sub("install");
    Path base = packagesDir.resolve(pluginId);
    var fetched = new LinkedHashMap<String, Path>();
    var toForget = new ArrayList<Path>();
    try {
      Files.createDirectories(cacheDir(pluginId));
      for (int i = 0; i < spec.files().size(); i++) {
        PackageFile file = spec.files().get(i);
        Operation download = downloads.get(i);
        download.progress(0, file.size());
        try {
          fetched.put(file.name(), fetch(pluginId, file, download, toForget));
          download.succeed();
        } catch (RuntimeException e) {
          download.fail(e.getMessage());
          throw e;
        }
      }
      installing.progress();
      Path staging = Files.createTempDirectory(base, ".staging-");
      try {
        List<String> placed = stage(spec, fetched, staging);
        commit(pluginId, spec, staging, placed);
      } finally {
        PackInstaller.deleteQuietly(staging);
      }
      installing.succeed();
      LOG.info("package {} {} of plugin {} installed", spec.id(), spec.version(), pluginId);
    } catch (IOException e) {
      installing.fail(e.getMessage());
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (!installing.done()) {
        installing.fail(e.getMessage());
      }
      throw e;
    } finally {
      for (Path p : toForget) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("cannot delete download {}: {}", p, e.getMessage());
        }
      }
    }
  }

  /**
   * The file in the cache if it is already there with the right checksum (a hand-dropped file,
   * or a download kept from before), else downloaded into the cache. Unlike the reference, a
   * cached file is checked like a download.
   */
  private Path fetch(String pluginId, PackageFile file, Operation download, List<Path> toForget) {
    Path cached = cacheDir(pluginId).resolve(file.name());
    if (Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
      String sha256 = Checksums.sha256(cached);
      if (sha256.equals(file.sha256())) {
        download.progress(file.size(), file.size());
        return cached;
      }
      if (file.url() == null) {
        throw new InstallException(file.name() + " in " + cacheDir(pluginId) + " has SHA-256 " + sha256
            + ", the pack says " + file.sha256());
      }
    }
    if (file.url() == null) {
      throw new InstallException(file.name() + " has no download URL (the vendor requires a login): put it in "
          + cacheDir(pluginId) + " and install again");
    }
    Path part = cached.resolveSibling(file.name() + ".part");
    toForget.add(part);
    var result = downloader.fetch(file.url(), part, file.size(), file.size(),
        (current, total) -> download.progress(current, total));
    if (result.size() != file.size()) {
      throw new InstallException(file.name() + ": downloaded " + result.size() + " bytes, the pack says "
          + file.size());
    }
    if (!result.sha256().equals(file.sha256())) {
      throw new InstallException(file.name() + ": SHA-256 is " + result.sha256() + ", the pack says "
          + file.sha256());
    }
    try {
      Files.move(part, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // A download is only kept until it is installed: firmware is large, and files/ has the result.
    toForget.add(cached);
    return cached;
  }

  /** Runs the install steps into {@code staging}; the relative paths placed, in order. */
  private List<String> stage(PackageSpec spec, Map<String, Path> fetched, Path staging) throws IOException {
    var placed = new LinkedHashSet<String>();
    for (InstallStep step : spec.effectiveInstall()) {
      Path source = fetched.get(step.from());
      var placement = placement(step);
      if (step.unpack() == Unpack.NONE) {
        var target = placement.apply(step.from());
        if (target.isPresent()) {
          Path dest = staging.resolve(target.get()).normalize();
          if (!dest.startsWith(staging) || Files.exists(dest)) {
            throw new InstallException("package " + spec.id() + ": " + target.get() + " is placed twice");
          }
          Files.createDirectories(dest.getParent());
          Files.copy(source, dest);
          placed.add(target.get());
        }
      } else {
        placed.addAll(SafeUnpacker.unpack(source, step.unpack(), staging, limits, placement));
      }
    }
    if (placed.isEmpty()) {
      throw new InstallException("package " + spec.id() + ": its install steps placed no file");
    }
    return List.copyOf(placed);
  }

  private static SafeUnpacker.Placement placement(InstallStep step) {
    List<PathMatcher> include = step.include().stream()
        .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    return name -> {
      Path asPath = Path.of(name);
      if (!include.isEmpty() && include.stream().noneMatch(m -> m.matches(asPath) || m.matches(asPath.getFileName()))) {
        return Optional.empty();
      }
      String kept = step.flatten() ? asPath.getFileName().toString() : name;
      return Optional.of(step.to().isEmpty() ? kept : step.to() + "/" + kept);
    };
  }

  /** Moves the staged files into {@code files/}, replacing the package's previous version. */
  private void commit(String pluginId, PackageSpec spec, Path staging, List<String> placed) throws IOException {
    Path base = packagesDir.resolve(pluginId);
    Path files = base.resolve("files");
    var installed = installed(pluginId);
    Set<String> owned = installed.containsKey(spec.id()) ? Set.copyOf(installed.get(spec.id()).files()) : Set.of();
    for (String path : placed) {
      for (Installed other : installed.values()) {
        if (!other.id().equals(spec.id()) && other.files().contains(path)) {
          throw new InstallException("package " + spec.id() + ": " + path + " already belongs to package " + other.id());
        }
      }
      if (!owned.contains(path) && Files.exists(files.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
        throw new InstallException("package " + spec.id() + ": " + path + " already exists in " + files);
      }
    }
    var previous = installed.get(spec.id());
    if (previous != null) {
      removeFiles(files, previous.files().stream().filter(p -> !placed.contains(p)).toList());
    }
    for (String path : placed) {
      Path dest = files.resolve(path);
      Files.createDirectories(dest.getParent());
      Files.move(staging.resolve(path), dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Path records = base.resolve("installed");
    Files.createDirectories(records);
    var doc = new LinkedHashMap<String, Object>();
    doc.put("id", spec.id());
    doc.put("version", spec.version());
    doc.put("description", spec.description());
    doc.put("files", placed);
    Path temp = Files.createTempFile(records, ".record-", ".json");
    Files.writeString(temp, Documents.toJson(doc));
    Files.move(temp, records.resolve(spec.id() + ".json"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Removes an installed package's files and record.
   *
   * @return false when it is not installed
   */
  boolean uninstall(String pluginId, String packageId) {
    var record = installed(pluginId).get(packageId);
    if (record == null) {
      return false;
    }
    Path base = packagesDir.resolve(pluginId);
    try {
      removeFiles(base.resolve("files"), record.files());
      Files.deleteIfExists(base.resolve("installed").resolve(packageId + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOG.info("package {} of plugin {} uninstalled", packageId, pluginId);
    return true;
  }

  /** Everything of a plugin's packages: files, records, cache (the plugin is being uninstalled). */
  void removeAll(String pluginId) {
    PackInstaller.deleteQuietly(packagesDir.resolve(pluginId));
  }

  /** Deletes the files, then the folders they leave empty (never {@code files/} itself). */
  private static void removeFiles(Path files, List<String> paths) throws IOException {
    for (String path : paths) {
      Path p = files.resolve(path).normalize();
      if (!p.startsWith(files)) {
        continue;
      }
      Files.deleteIfExists(p);
      for (Path dir = p.getParent(); dir != null && !dir.equals(files) && dir.startsWith(files); dir = dir.getParent()) {
        try (Stream<Path> left = Files.list(dir)) {
          if (left.findAny().isPresent()) {
            break;
          }
        }
        Files.delete(dir);
      }
    }
  }
}
