package io.autoprovd.core.plugin;

import io.autoprovd.core.device.DeviceInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An installed plugin pack: descriptor, templates (held in memory, packs are small) and the folder
 * its static files are served from. Immutable and shared by every request thread.
 *
 * @param syncEvent the SIP NOTIFY {@code Event} that makes the phone fetch its files again
 * @param templates template sources by name relative to {@code templates/}
 * @param root the pack's folder; static files are under {@code root/static}
 * @param packages the optional downloads it offers (firmware, language files), by id
 */
public record PluginPack(
    String id,
    String version,
    String vendor,
    String description,
    String syncEvent,
    List<IdentifyRule> rules,
    Map<String, ModelSpec> models,
    List<FileEntry> files,
    Map<String, String> templates,
    Path root,
    Map<String, PackageSpec> packages) {

  /** {@code sync.event} of a pack whose devices have no resync (a softphone): a synchronize fails, saying so. */
  public static final String NO_SYNC_EVENT = "none";

  /** Association scores, as wazo-provd's (identification.md §6). */
  public static final int SCORE_NONE = 0;
  public static final int SCORE_PROBABLE = 300;
  public static final int SCORE_COMPLETE = 500;

  public PluginPack {
    rules = List.copyOf(rules);
    models = Map.copyOf(models);
    files = List.copyOf(files);
    templates = Map.copyOf(templates);
    packages = packages == null ? Map.of() : Map.copyOf(packages);
  }

  /** A pack that offers no packages. */
  public PluginPack(String id, String version, String vendor, String description, String syncEvent,
      List<IdentifyRule> rules, Map<String, ModelSpec> models, List<FileEntry> files, Map<String, String> templates,
      Path root) {
    this(id, version, vendor, description, syncEvent, rules, models, files, templates, root, Map.of());
  }

  /** The same pack served from another folder (after an installer moved it into place). */
  public PluginPack withRoot(Path newRoot) {
    return new PluginPack(id, version, vendor, description, syncEvent, rules, models, files, templates, newRoot,
        packages);
  }

  public Optional<PackageSpec> findPackage(String packageId) {
    return packageId == null ? Optional.empty() : Optional.ofNullable(packages.get(packageId));
  }

  /** Loads and validates {@code dir/plugin.yml}; every problem is reported at once. */
  public static PluginPack load(Path dir) {
    return PluginPackReader.read(dir);
  }

  /** The source of a template, for the template engine's loader. */
  public Optional<String> template(String name) {
    return Optional.ofNullable(templates.get(name));
  }

  public Optional<ModelSpec> model(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(models.get(name));
  }

  /** The first file-table entry that answers this path (relative, no leading slash). */
  public Optional<FileEntry.PathMatch> route(String path) {
    for (FileEntry entry : files) {
      var match = entry.match(path);
      if (match.isPresent()) {
        return match;
      }
    }
    return Optional.empty();
  }

  public Optional<FileEntry> triggerFile() {
    return files.stream().filter(FileEntry::trigger).findFirst();
  }

  /**
   * How well this pack fits a device: {@link #SCORE_COMPLETE} for a listed model of its vendor,
   * {@link #SCORE_PROBABLE} for its vendor with an unknown model, {@link #SCORE_NONE} otherwise.
   */
  public int score(DeviceInfo info) {
    if (info.vendor() == null || !info.vendor().equalsIgnoreCase(vendor)) {
      return SCORE_NONE;
    }
    // Map.copyOf's containsKey(null) throws: a phone named by its file only has no model.
    return info.model() != null && models.containsKey(info.model()) ? SCORE_COMPLETE : SCORE_PROBABLE;
  }
}
