package io.autoprovd.server.plugin;

import io.autoprovd.core.plugin.PackageRoots;
import io.autoprovd.core.plugin.PackageSpec;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.server.app.Outcome;
import io.autoprovd.server.operation.Operation;
import io.autoprovd.server.operation.Operations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The plugin manager behind {@code /0.2/pg_mgr}: the repository index, pack install / upgrade /
 * uninstall, and each pack's packages, as operations the API can poll (OIP). One operation per
 * pack at a time (a second one is refused, as the reference does), one index update at a time.
 * After a pack changes, its devices have their {@code configured} flag recomputed; their files
 * are rendered again on the next fetch because the render cache is keyed by pack version.
 */
public final class PluginAdmin implements AutoCloseable {
  /** Finished operations stay readable this long (provd-rest-api.md §11 #7). */
  static final Duration RETENTION = Duration.ofMinutes(10);

  /** The operation collections with their own numbering, as the reference's resources. */
  public enum Kind { INSTALL, UPGRADE, UPDATE }

  private final PluginCatalog catalog;
  private final PluginRepository repository;
  private final PackInstaller packs;
  private final PackageInstaller packages;
  private final Downloader downloader;
  private final Consumer<String> packChanged;
  private final InstantSource clock;
  private final Map<Kind, Operations> operations = new ConcurrentHashMap<>();
  private final Map<String, Operations> packageOperations = new ConcurrentHashMap<>();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean updating = new AtomicBoolean();
  private final long maxArchiveBytes;

  /**
   * @param dataDir packs go to {@code plugins/}, packages to {@code packages/}, the index to
   *     {@code repository/}
   * @param packChanged told a pack id after it was installed, upgraded or uninstalled
   */
  public PluginAdmin(Path dataDir, PluginCatalog catalog, Downloader downloader, Consumer<String> packChanged,
      InstantSource clock) {
    this(dataDir, catalog, downloader, packChanged, clock, SafeUnpacker.Limits.PACKS, SafeUnpacker.Limits.PACKAGES);
  }

  PluginAdmin(Path dataDir, PluginCatalog catalog, Downloader downloader, Consumer<String> packChanged,
      InstantSource clock, SafeUnpacker.Limits packLimits, SafeUnpacker.Limits packageLimits) {
    this.catalog = catalog;
    this.downloader = downloader;
    this.packChanged = packChanged;
    this.clock = clock;
    this.repository = new PluginRepository(dataDir.resolve("repository"), downloader);
    this.packs = new PackInstaller(dataDir.resolve("plugins"), catalog, packLimits);
    this.packages = new PackageInstaller(dataDir.resolve("packages"), downloader, packageLimits);
    this.maxArchiveBytes = packLimits.maxBytes();
    for (Kind kind : Kind.values()) {
      operations.put(kind, new Operations(kind.name().toLowerCase(), RETENTION, clock));
    }
    packs.cleanLeftovers();
  }

  /** Where the phone pipeline finds installed package files. */
  public PackageRoots packageRoots() {
    return packages;
  }

  public Optional<Operation> operation(Kind kind, long n) {
    return operations.get(kind).find(n);
  }

  public boolean deleteOperation(Kind kind, long n) {
    return operations.get(kind).delete(n);
  }

  // ---- the index ----

  /** Starts refreshing the index; the reference answers 500 when one is running or no server is set. */
  public Outcome<Long> update() {
    if (repository.server().isEmpty()) {
      return new Outcome.Conflict<>("no plugin server is configured (plugin_server)");
    }
    if (!updating.compareAndSet(false, true)) {
      return new Outcome.Conflict<>("an update is already running");
    }
    return new Outcome.Done<>(operations.get(Kind.UPDATE).start("update", op -> {
      try {
        repository.update(op);
      } finally {
        updating.set(false);
      }
    }));
  }

  /** The index's packs ({@code filename} left out), or a conflict before the first update. */
  public Outcome<Map<String, Object>> installable() {
    var index = repository.index();
    if (index.isEmpty()) {
      return new Outcome.Conflict<>("no plugin index yet: run an update first");
    }
    var result = new TreeMap<String, Object>();
    index.get().entries().forEach((id, entry) -> result.put(id, entry.toJson(false)));
    return new Outcome.Done<>(result);
  }

  // ---- packs ----

  /** The loaded packs as the reference's {@code plugin-info}, by id. */
  public Map<String, Object> installed() {
    var result = new TreeMap<String, Object>();
    catalog.all().forEach(pack -> result.put(pack.id(), info(pack)));
    return result;
  }

  /** {@code plugin_info} of a loaded pack: the reference's keys, plus models with their feature matrix. */
  public Optional<Map<String, Object>> info(String id) {
    return catalog.find(id).map(PluginAdmin::info);
  }

  static Map<String, Object> info(PluginPack pack) {
    var info = new LinkedHashMap<String, Object>();
    info.put("version", pack.version());
    info.put("description", pack.description());
    info.put("vendor", pack.vendor());
    var capabilities = new TreeMap<String, Object>();
    var models = new TreeMap<String, Object>();
    pack.models().forEach((name, model) -> {
      capabilities.put(pack.vendor() + ", " + name + ", *", RepositoryIndex.capability(model));
      models.put(name, RepositoryIndex.modelJson(model));
    });
    info.put("capabilities", capabilities);
    info.put("models", models);
    return info;
  }

  public Outcome<Long> install(String id) {
    if (catalog.find(id).isPresent()) {
      return new Outcome.Invalid<>(List.of("plugin " + id + " is already installed"));
    }
    return startPackOperation(Kind.INSTALL, id);
  }

  public Outcome<Long> upgrade(String id) {
    if (catalog.find(id).isEmpty()) {
      return new Outcome.Invalid<>(List.of("plugin " + id + " is not installed"));
    }
    return startPackOperation(Kind.UPGRADE, id);
  }

  private Outcome<Long> startPackOperation(Kind kind, String id) {
    var server = repository.server();
    if (server.isEmpty()) {
      return new Outcome.Invalid<>(List.of("no plugin server is configured (plugin_server)"));
    }
    var entry = repository.index().flatMap(index -> index.find(id));
    if (entry.isEmpty()) {
      return new Outcome.Invalid<>(List.of("plugin " + id + " is not in the plugin index"
          + (repository.index().isEmpty() ? " (no index yet: run an update first)" : "")));
    }
    if (!busy.add(id)) {
      return new Outcome.Invalid<>(List.of("plugin " + id + " is already being installed or changed"));
    }
    URI url = repository.archiveUrl(server.get(), entry.get());
    // provd-rest-api.md §7: install and upgrade are both labelled "install", with a "download" sub-operation.
    return new Outcome.Done<>(operations.get(kind).start("install", op -> {
      try {
        installFrom(url, entry.get(), op);
      } finally {
        busy.remove(id);
      }
    }));
  }

  private void installFrom(URI url, RepositoryIndex.Entry entry, Operation op) {
    Operation download = op.sub("download");
    Path archive = null;
    try {
      Files.createDirectories(packs.pluginsDir());
      archive = Files.createTempFile(packs.pluginsDir(), ".download-" + entry.id() + "-", ".tar.gz");
      try {
        // An index may say anything: a pack archive larger than a pack may unpack to is refused unread.
        if (entry.dsize() > maxArchiveBytes) {
          throw new InstallException("the index says " + entry.dsize() + " bytes for " + entry.filename()
              + "; a pack archive is at most " + maxArchiveBytes);
        }
        downloader.fetch(url, archive, entry.dsize(), entry.dsize(), download::progress);
        download.succeed();
      } catch (RuntimeException e) {
        download.fail(e.getMessage());
        throw e;
      }
      packs.install(archive, entry.id(), entry.dsize(), entry.sha256());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (archive != null) {
        PackInstaller.deleteQuietly(archive);
      }
    }
    packChanged.accept(entry.id());
  }

  /** Removes the pack and its packages; its devices become unconfigured ("plugin not installed"). */
  public Outcome<Void> uninstall(String id) {
    if (catalog.find(id).isEmpty()) {
      return new Outcome.Invalid<>(List.of("plugin " + id + " is not installed"));
    }
    if (!busy.add(id)) {
      return new Outcome.Invalid<>(List.of("plugin " + id + " is being installed or changed"));
    }
    try {
      packs.uninstall(id);
      packages.removeAll(id);
      packageOperations.remove(id);
    } finally {
      busy.remove(id);
    }
    packChanged.accept(id);
    return new Outcome.Done<>(null);
  }

  // ---- packages ----

  /** {@code {pkg: {version, description, dsize}}} of a loaded pack. */
  public Outcome<Map<String, Object>> installablePackages(String pluginId) {
    return withPack(pluginId, pack -> {
      var result = new TreeMap<String, Object>();
      pack.packages().forEach((id, spec) -> {
        var json = new LinkedHashMap<String, Object>();
        json.put("version", spec.version());
        json.put("description", spec.description());
        json.put("dsize", spec.downloadSize());
        result.put(id, json);
      });
      return result;
    });
  }

  /** {@code {pkg: {version, description}}} installed for a loaded pack. */
  public Outcome<Map<String, Object>> installedPackages(String pluginId) {
    return withPack(pluginId, pack -> {
      var result = new TreeMap<String, Object>();
      packages.installed(pluginId).forEach((id, installed) -> {
        var json = new LinkedHashMap<String, Object>();
        json.put("version", installed.version());
        json.put("description", installed.description());
        result.put(id, json);
      });
      return result;
    });
  }

  public Outcome<Long> installPackage(String pluginId, String packageId) {
    var pack = catalog.find(pluginId);
    if (pack.isEmpty()) {
      return new Outcome.Missing<>("plugin " + pluginId);
    }
    Optional<PackageSpec> spec = pack.get().findPackage(packageId);
    if (spec.isEmpty()) {
      return new Outcome.Invalid<>(List.of("plugin " + pluginId + " has no package " + packageId));
    }
    var installed = packages.installed(pluginId).get(packageId);
    if (installed != null && installed.version().equals(spec.get().version())) {
      return new Outcome.Invalid<>(List.of("package " + packageId + " " + installed.version() + " is already installed"));
    }
    if (!busy.add(pluginId)) {
      return new Outcome.Invalid<>(List.of("plugin " + pluginId + " is already being installed or changed"));
    }
    return new Outcome.Done<>(packageOperations(pluginId).start("install_pkg", op -> {
      try {
        packages.install(pluginId, spec.get(), op);
      } finally {
        busy.remove(pluginId);
      }
    }));
  }

  public Outcome<Void> uninstallPackage(String pluginId, String packageId) {
    if (catalog.find(pluginId).isEmpty()) {
      return new Outcome.Missing<>("plugin " + pluginId);
    }
    if (!busy.add(pluginId)) {
      return new Outcome.Invalid<>(List.of("plugin " + pluginId + " is being installed or changed"));
    }
    try {
      return packages.uninstall(pluginId, packageId) ? new Outcome.Done<>(null)
          : new Outcome.Invalid<>(List.of("package " + packageId + " is not installed"));
    } finally {
      busy.remove(pluginId);
    }
  }

  public Optional<Operation> packageOperation(String pluginId, long n) {
    return Optional.ofNullable(packageOperations.get(pluginId)).flatMap(ops -> ops.find(n));
  }

  public boolean deletePackageOperation(String pluginId, long n) {
    var ops = packageOperations.get(pluginId);
    return ops != null && ops.delete(n);
  }

  private Operations packageOperations(String pluginId) {
    return packageOperations.computeIfAbsent(pluginId, id -> new Operations("install_pkg " + id, RETENTION, clock));
  }

  private <T> Outcome<T> withPack(String pluginId, java.util.function.Function<PluginPack, T> read) {
    return catalog.find(pluginId).<Outcome<T>>map(pack -> new Outcome.Done<>(read.apply(pack)))
        .orElseGet(() -> new Outcome.Missing<>("plugin " + pluginId));
  }

  @Override
  public void close() {
    operations.values().forEach(Operations::close);
    packageOperations.values().forEach(Operations::close);
  }
}
