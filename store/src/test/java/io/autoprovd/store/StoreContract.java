package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore.Update;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.store.internal.SqlConfigStore;
import io.autoprovd.store.internal.SqlDeviceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a SQL {@link Store} does beyond the device and config contracts: it keeps every committed
 * write across a reopen and a killed process, serves the master tenant, reports its health, and
 * answers phone-path look-ups from an index.
 */
abstract class StoreContract {
  private static final int REPORTED_BEFORE_KILL = 100;

  @TempDir Path scratch;

  /** Settings of one database; every call in a test names the same one. */
  protected abstract StoreSettings settings();

  /** The query plan of {@code sql} with {@code value} bound to {@code param}, as text. */
  protected abstract String queryPlan(String sql, String param, String value);

  /** True if {@code plan} reads through index {@code index} rather than scanning a table. */
  protected abstract boolean usesIndex(String plan, String index);

  @Test
  void reopening_keepsEveryDeviceAndConfig() {
    // given
    Device first = DeviceStoreContract.fullDevice("d1", DeviceStoreContract.mac(1));
    Device updated;
    try (Store store = Store.open(settings())) {
      store.devices().insertIfAbsent(first);
      store.devices().insertIfAbsent(DeviceStoreContract.device("d2").build());
      Device stored = store.devices().findById("d1").orElseThrow();
      updated = ((Update.Updated) store.devices().update(stored.toBuilder().ip("10.1.1.1").build())).device();
      store.configs().insert(ConfigStoreContract.fullConfig("c1"));
      store.configs().insert(ConfigStoreContract.config("c2", "c1"));
      store.tenants().insert(new Tenant("t-1", "acme", Tenant.MASTER_UUID));
    }

    // when
    try (Store store = Store.open(settings())) {

      // then
      assertThat(store.devices().findById("d1")).contains(updated);
      assertThat(store.devices().findByMac(first.mac())).contains(updated);
      assertThat(store.devices().count()).isEqualTo(2);
      assertThat(store.configs().findById("c1")).contains(ConfigStoreContract.fullConfig("c1").withRevision(1));
      assertThat(store.configs().findChildren("c1")).extracting(Config::id).containsExactly("c2");
      assertThat(store.tenants().findById("t-1")).contains(new Tenant("t-1", "acme", Tenant.MASTER_UUID));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aWriterKilledMidway_losesNoDeviceItReportedCommitted() throws Exception {
    // given: a child JVM inserting devices one by one, reporting each insert that returned
    Store.open(settings()).close();
    Path log = scratch.resolve("child.log");
    Process child = CrashingWriter.start(settings(), log);
    List<String> committed;
    try {
      committed = CrashingWriter.awaitCommitted(child, REPORTED_BEFORE_KILL);

      // when: it is killed with SIGKILL half-way
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(committed).as("ids reported by the child; its stderr:%n%s", CrashingWriter.log(log)).hasSize(REPORTED_BEFORE_KILL);

    // then
    try (Store store = Store.open(settings())) {
      assertThat(committed).allSatisfy(id -> assertThat(store.devices().findById(id)).as(id).isPresent());
      assertThat(store.devices().count()).isBetween((long) REPORTED_BEFORE_KILL, CrashingWriter.DEVICES - 1L);
    }
  }

  @Test
  void theMasterTenant_existsFromTheFirstOpen() {
    try (Store store = Store.open(settings())) {
      assertThat(store.tenants().findById(Tenant.MASTER_UUID)).contains(Tenant.MASTER);
      assertThat(store.tenants().list()).containsExactly(Tenant.MASTER);
    }
  }

  @Test
  void tenants_areInsertedOnce_andListedByUuid() {
    try (Store store = Store.open(settings())) {
      // given
      Tenant acme = new Tenant("a0000000-0000-4000-8000-000000000000", "acme", Tenant.MASTER_UUID);

      // when
      boolean first = store.tenants().insert(acme);
      boolean second = store.tenants().insert(new Tenant(acme.uuid(), "other", null));

      // then
      assertThat(first).isTrue();
      assertThat(second).isFalse();
      assertThat(store.tenants().list()).containsExactly(Tenant.MASTER, acme);
      assertThat(store.tenants().findById("unknown")).isEmpty();
    }
  }

  @Test
  void check_isHealthyWhileOpen_andUnhealthyAfterClose() {
    // given
    Store store = Store.open(settings());
    Health open = store.check();

    // when
    store.close();

    // then
    assertThat(open.healthy()).as(open.detail()).isTrue();
    assertThat(store.check().healthy()).isFalse();
  }

  @Test
  void aClosedStore_throwsStoreException() {
    // given
    Store store = Store.open(settings());
    store.close();

    // when / then
    assertThatThrownBy(() -> store.devices().findById("d1")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.configs().insert(Config.of("c1", List.of(), Map.of())))
        .isInstanceOf(StoreException.class);
  }

  static List<List<String>> phonePathLookUps() {
    return List.of(
        List.of(SqlDeviceStore.FIND_BY_MAC, "mac", "00:15:65:00:00:01", "devices_mac"),
        List.of(SqlDeviceStore.FIND_BY_SERIAL, "sn", "SN1", "devices_sn"),
        List.of(SqlDeviceStore.FIND_BY_UUID, "uuid", "u-1", "devices_uuid"),
        List.of(SqlDeviceStore.FIND_BY_IP, "ip", "10.0.0.1", "devices_ip"),
        List.of(SqlDeviceStore.FIND_BY_CONFIG, "config", "c1", "devices_config"),
        List.of(SqlDeviceStore.FIND_BY_PLUGIN, "plugin", "p1", "devices_plugin"),
        List.of(SqlDeviceStore.FIND_BY_TENANT, "tenantUuid", Tenant.MASTER_UUID, "devices_tenant_uuid"),
        List.of(SqlConfigStore.FIND_CHILDREN, "parentId", "base", "config_parents_parent_id"),
        List.of(SqlConfigStore.FIND_BY_ROLE, "role", "autocreate", "configs_role"));
  }

  @ParameterizedTest
  @MethodSource("phonePathLookUps")
  void aLookUp_readsThroughItsIndex(List<String> lookUp) {
    // given
    Store.open(settings()).close();

    // when
    String plan = queryPlan(lookUp.get(0), lookUp.get(1), lookUp.get(2));

    // then
    assertThat(usesIndex(plan, lookUp.get(3))).as("plan of %s:%n%s", lookUp.get(0), plan).isTrue();
  }
}
