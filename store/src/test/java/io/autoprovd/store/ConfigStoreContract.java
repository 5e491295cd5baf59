package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConfigStore} does, as its Javadoc promises. Each backend runs it through a
 * subclass that supplies a fresh, empty store per test.
 */
abstract class ConfigStoreContract {
  ConfigStore store;

  /** A new, empty store. */
  protected abstract ConfigStore newStore() throws Exception;

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

  static Config config(String id, String... parentIds) {
    return Config.of(id, List.of(parentIds), Map.of("sip_lines", Map.of("1", Map.of("username", id))));
  }

  /** Every field set. */
  static Config fullConfig(String id) {
    return new Config(id, List.of("base", "autoprov"), Map.of("ntp_ip", "10.0.0.1"), "autocreate", true,
        false, DeviceStoreContract.OTHER_TENANT, Map.of("X_type", "device", "label", "Ünïcode ☎"), 0);
  }

  @Test
  void insert_ofANewConfig_storesItAtRevisionOne() {
    // given
    Config config = fullConfig("c1").withRevision(9);

    // when
    boolean inserted = store.insert(config);

    // then
    assertThat(inserted).isTrue();
    assertThat(store.findById("c1")).contains(config.withRevision(1));
  }

  @Test
  void insert_withAnExistingId_returnsFalse_andKeepsTheFirst() {
    // given
    Config first = config("c1", "base");
    store.insert(first);

    // when
    boolean inserted = store.insert(config("c1", "other").withRole("autocreate"));

    // then
    assertThat(inserted).isFalse();
    assertThat(store.findById("c1")).contains(first.withRevision(1));
    assertThat(store.findChildren("other")).isEmpty();
    assertThat(store.findByRole("autocreate")).isEmpty();
  }

  @Test
  void findById_ofAnUnknownId_isEmpty() {
    assertThat(store.findById("nope")).isEmpty();
  }

  @Test
  void update_atTheStoredRevision_replacesTheConfigAndIncrementsTheRevision() {
    // given
    store.insert(config("c1", "base"));
    Config changed = store.findById("c1").orElseThrow()
        .withRawConfig(Map.of("ntp_ip", "10.0.0.2"))
        .withParentIds(List.of("autoprov", "base"))
        .withRole("default")
        .withTransient(true)
        .withDeletable(false)
        .withExtra(Map.of("label", "changed"));

    // when
    var updated = store.update(changed);

    // then
    assertThat(updated).contains(changed.withRevision(2));
    assertThat(store.findById("c1")).contains(changed.withRevision(2));
  }

  @Test
  void update_withAStaleRevision_isEmpty_andChangesNothing() {
    // given
    store.insert(config("c1"));
    Config read = store.findById("c1").orElseThrow();
    Config current = store.update(read.withRole("first")).orElseThrow();

    // when
    var updated = store.update(read.withRole("second"));

    // then
    assertThat(updated).isEmpty();
    assertThat(store.findById("c1")).contains(current);
  }

  @Test
  void update_ofAnUnknownId_isEmpty() {
    // when
    var updated = store.update(config("ghost").withRevision(1));

    // then
    assertThat(updated).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void findChildren_returnsEveryConfigNamingTheParent_orderedById() {
    // given
    store.insert(config("base"));
    store.insert(config("c3", "base"));
    store.insert(config("c1", "other", "base"));
    store.insert(config("c2", "other"));

    // when
    var children = store.findChildren("base");

    // then
    assertThat(children).extracting(Config::id).containsExactly("c1", "c3");
    assertThat(store.findChildren("c1")).isEmpty();
  }

  @Test
  void findChildren_followsAnUpdateOfTheParents() {
    // given
    store.insert(config("c1", "base"));
    Config stored = store.findById("c1").orElseThrow();

    // when
    store.update(stored.withParentIds(List.of("other")));

    // then
    assertThat(store.findChildren("base")).isEmpty();
    assertThat(store.findChildren("other")).extracting(Config::id).containsExactly("c1");
  }

  @Test
  void findChildren_listsAConfigOnce_evenWhenItNamesTheParentTwice() {
    // given
    store.insert(config("c1", "base", "base"));

    // when
    var children = store.findChildren("base");

    // then
    assertThat(children).extracting(Config::id).containsExactly("c1");
    assertThat(children.getFirst().parentIds()).containsExactly("base", "base");
  }

  @Test
  void findByRole_returnsTheFirstConfigByIdWithThatRole() {
    // given
    store.insert(config("c2").withRole("autocreate"));
    store.insert(config("c1").withRole("autocreate"));
    store.insert(config("c0").withRole("default"));

    // when
    var found = store.findByRole("autocreate");

    // then
    assertThat(found).map(Config::id).contains("c1");
    assertThat(store.findByRole("none")).isEmpty();
  }

  @Test
  void list_returnsEveryConfig_orderedById() {
    // given
    store.insert(config("b"));
    store.insert(config("c"));
    store.insert(config("a"));

    // when
    var all = store.list();

    // then
    assertThat(all).extracting(Config::id).containsExactly("a", "b", "c");
  }

  @Test
  void delete_ofAStoredConfig_removesItAndItsParentLinks() {
    // given
    store.insert(config("c1", "base").withRole("autocreate"));
    store.insert(config("c2", "base"));

    // when
    boolean deleted = store.delete("c1");

    // then
    assertThat(deleted).isTrue();
    assertThat(store.findById("c1")).isEmpty();
    assertThat(store.findChildren("base")).extracting(Config::id).containsExactly("c2");
    assertThat(store.findByRole("autocreate")).isEmpty();
    assertThat(store.delete("c1")).isFalse();
  }

  @Test
  void delete_thenInsertTheSameId_startsAgainAtRevisionOne() {
    // given
    store.insert(config("c1", "base"));
    store.update(store.findById("c1").orElseThrow().withRole("x"));
    store.delete("c1");

    // when
    boolean inserted = store.insert(config("c1", "other"));

    // then
    assertThat(inserted).isTrue();
    assertThat(store.findById("c1")).map(Config::revision).contains(1L);
    assertThat(store.findChildren("base")).isEmpty();
    assertThat(store.findChildren("other")).extracting(Config::id).containsExactly("c1");
  }

  @Test
  void rawConfig_withNestedMapsListsNullsAndUnicode_roundTripsExactly_keepingKeyOrder() {
    // given
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("sip_lines", Map.of("1", Map.of("display_name", "Zoë 😀", "number", "1001")));
    raw.put("funckeys", Map.of("1", Map.of("type", "speeddial", "value", "*10")));
    raw.put("X_xivo_phonebook_ip", null);
    raw.put("exten_pickup_call", Arrays.asList("*8", null, 3, 4.25, false));
    raw.put("a_last", "because insertion order is kept");
    Config config = Config.of("c1", List.of("z", "a", "m"), raw);

    // when
    store.insert(config);
    Config found = store.findById("c1").orElseThrow();

    // then
    assertThat(found.rawConfig()).isEqualTo(raw);
    assertThat(found.rawConfig().keySet()).containsExactlyElementsOf(raw.keySet());
    assertThat(found.parentIds()).containsExactly("z", "a", "m");
  }
}
