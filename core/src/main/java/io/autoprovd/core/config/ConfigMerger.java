package io.autoprovd.core.config;

import io.autoprovd.core.document.Documents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference raw-config merge (config-model.md §2): start from the base raw config, walk the
 * parents depth-first in {@code parent_ids} order applying each config once (at its first
 * encounter), then the config itself. Objects merge key by key; scalars, lists and null replace.
 * Missing parents are skipped. Stateless and thread-safe.
 */
public final class ConfigMerger {
  private final Function<String, Optional<Config>> lookup;

  /** @param lookup finds a config by id, typically {@code configStore::findById} or a cache */
  public ConfigMerger(Function<String, Optional<Config>> lookup) {
    this.lookup = lookup;
  }

  /** Empty when the config itself does not exist (the device cannot be configured). */
  public Optional<MergedConfig> merge(String configId, Map<String, Object> baseRawConfig) {
    Optional<Config> start = lookup.apply(configId);
    if (start.isEmpty()) {
      return Optional.empty();
    }
    var order = new ArrayList<Config>();
    var visited = new HashSet<String>();
    visited.add(configId);
    walk(start.get(), visited, order);

    Map<String, Object> acc = Documents.mutableCopy(baseRawConfig);
    var provenance = new HashMap<String, String>();
    record(provenance, "", baseRawConfig, MergedConfig.BASE);
    for (Config c : order) {
      overlay(acc, c.rawConfig(), "", c.id(), provenance);
    }
    return Optional.of(new MergedConfig(acc, order, provenance));
  }

  private void walk(Config config, Set<String> visited, List<Config> order) {
    for (String parentId : config.parentIds()) {
      if (visited.add(parentId)) {
        lookup.apply(parentId).ifPresent(parent -> walk(parent, visited, order));
      }
    }
    order.add(config);
  }

  /** Deep-merges {@code overlay} into {@code base} in place. */
  @SuppressWarnings("unchecked")
  static void overlay(
      Map<String, Object> base, Map<String, Object> overlay, String prefix, String source,
      Map<String, String> provenance) {
    for (var e : overlay.entrySet()) {
      String path = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> m) {
        Object current = base.get(e.getKey());
        Map<String, Object> target;
        if (current instanceof Map<?, ?> cm) {
          target = (Map<String, Object>) cm;
        } else {
          target = new LinkedHashMap<>();
          base.put(e.getKey(), target);
          forget(provenance, path);
        }
        overlay(target, (Map<String, Object>) m, path + ".", source, provenance);
      } else {
        base.put(e.getKey(), Documents.deepCopy(value));
        forget(provenance, path);
        provenance.put(path, source);
      }
    }
  }

  private static void forget(Map<String, String> provenance, String path) {
    provenance.remove(path);
    provenance.keySet().removeIf(k -> k.startsWith(path + "."));
  }

  @SuppressWarnings("unchecked")
  private static void record(Map<String, String> provenance, String prefix, Map<String, Object> doc, String source) {
    doc.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        record(provenance, prefix + k + ".", (Map<String, Object>) m, source);
      } else {
        provenance.put(prefix + k, source);
      }
    });
  }

  /**
   * True if storing {@code config} would make a cycle: one of its parents reaches it again. The
   * merge itself survives cycles, but a cycle is always a mistake, so writes refuse it.
   */
  public boolean wouldCycle(Config config) {
    var seen = new HashSet<String>();
    var stack = new ArrayList<>(config.parentIds());
    while (!stack.isEmpty()) {
      String id = stack.removeLast();
      if (id.equals(config.id())) {
        return true;
      }
      if (seen.add(id)) {
        lookup.apply(id).ifPresent(c -> stack.addAll(c.parentIds()));
      }
    }
    return false;
  }
}
