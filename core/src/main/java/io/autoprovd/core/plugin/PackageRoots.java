package io.autoprovd.core.plugin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each plugin's installed packages (firmware, language files) are served from: the root the
 * file table's {@code package} scope resolves request paths against. Kept outside the pack's own
 * folder, so upgrading a pack keeps its installed firmware. Thread-safe, cheap (called per fetch).
 */
@FunctionalInterface
public interface PackageRoots {
  /** No packages anywhere: every {@code package} entry answers "not found". */
  PackageRoots NONE = pluginId -> Optional.empty();

  /** The folder of the plugin's installed packages; empty when it has none. */
  Optional<Path> root(String pluginId);
}
