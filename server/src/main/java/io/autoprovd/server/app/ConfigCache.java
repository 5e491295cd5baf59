package io.autoprovd.server.app;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import java.util.Optional;

/**
 * Configs by id, cached: every phone fetch merges its device's config chain, and the chain's
 * configs change rarely. Every config write in this process goes through {@link #invalidate}.
 */
public final class ConfigCache {
  private final LoadingCache<String, Optional<Config>> cache;

  public ConfigCache(ConfigStore store) {
    this.cache = Caffeine.newBuilder().maximumSize(100_000).build(store::findById);
  }

  public Optional<Config> find(String id) {
    return cache.get(id);
  }

  public void invalidate(String id) {
    cache.invalidate(id);
  }
}
