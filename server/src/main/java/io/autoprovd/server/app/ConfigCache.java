package io.autoprovd.server.app;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.MergedConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Configs by id, and merged config chains, cached: every phone fetch merges its device's chain,
 * and configs change rarely. Every config write in this process goes through {@link #invalidate},
 * which drops that config and every merged chain (any chain may include it; writes are rare).
 */
public final class ConfigCache {
  private final LoadingCache<String, Optional<Config>> configs;
  private final ConfigMerger merger;
  private final Map<String, Merged> merged = new ConcurrentHashMap<>();
  /** Bumped by every invalidation: a merge computed across one is not kept (it may be stale). */
  private final AtomicLong generation = new AtomicLong();

  /** A merge and the base raw config it started from (the base is replaced once, at start). */
  private record Merged(Map<String, Object> base, Optional<MergedConfig> result) {}

  public ConfigCache(ConfigStore store) {
    this.configs = Caffeine.newBuilder().maximumSize(100_000).build(store::findById);
    this.merger = new ConfigMerger(this::find);
  }

  public Optional<Config> find(String id) {
    return configs.get(id);
  }

  /** A merger reading through this cache. */
  public ConfigMerger merger() {
    return merger;
  }

  /** The merged chain of {@code configId} over {@code base}; empty when the config does not exist. */
  public Optional<MergedConfig> merge(String configId, Map<String, Object> base) {
    Merged entry = merged.get(configId);
    if (entry == null || entry.base() != base) {
      long before = generation.get();
      entry = new Merged(base, merger.merge(configId, base));
      if (merged.size() < 100_000) {
        merged.put(configId, entry);
        if (generation.get() != before) {
          merged.remove(configId, entry);
        }
      }
    }
    return entry.result();
  }

  public void invalidate(String id) {
    generation.incrementAndGet();
    configs.invalidate(id);
    merged.clear();
  }
}
