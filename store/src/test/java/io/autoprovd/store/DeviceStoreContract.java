package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.DeviceStore.Insertion;
import io.autoprovd.core.device.DeviceStore.Update;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.tenant.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceStore} does, as its Javadoc promises. Each backend runs it through a
 * subclass that supplies a fresh, empty store per test.
 */
abstract class DeviceStoreContract {
  static final String TENANT = Tenant.MASTER_UUID;
  static final String OTHER_TENANT = "5c6d7e8f-0000-4000-8000-000000000002";

  DeviceStore store;

  /** A new, empty store. */
  protected abstract DeviceStore newStore() throws Exception;

  /** Releases what {@link #newStore()} opened. */
  protected void closeStore() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void releaseStore() throws Exception {
    closeStore();
  }

  /** Buffering stores write last-seen in the background; tests read after it is written. */
  private void settle() {
    if (store instanceof io.autoprovd.store.internal.CachedDeviceStore cached) {
      cached.flush();
    }
  }

  @Test
  void touch_recordsLastSeen_withoutChangingTheRevision_andNeverGoesBack() {
    // given
    Device stored = store.insertIfAbsent(device("d1").mac(mac(1)).build()).device();
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    Instant t0 = t1.minusSeconds(60);

    // when
    store.touch(Map.of("d1", t1, "unknown-device", t1));
    settle();
    store.touch(Map.of("d1", t0));
    settle();

    // then
    Device after = store.findById("d1").orElseThrow();
    assertThat(after.lastSeen()).isEqualTo(t1);
    assertThat(after.revision()).isEqualTo(stored.revision());
    assertThat(store.findById("unknown-device")).isEmpty();
  }

  static Mac mac(int n) {
    return Mac.parse("%012x".formatted(0x001565000000L + n));
  }

  static Device.Builder device(String id) {
    return Device.newBuilder(id, TENANT);
  }

  /** Every field set, with documents that exercise JSON. */
  static Device fullDevice(String id, Mac mac) {
    return device(id)
        .mac(mac)
        .sn("SN-" + id)
        .uuid("uuid-" + id)
        .ip("10.0.0.7")
        .vendor("Yealink")
        .model("T46S")
        .version("66.86.0.15")
        .plugin("yealink-v86")
        .config("config-" + id)
        .configured(false, "no SIP line")
        .isNew(true)
        .added("auto")
        .description("reception desk")
        .options(Map.of("switchboard", true))
        .extra(Map.of("X_key", "value"))
        .remoteStateSipUsername("1001")
        .lastSeen(Instant.parse("2026-03-04T05:06:07.891Z"))
        .build();
  }

  Device inserted(Device device) {
    return switch (store.insertIfAbsent(device)) {
      case Insertion.Inserted i -> i.device();
      case Insertion.Existing e -> throw new AssertionError("expected a new device, found " + e.device());
    };
  }

  // --- look-ups ---

  @Test
  void findById_ofAnInsertedDevice_returnsEveryFieldAsGiven() {
    // given
    Device device = fullDevice("d1", mac(1));
    store.insertIfAbsent(device);

    // when
    var found = store.findById("d1");

    // then
    assertThat(found).contains(device.toBuilder().revision(1).build());
  }

  @Test
  void findById_ofAnUnknownId_isEmpty() {
    // given
    inserted(device("d1").build());

    // when
    var found = store.findById("nope");

    // then
    assertThat(found).isEmpty();
  }

  @Test
  void findByMac_findsTheDeviceWithThatMac_andNothingForAnotherMac() {
    // given
    inserted(device("d1").mac(mac(1)).build());
    inserted(device("d2").mac(mac(2)).build());

    // when
    var found = store.findByMac(Mac.parse("00-15-65-00-00-02"));
    var missing = store.findByMac(mac(3));

    // then
    assertThat(found).map(Device::id).contains("d2");
    assertThat(missing).isEmpty();
  }

  @Test
  void findBySerial_returnsTheOldestDeviceWithThatSerial() {
    // given: inserted in an order that differs from id order
    inserted(device("z-first").sn("SN1").build());
    inserted(device("a-second").sn("SN1").build());
    inserted(device("other").sn("SN2").build());

    // when
    var found = store.findBySerial("SN1");

    // then
    assertThat(found).map(Device::id).contains("z-first");
    assertThat(store.findBySerial("SN3")).isEmpty();
  }

  @Test
  void findByUuid_findsTheDeviceWithThatUuid() {
    // given
    inserted(device("d1").uuid("u-1").build());
    inserted(device("d2").uuid("u-2").build());

    // when
    var found = store.findByUuid("u-2");

    // then
    assertThat(found).map(Device::id).contains("d2");
    assertThat(store.findByUuid("u-3")).isEmpty();
  }

  @Test
  void findByIp_returnsEveryDeviceWithThatIp_orderedById() {
    // given
    inserted(device("d3").ip("10.0.0.1").build());
    inserted(device("d1").ip("10.0.0.1").build());
    inserted(device("d2").ip("10.0.0.2").build());

    // when
    var found = store.findByIp("10.0.0.1");

    // then
    assertThat(found).extracting(Device::id).containsExactly("d1", "d3");
    assertThat(store.findByIp("10.9.9.9")).isEmpty();
  }

  @Test
  void findByConfig_returnsEveryDeviceUsingThatConfig() {
    // given
    inserted(device("d2").config("c1").build());
    inserted(device("d1").config("c1").build());
    inserted(device("d3").config("c2").build());

    // when
    var found = store.findByConfig("c1");

    // then
    assertThat(found).extracting(Device::id).containsExactly("d1", "d2");
  }

  @Test
  void findByPlugin_returnsEveryDeviceOfThatPlugin() {
    // given
    inserted(device("d1").plugin("yealink").build());
    inserted(device("d2").plugin("snom").build());
    inserted(device("d3").plugin("yealink").build());

    // when
    var found = store.findByPlugin("yealink");

    // then
    assertThat(found).extracting(Device::id).containsExactly("d1", "d3");
  }

  @Test
  void findByTenant_returnsEveryDeviceOfThatTenant() {
    // given
    inserted(device("d1").build());
    inserted(device("d2").tenantUuid(OTHER_TENANT).build());

    // when
    var found = store.findByTenant(OTHER_TENANT);

    // then
    assertThat(found).extracting(Device::id).containsExactly("d2");
  }

  @Test
  void listAndCount_pageThroughDevicesOrderedById() {
    // given
    for (String id : List.of("d05", "d01", "d04", "d02", "d03")) {
      inserted(device(id).build());
    }

    // when
    var first = store.list(0, 2);
    var second = store.list(2, 2);
    var last = store.list(4, 2);
    var beyond = store.list(10, 2);

    // then
    assertThat(first).extracting(Device::id).containsExactly("d01", "d02");
    assertThat(second).extracting(Device::id).containsExactly("d03", "d04");
    assertThat(last).extracting(Device::id).containsExactly("d05");
    assertThat(beyond).isEmpty();
    assertThat(store.count()).isEqualTo(5);
  }

  @Test
  void list_withANegativeOffsetOrLimit_isRejected() {
    assertThatThrownBy(() -> store.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void count_ofAnEmptyStore_isZero() {
    assertThat(store.count()).isZero();
    assertThat(store.list(0, 10)).isEmpty();
  }

  // --- insertIfAbsent ---

  @Test
  void insertIfAbsent_ofANewDevice_storesItAtRevisionOne() {
    // given
    Device device = fullDevice("d1", mac(1)).toBuilder().revision(42).build();

    // when
    Insertion result = store.insertIfAbsent(device);

    // then
    assertThat(result).isInstanceOf(Insertion.Inserted.class);
    assertThat(result.device()).isEqualTo(device.toBuilder().revision(1).build());
    assertThat(store.findById("d1")).contains(result.device());
  }

  @Test
  void insertIfAbsent_withAnExistingId_returnsTheStoredDeviceUnchanged() {
    // given
    Device first = inserted(device("d1").mac(mac(1)).description("first").build());

    // when
    Insertion result = store.insertIfAbsent(device("d1").mac(mac(2)).description("second").build());

    // then
    assertThat(result).isEqualTo(new Insertion.Existing(first));
    assertThat(store.findById("d1")).contains(first);
    assertThat(store.findByMac(mac(2))).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void insertIfAbsent_withAnExistingMac_returnsTheDeviceHoldingIt() {
    // given
    Device first = inserted(device("d1").mac(mac(1)).build());

    // when
    Insertion result = store.insertIfAbsent(device("d2").mac(mac(1)).build());

    // then
    assertThat(result).isEqualTo(new Insertion.Existing(first));
    assertThat(store.findById("d2")).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void insertIfAbsent_withoutMac_storesManyDevices() {
    // when
    inserted(device("d1").sn("A").build());
    inserted(device("d2").sn("B").build());

    // then
    assertThat(store.count()).isEqualTo(2);
    assertThat(store.findById("d2")).map(Device::mac).isEmpty();
  }

  @Test
  void insertIfAbsent_fiftyConcurrentCallsForOneNewMac_createExactlyOneDevice() throws Exception {
    // given: 50 requests of one new phone, each proposing its own id
    int callers = 50;
    var start = new CountDownLatch(1);
    List<Callable<Insertion>> calls = IntStream.range(0, callers)
        .<Callable<Insertion>>mapToObj(i -> () -> {
          start.await();
          return store.insertIfAbsent(device("candidate-" + i).mac(mac(7)).build());
        })
        .toList();

    // when
    List<Insertion> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Insertion>> futures = calls.stream().map(threads::submit).toList();
      start.countDown();
      for (Future<Insertion> f : futures) {
        results.add(f.get());
      }
    }

    // then
    var winners = results.stream().filter(Insertion.Inserted.class::isInstance).map(Insertion::device).toList();
    assertThat(winners).hasSize(1);
    assertThat(results).allSatisfy(r -> assertThat(r.device()).isEqualTo(winners.getFirst()));
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.findByMac(mac(7))).contains(winners.getFirst());
  }

  // --- update ---

  @Test
  void update_atTheStoredRevision_replacesTheDeviceAndIncrementsTheRevision() {
    // given
    Device stored = inserted(fullDevice("d1", mac(1)));
    Device changed = stored.toBuilder()
        .mac(mac(2))
        .ip("10.0.0.8")
        .configured(true, null)
        .tenantUuid(OTHER_TENANT)
        .options(Map.of())
        .lastSeen(null)
        .build();

    // when
    Update result = store.update(changed);

    // then
    Device expected = changed.toBuilder().revision(2).build();
    assertThat(result).isEqualTo(new Update.Updated(expected));
    assertThat(store.findById("d1")).contains(expected);
    assertThat(store.findByMac(mac(1))).isEmpty();
    assertThat(store.findByIp("10.0.0.7")).isEmpty();
    assertThat(store.findByIp("10.0.0.8")).containsExactly(expected);
    assertThat(store.findByTenant(TENANT)).isEmpty();
  }

  @Test
  void update_withAStaleRevision_returnsStaleWithTheCurrentDevice_andWritesNothing() {
    // given: a writer changed the device after we read it
    Device read = inserted(device("d1").ip("10.0.0.1").build());
    Device current = ((Update.Updated) store.update(read.toBuilder().ip("10.0.0.2").build())).device();

    // when
    Update result = store.update(read.toBuilder().ip("10.0.0.3").build());

    // then
    assertThat(result).isEqualTo(new Update.Stale(current));
    assertThat(store.findById("d1")).contains(current);
  }

  @Test
  void update_ofAnUnknownId_isRejected() {
    // when
    Update result = store.update(device("ghost").revision(1).build());

    // then
    assertThat(result).isInstanceOf(Update.Rejected.class);
    assertThat(store.count()).isZero();
  }

  @Test
  void update_ofADeletedDevice_isRejected() {
    // given
    Device stored = inserted(device("d1").build());
    store.delete("d1");

    // when
    Update result = store.update(stored.toBuilder().ip("10.0.0.1").build());

    // then
    assertThat(result).isInstanceOf(Update.Rejected.class);
    assertThat(store.findById("d1")).isEmpty();
  }

  @Test
  void update_toTheMacOfAnotherDevice_isRejected_andChangesNothing() {
    // given
    Device first = inserted(device("d1").mac(mac(1)).build());
    Device second = inserted(device("d2").mac(mac(2)).build());

    // when
    Update result = store.update(second.toBuilder().mac(mac(1)).ip("10.0.0.9").build());

    // then
    assertThat(result).isInstanceOf(Update.Rejected.class);
    assertThat(((Update.Rejected) result).reason()).contains(mac(1).value());
    assertThat(store.findById("d2")).contains(second);
    assertThat(store.findByMac(mac(1))).contains(first);
  }

  @Test
  void update_removingTheMac_letsANewDeviceTakeIt() {
    // given
    Device first = inserted(device("d1").mac(mac(1)).build());
    store.update(first.toBuilder().mac(null).build());

    // when
    Insertion result = store.insertIfAbsent(device("d2").mac(mac(1)).build());

    // then
    assertThat(result).isInstanceOf(Insertion.Inserted.class);
    assertThat(store.findByMac(mac(1))).map(Device::id).contains("d2");
  }

  @Test
  void update_sixteenConcurrentReadModifyWriteLoops_loseNoIncrement() throws Exception {
    // given
    inserted(device("counter").extra(Map.of("X_count", 0)).build());
    int writers = 16;
    int incrementsEach = 8;
    var start = new CountDownLatch(1);

    // when: each writer adds one, re-reading and retrying whenever it is stale
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(threads.submit(() -> {
          start.await();
          for (int i = 0; i < incrementsEach; i++) {
            increment("counter");
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    }

    // then
    Device last = store.findById("counter").orElseThrow();
    assertThat(last.extra()).containsEntry("X_count", writers * incrementsEach);
    assertThat(last.revision()).isEqualTo(1 + writers * incrementsEach);
  }

  private void increment(String id) {
    Device current = store.findById(id).orElseThrow();
    while (true) {
      int count = ((Number) current.extra().get("X_count")).intValue();
      Update result = store.update(current.toBuilder().extra(Map.of("X_count", count + 1)).build());
      switch (result) {
        case Update.Updated u -> { return; }
        case Update.Stale s -> current = s.current();
        case Update.Rejected r -> throw new AssertionError(r.reason());
      }
    }
  }

  // --- delete ---

  @Test
  void delete_ofAStoredDevice_removesItFromEveryLookUp() {
    // given
    inserted(fullDevice("d1", mac(1)));
    inserted(device("d2").build());

    // when
    boolean deleted = store.delete("d1");

    // then
    assertThat(deleted).isTrue();
    assertThat(store.findById("d1")).isEmpty();
    assertThat(store.findByMac(mac(1))).isEmpty();
    assertThat(store.findBySerial("SN-d1")).isEmpty();
    assertThat(store.findByIp("10.0.0.7")).isEmpty();
    assertThat(store.list(0, 10)).extracting(Device::id).containsExactly("d2");
  }

  @Test
  void delete_ofAnUnknownId_returnsFalse() {
    assertThat(store.delete("nope")).isFalse();
  }

  @Test
  void delete_freesTheMacForANewDevice() {
    // given
    inserted(device("d1").mac(mac(1)).build());
    store.delete("d1");

    // when
    Insertion result = store.insertIfAbsent(device("d2").mac(mac(1)).build());

    // then
    assertThat(result).isInstanceOf(Insertion.Inserted.class);
  }

  // --- documents ---

  @Test
  void documents_withNestedMapsListsNullsAndUnicode_roundTripExactly_keepingKeyOrder() {
    // given
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("zeta", "last key first");
    options.put("nested", Map.of("list", List.of(1, "two", 3.5, true), "empty", Map.of()));
    options.put("nulls", Arrays.asList(null, Map.of("k", "v"), null));
    options.put("absent", null);
    options.put("unicode", "Grüße, 日本語, emoji 📞, quote \" backslash \\ newline \n tab \t nul \u0000");
    options.put("big", 9_007_199_254_740_993L);
    options.put("negative", -12);
    options.put("alpha", List.of(List.of(), List.of(List.of("deep"))));
    Map<String, Object> extra = new HashMap<>();
    extra.put("X_ключ", "значение");
    extra.put("X_null", null);
    Device device = device("d1").options(options).extra(extra).build();

    // when
    store.insertIfAbsent(device);
    Device found = store.findById("d1").orElseThrow();

    // then
    assertThat(found.options()).isEqualTo(options);
    assertThat(found.options().keySet()).containsExactlyElementsOf(options.keySet());
    assertThat(found.extra()).isEqualTo(extra);
  }

  @Test
  void lastSeen_whenNeverSeen_staysNull() {
    // given
    inserted(device("d1").build());

    // when
    Device found = store.findById("d1").orElseThrow();

    // then
    assertThat(found.lastSeen()).isNull();
    assertThat(found.mac()).isNull();
    assertThat(found.options()).isEmpty();
  }
}
