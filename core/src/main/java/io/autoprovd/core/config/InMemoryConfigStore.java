package io.autoprovd.core.config;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/** The reference {@link ConfigStore}: in memory, nothing durable. Reads lock-free, writes serialised. */
public final class InMemoryConfigStore implements ConfigStore {
  private final ConcurrentSkipListMap<String, Config> byId = new ConcurrentSkipListMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();

  @Override
  public Optional<Config> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<Config> list() {
    return List.copyOf(byId.values());
  }

  @Override
  public List<Config> search(io.autoprovd.core.search.Query query) {
    return io.autoprovd.core.search.Search.inMemory(query, byId.values().stream(), Config::tenantUuid,
        io.autoprovd.core.search.DocumentViews::config);
  }

  @Override
  public List<Config> findChildren(String parentId) {
    return byId.values().stream().filter(c -> c.parentIds().contains(parentId)).toList();
  }

  @Override
  public Optional<Config> findByRole(String role) {
    return byId.values().stream().filter(c -> role.equals(c.role())).findFirst();
  }

  @Override
  public boolean insert(Config config) {
    writeLock.lock();
    try {
      return byId.putIfAbsent(config.id(), config.withRevision(1)) == null;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Optional<Config> update(Config config) {
    writeLock.lock();
    try {
      Config current = byId.get(config.id());
      if (current == null || current.revision() != config.revision()) {
        return Optional.empty();
      }
      Config stored = config.withRevision(current.revision() + 1);
      byId.put(stored.id(), stored);
      return Optional.of(stored);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public boolean delete(String id) {
    writeLock.lock();
    try {
      return byId.remove(id) != null;
    } finally {
      writeLock.unlock();
    }
  }
}
