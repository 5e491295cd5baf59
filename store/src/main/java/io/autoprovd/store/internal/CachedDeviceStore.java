package io.autoprovd.store.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.search.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the phone path's one look-up, device by MAC, in memory: a known phone fetching again
 * costs no database read. Every write of this process goes through here and refreshes or drops
 * the entry; the short expiry bounds how long a write made by another process (another node on
 * the same PostgreSQL) can go unseen. Last-seen times are collected and written in one batch every
 * {@code flushEvery}, off the request threads. Everything else passes through.
 */
public final class CachedDeviceStore implements DeviceStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CachedDeviceStore.class);

  private final DeviceStore delegate;
  private final Cache<Mac, Optional<Device>> byMac;
  private final ConcurrentHashMap<String, Instant> pendingSeen = new ConcurrentHashMap<>();
  private final Thread flusher;

  public CachedDeviceStore(DeviceStore delegate, long maxEntries, Duration expiry, Duration flushEvery) {
    this.delegate = delegate;
    this.byMac = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(expiry).build();
    this.flusher = Thread.ofVirtual().name("last-seen-flush").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(flushEvery);
        } catch (InterruptedException e) {
          return;
        }
        flush();
      }
    });
  }

  @Override
  public void touch(Map<String, Instant> lastSeenById) {
    lastSeenById.forEach((id, at) -> pendingSeen.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
  }

  /** Writes the collected last-seen times; a failure is logged and the times kept for the next try. */
  public void flush() {
    if (pendingSeen.isEmpty()) {
      return;
    }
    var batch = new HashMap<String, Instant>();
    for (String id : pendingSeen.keySet()) {
      Instant at = pendingSeen.remove(id);
      if (at != null) {
        batch.put(id, at);
      }
    }
    try {
      delegate.touch(batch);
    } catch (RuntimeException e) {
      LOG.warn("last-seen of {} devices not written yet: {}", batch.size(), e.getMessage());
      touch(batch);
    }
  }

  @Override
  public void close() {
    flusher.interrupt();
    try {
      flusher.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  @Override
  public Optional<Device> findByMac(Mac mac) {
    return byMac.get(mac, delegate::findByMac);
  }

  @Override
  public Insertion insertIfAbsent(Device device) {
    Insertion result = delegate.insertIfAbsent(device);
    forget(device.mac());
    forget(result.device().mac());
    return result;
  }

  @Override
  public Update update(Device device) {
    Update result = delegate.update(device);
    forget(device.mac());
    switch (result) {
      case Update.Updated u -> forget(u.device().mac());
      case Update.Stale s -> forget(s.current().mac());
      case Update.Rejected r -> { }
    }
    return result;
  }

  @Override
  public boolean delete(String id) {
    Optional<Device> current = delegate.findById(id);
    boolean deleted = delegate.delete(id);
    current.ifPresent(d -> forget(d.mac()));
    return deleted;
  }

  private void forget(Mac mac) {
    if (mac != null) {
      byMac.invalidate(mac);
    }
  }

  @Override
  public Optional<Device> findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public Optional<Device> findBySerial(String sn) {
    return delegate.findBySerial(sn);
  }

  @Override
  public Optional<Device> findByUuid(String uuid) {
    return delegate.findByUuid(uuid);
  }

  @Override
  public List<Device> findByIp(String ip) {
    return delegate.findByIp(ip);
  }

  @Override
  public List<Device> findByConfig(String configId) {
    return delegate.findByConfig(configId);
  }

  @Override
  public List<Device> findByPlugin(String pluginId) {
    return delegate.findByPlugin(pluginId);
  }

  @Override
  public List<Device> findByTenant(String tenantUuid) {
    return delegate.findByTenant(tenantUuid);
  }

  @Override
  public List<Device> list(int offset, int limit) {
    return delegate.list(offset, limit);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  @Override
  public List<Device> search(Query query) {
    return delegate.search(query);
  }
}
