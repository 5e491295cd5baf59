package io.autoprovd.core.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The reference {@link DeviceStore}: in memory, nothing durable. Reads are lock-free; writes are
 * serialised, which keeps the uniqueness rules trivially atomic. Used by unit tests and as the
 * model the SQL stores are checked against.
 */
public final class InMemoryDeviceStore implements DeviceStore {
  private final ConcurrentSkipListMap<String, Device> byId = new ConcurrentSkipListMap<>();
  /** Insertion order, so "the oldest device with that serial" means the first inserted. */
  private final java.util.concurrent.ConcurrentHashMap<String, Long> insertedAt = new java.util.concurrent.ConcurrentHashMap<>();
  private long sequence;
  private final ReentrantLock writeLock = new ReentrantLock();

  @Override
  public Optional<Device> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<Device> findByMac(Mac mac) {
    return first(d -> mac.equals(d.mac()));
  }

  @Override
  public Optional<Device> findBySerial(String sn) {
    return first(d -> sn.equals(d.sn()));
  }

  @Override
  public Optional<Device> findByUuid(String uuid) {
    return first(d -> uuid.equals(d.uuid()));
  }

  @Override
  public List<Device> findByIp(String ip) {
    return all(d -> ip.equals(d.ip()));
  }

  @Override
  public List<Device> findByConfig(String configId) {
    return all(d -> configId.equals(d.config()));
  }

  @Override
  public List<Device> findByPlugin(String pluginId) {
    return all(d -> pluginId.equals(d.plugin()));
  }

  @Override
  public List<Device> findByTenant(String tenantUuid) {
    return all(d -> tenantUuid.equals(d.tenantUuid()));
  }

  @Override
  public List<Device> list(int offset, int limit) {
    return byId.values().stream().skip(offset).limit(limit).toList();
  }

  @Override
  public List<Device> search(io.autoprovd.core.search.Query query) {
    return io.autoprovd.core.search.Search.inMemory(query, byId.values().stream(), (scope, d) -> d.visibleIn(scope::admits),
        io.autoprovd.core.search.DocumentViews::device);
  }

  @Override
  public long count() {
    return byId.size();
  }

  @Override
  public Insertion insertIfAbsent(Device device) {
    writeLock.lock();
    try {
      Device existing = byId.get(device.id());
      if (existing == null && device.mac() != null) {
        existing = findByMac(device.mac()).orElse(null);
      }
      if (existing != null) {
        return new Insertion.Existing(existing);
      }
      Device stored = device.toBuilder().revision(1).build();
      byId.put(stored.id(), stored);
      insertedAt.put(stored.id(), ++sequence);
      return new Insertion.Inserted(stored);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Update update(Device device) {
    writeLock.lock();
    try {
      Device current = byId.get(device.id());
      if (current == null) {
        return new Update.Rejected("device " + device.id() + " does not exist");
      }
      if (current.revision() != device.revision()) {
        return new Update.Stale(current);
      }
      if (device.mac() != null) {
        var clash = findByMac(device.mac()).filter(d -> !d.id().equals(device.id()));
        if (clash.isPresent()) {
          return new Update.Rejected("mac " + device.mac() + " belongs to device " + clash.get().id());
        }
      }
      Device stored = device.toBuilder().revision(current.revision() + 1).build();
      byId.put(stored.id(), stored);
      return new Update.Updated(stored);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public boolean delete(String id) {
    writeLock.lock();
    try {
      insertedAt.remove(Objects.requireNonNull(id));
      return byId.remove(id) != null;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void touch(java.util.Map<String, java.time.Instant> lastSeenById) {
    writeLock.lock();
    try {
      lastSeenById.forEach((id, at) -> byId.computeIfPresent(id, (k, d) ->
          d.lastSeen() == null || d.lastSeen().isBefore(at) ? d.toBuilder().lastSeen(at).build() : d));
    } finally {
      writeLock.unlock();
    }
  }

  private Optional<Device> first(Predicate<Device> p) {
    return byId.values().stream().filter(p)
        .min(Comparator.comparing((Device d) -> insertedAt.getOrDefault(d.id(), Long.MAX_VALUE)));
  }

  private List<Device> all(Predicate<Device> p) {
    return new ArrayList<>(byId.values().stream().filter(p).toList());
  }
}
