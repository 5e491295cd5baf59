package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.search.DocumentViews;
import io.autoprovd.core.search.Query;
import io.autoprovd.core.search.Search;
import io.autoprovd.core.search.Selector;
import io.autoprovd.core.search.Sort;
import io.autoprovd.core.search.TenantScope;
import io.autoprovd.core.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every store answers a search exactly as the reference evaluation in Java does, whatever part of
 * it the store pushes into SQL. Each backend runs it through a subclass.
 */
abstract class SearchContract {
  static final String SUB = "5c6d7e8f-0000-4000-8000-000000000002";

  DeviceStore devices;
  ConfigStore configs;
  final List<Device> allDevices = new ArrayList<>();
  final List<Config> allConfigs = new ArrayList<>();

  /** Fresh, empty stores; the subclass assigns {@link #devices} and {@link #configs}. */
  protected abstract void openStores() throws Exception;

  protected void closeStores() throws Exception {}

  @BeforeEach
  void fill() throws Exception {
    openStores();
    for (int i = 0; i < 30; i++) {
      var b = Device.newBuilder("dev" + i, i % 3 == 0 ? SUB : Tenant.MASTER_UUID)
          .mac(Mac.parse("%012x".formatted(0x001565000000L + i)))
          .ip(i % 5 == 0 ? null : "10.0.0." + (i % 12))
          .vendor(i % 2 == 0 ? "Yealink" : "Snom").model(i % 4 == 0 ? "T46S" : "D785")
          .plugin(i % 7 == 0 ? null : "yealink").config(i % 2 == 0 ? "cfg" + i : null)
          .isNew(i % 3 != 0).configured(i % 2 == 0, "no config")
          .options(i % 6 == 0 ? Map.of("switchboard", true) : Map.of())
          .extra(Map.of("X_n", i, "X_tags", i % 2 == 0 ? List.of("even", "t" + i) : List.of("odd")))
          // an ATA of the master tenant whose second port was handed to SUB
          .lineTenants(i % 10 == 1 ? Map.of("2", SUB) : Map.of());
      var inserted = devices.insertIfAbsent(b.build());
      allDevices.add(inserted.device());
    }
    for (int i = 0; i < 12; i++) {
      var c = new Config("cfg" + i, i == 0 ? List.of() : List.of("cfg0", "p" + (i % 3)),
          Map.of("sip_lines", Map.of("1", Map.of("username", "u" + i))), i == 1 ? "autocreate" : null,
          i % 4 == 0, i != 0, i % 3 == 0 ? null : (i % 3 == 1 ? SUB : Tenant.MASTER_UUID),
          Map.of("X_type", i % 2 == 0 ? "device" : "internal"), 0);
      configs.insert(c);
      allConfigs.add(configs.findById(c.id()).orElseThrow());
    }
  }

  @AfterEach
  void close() throws Exception {
    closeStores();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{}",
      "{\"mac\": \"00:15:65:00:00:05\"}",
      "{\"mac\": {\"$in\": [\"00:15:65:00:00:05\", \"00:15:65:00:00:07\", 3]}}",
      "{\"ip\": \"10.0.0.3\"}",
      "{\"ip\": {\"$exists\": false}}",
      "{\"ip\": {\"$ne\": \"10.0.0.3\"}}",
      "{\"ip\": {\"$nin\": [\"10.0.0.3\", \"10.0.0.4\"]}}",
      "{\"ip\": {\"$gt\": \"10.0.0.9\"}}",
      "{\"plugin\": \"yealink\", \"vendor\": \"Snom\"}",
      "{\"plugin\": 5}",
      "{\"plugin\": {\"$ne\": 5}}",
      "{\"plugin\": {\"$in\": [5]}}",
      "{\"plugin\": {\"$nin\": [5]}}",
      "{\"configured\": true, \"is_new\": {\"$ne\": true}}",
      "{\"configured\": \"true\"}",
      "{\"is_new\": {\"$exists\": false}}",
      "{\"config\": {\"$exists\": true}, \"model\": {\"$contains\": \"46\"}}",
      "{\"options.switchboard\": true}",
      "{\"X_tags\": \"even\"}",
      "{\"X_n\": {\"$ge\": 10, \"$lt\": 20}}",
      "{\"tenant_uuid\": \"5c6d7e8f-0000-4000-8000-000000000002\"}",
      "{\"id\": {\"$in\": [\"dev1\", \"dev2\", \"nope\"]}, \"X_n\": {\"$ne\": 2}}",
  })
  void deviceSearch_answersAsTheJavaReference(String selectorJson) {
    Selector selector = Selector.parse(Documents.parseObject(selectorJson));
    for (Query query : variants(selector)) {
      assertThat(ids(devices.search(query)))
          .as("%s, scope %s, sort %s, skip %d, limit %d", selectorJson, query.scope(), query.sort(), query.skip(), query.limit())
          .isEqualTo(ids(Search.inMemory(query, allDevices.stream().sorted(java.util.Comparator.comparing(Device::id)), (scope, d) -> d.visibleIn(scope::admits), DocumentViews::device)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{}",
      "{\"parent_ids\": \"p1\"}",
      "{\"parent_ids\": {\"$in\": [\"p1\", \"p2\"]}}",
      "{\"parent_ids\": [\"cfg0\", \"p1\"]}",
      "{\"role\": \"autocreate\"}",
      "{\"transient\": true, \"deletable\": true}",
      "{\"X_type\": \"device\"}",
      "{\"raw_config.sip_lines.1.username\": {\"$in\": [\"u3\", \"u4\"]}}",
      "{\"tenant_uuid\": {\"$exists\": false}}",
  })
  void configSearch_answersAsTheJavaReference(String selectorJson) {
    Selector selector = Selector.parse(Documents.parseObject(selectorJson));
    for (Query query : variants(selector)) {
      assertThat(configs.search(query)).extracting(Config::id)
          .as("%s, scope %s, sort %s", selectorJson, query.scope(), query.sort())
          .isEqualTo(Search.inMemory(query, allConfigs.stream().sorted(java.util.Comparator.comparing(Config::id)), Config::tenantUuid, DocumentViews::config)
              .stream().map(Config::id).toList());
    }
  }

  @Test
  void sortingByAddress_putsTenAfterTwo_andDescendingReverses() {
    var byIp = devices.search(Query.of(Selector.parse(Map.of("ip", Map.of("$exists", true))))
        .withSort(new Sort("ip", false)));
    var ips = byIp.stream().map(Device::ip).distinct().toList();

    assertThat(ips).containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5",
        "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9", "10.0.0.10", "10.0.0.11");
    var desc = devices.search(Query.of(Selector.ALL).withSort(new Sort("X_n", true)).withPage(0, 3));
    assertThat(ids(desc)).containsExactly("dev29", "dev28", "dev27");
  }

  @Test
  void aTenantScope_cannotBeWidenedByTheSelector() {
    var query = Query.of(Selector.parse(Map.of("tenant_uuid", Tenant.MASTER_UUID)))
        .withScope(TenantScope.of(Set.of(SUB), false));

    // only the master's devices that handed a line to SUB: SUB sees them through that line
    assertThat(devices.search(query)).extracting(Device::id).containsExactly("dev1", "dev11");
    assertThat(configs.search(Query.of(Selector.ALL).withScope(TenantScope.of(Set.of(SUB), true))))
        .allSatisfy(c -> assertThat(c.tenantUuid()).isIn(SUB, null));
  }

  @Test
  void aDeviceWithALineHandedToATenant_isInThatTenantsScope_untilTheLineIsTakenBack() {
    var subScope = Query.of(Selector.ALL).withScope(TenantScope.of(Set.of(SUB), false));
    assertThat(ids(devices.search(subScope))).contains("dev1", "dev11", "dev21");

    Device ata = devices.findById("dev11").orElseThrow();
    assertThat(ata.lineTenants()).isEqualTo(Map.of("2", SUB));
    devices.update(ata.toBuilder().lineTenants(Map.of()).build());

    assertThat(ids(devices.search(subScope))).contains("dev1", "dev21").doesNotContain("dev11");
    assertThat(devices.findById("dev11").orElseThrow().lineTenants()).isEmpty();
  }

  private static List<Query> variants(Selector selector) {
    var queries = new ArrayList<Query>();
    for (TenantScope scope : List.of(TenantScope.ALL, TenantScope.of(Set.of(SUB), false),
        TenantScope.of(Set.of(SUB, Tenant.MASTER_UUID), true), TenantScope.of(Set.of(), false))) {
      for (Sort sort : new Sort[] {null, new Sort("ip", false), new Sort("X_n", true), new Sort("options.switchboard", false)}) {
        queries.add(new Query(selector, scope, sort, 0, 0));
        queries.add(new Query(selector, scope, sort, 2, 5));
      }
    }
    return queries;
  }

  private static List<String> ids(List<Device> list) {
    return list.stream().map(Device::id).toList();
  }
}
