package io.autoprovd.core.device;

import io.autoprovd.core.search.DocumentViews;
import io.autoprovd.core.search.Query;
import io.autoprovd.core.search.Search;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where devices live. Implementations: {@code InMemoryDeviceStore} here, SQLite and PostgreSQL in
 * the {@code store} module; all of them pass the same contract test suite.
 *
 * <p>Thread-safe: called concurrently from every phone request and REST call. Look-ups by mac, sn,
 * uuid, ip, config, plugin and tenant are indexed: their cost does not grow with the fleet. A
 * method returns only after its write is durable. Infrastructure failures throw {@code
 * StoreException}; expected outcomes (duplicate, stale revision, unknown id) are values.
 */
public interface DeviceStore {

  Optional<Device> findById(String id);

  Optional<Device> findByMac(Mac mac);

  /** Serial numbers are not unique; the oldest device with that serial is returned. */
  Optional<Device> findBySerial(String sn);

  Optional<Device> findByUuid(String uuid);

  List<Device> findByIp(String ip);

  List<Device> findByConfig(String configId);

  List<Device> findByPlugin(String pluginId);

  List<Device> findByTenant(String tenantUuid);

  /** Devices ordered by id, for listings and maintenance. */
  List<Device> list(int offset, int limit);

  long count();

  /**
   * The devices a query selects (provd-rest-api.md §6), evaluated on their REST document form
   * ({@link DocumentViews#device}). Implementations answer the conditions they can from indexed
   * columns and evaluate the rest in Java with {@link Search}; the result is the same either way.
   * This default evaluates everything in Java over {@link #list}.
   */
  default List<Device> search(Query query) {
    return Search.inMemory(query, list(0, Integer.MAX_VALUE).stream(), (scope, d) -> d.visibleIn(scope::admits), DocumentViews::device);
  }

  /**
   * Inserts the device unless one with the same id or the same MAC exists, atomically: of
   * concurrent inserts for one new phone exactly one wins and the others get {@link
   * Insertion.Existing} with the winner. The stored device has revision 1.
   */
  Insertion insertIfAbsent(Device device);

  /**
   * Replaces the stored device if its revision still equals {@code device.revision()}, and stores
   * it with the revision incremented. Lost updates are impossible: a concurrent writer gets {@link
   * Update.Stale} and must re-read and retry or report a conflict.
   */
  Update update(Device device);

  /** True if a device with that id existed. */
  boolean delete(String id);

  /**
   * Records when devices were last seen, without changing their revision: last-seen is not
   * configuration, so it must not make rendered files stale or updates conflict. Later times
   * only; unknown ids are ignored. Implementations may buffer and write within seconds.
   */
  void touch(Map<String, Instant> lastSeenById);

  /** The result of {@link #insertIfAbsent}. */
  sealed interface Insertion {
    Device device();

    record Inserted(Device device) implements Insertion {}

    /** A device with the same id or MAC already exists; it is returned as stored. */
    record Existing(Device device) implements Insertion {}
  }

  /** The result of {@link #update}. */
  sealed interface Update {
    record Updated(Device device) implements Update {}

    /** Someone else wrote first; {@code current} is what is stored now. */
    record Stale(Device current) implements Update {}

    /** The device was deleted, or the MAC collides with another device. */
    record Rejected(String reason) implements Update {}
  }
}
