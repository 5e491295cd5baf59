package io.autoprovd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** config-model.md §2: the reference raw-config merge, and where each value came from. */
class ConfigMergerTest {
  private final Map<String, Config> stored = new HashMap<>();
  private final ConfigMerger merger = new ConfigMerger(id -> Optional.ofNullable(stored.get(id)));

  private void store(String id, List<String> parents, Map<String, Object> raw) {
    stored.put(id, Config.of(id, parents, raw));
  }

  private MergedConfig merge(String id) {
    return merger.merge(id, Map.of()).orElseThrow();
  }

  private static List<String> ids(MergedConfig merged) {
    return merged.chain().stream().map(Config::id).toList();
  }

  @Nested
  class Precedence {

    @Test
    void theConfigItself_beatsAllItsParents() {
      // given
      store("parent", List.of(), Map.of("ntp_ip", "parent"));
      store("child", List.of("parent"), Map.of("ntp_ip", "child"));

      // when
      MergedConfig merged = merge("child");

      // then
      assertThat(merged.rawConfig()).containsEntry("ntp_ip", "child");
      assertThat(merged.explain("ntp_ip")).contains("child");
    }

    @Test
    void aLaterParent_beatsAnEarlierOne() {
      // given
      store("early", List.of(), Map.of("ntp_ip", "early", "timezone", "Europe/Paris"));
      store("late", List.of(), Map.of("ntp_ip", "late"));
      store("child", List.of("early", "late"), Map.of());

      // when
      MergedConfig merged = merge("child");

      // then
      assertThat(merged.rawConfig()).containsEntry("ntp_ip", "late").containsEntry("timezone", "Europe/Paris");
      assertThat(merged.explain("ntp_ip")).contains("late");
      assertThat(merged.explain("timezone")).contains("early");
    }

    @Test
    void anAncestorOfALaterParent_beatsAnEarlierParent() {
      // given A.parents = [B, C], C.parents = [E]
      store("B", List.of(), Map.of("ntp_ip", "from B"));
      store("E", List.of(), Map.of("ntp_ip", "from E"));
      store("C", List.of("E"), Map.of());
      store("A", List.of("B", "C"), Map.of());

      // when
      MergedConfig merged = merge("A");

      // then the application order is B, E, C, A
      assertThat(ids(merged)).containsExactly("B", "E", "C", "A");
      assertThat(merged.rawConfig()).containsEntry("ntp_ip", "from E");
      assertThat(merged.explain("ntp_ip")).contains("E");
    }

    @Test
    void theBaseRawConfig_comesFirstAndLosesToEveryConfig() {
      // given
      store("base", List.of(), Map.of("http_port", 9999));
      Map<String, Object> baseRaw = Map.of("http_port", 8667, "tftp_port", 69);

      // when
      MergedConfig merged = merger.merge("base", baseRaw).orElseThrow();

      // then
      assertThat(merged.rawConfig()).containsEntry("http_port", 9999).containsEntry("tftp_port", 69);
      assertThat(merged.explain("http_port")).contains("base");
      assertThat(merged.explain("tftp_port")).contains(MergedConfig.BASE);
      assertThat(ids(merged)).containsExactly("base");
    }
  }

  @Nested
  class Walk {

    @Test
    void aDiamond_appliesTheSharedAncestorOnceAtItsFirstEncounter() {
      // given A.parents = [B, C], B.parents = [D], C.parents = [D]
      store("D", List.of(), Map.of("ntp_ip", "from D", "locale", "from D"));
      store("B", List.of("D"), Map.of("ntp_ip", "from B", "timezone", "from B"));
      store("C", List.of("D"), Map.of("timezone", "from C"));
      store("A", List.of("B", "C"), Map.of());

      // when
      MergedConfig merged = merge("A");

      // then D is not re-applied through C, so B's value over D survives and C beats B
      assertThat(ids(merged)).containsExactly("D", "B", "C", "A");
      assertThat(merged.rawConfig())
          .containsEntry("ntp_ip", "from B")
          .containsEntry("timezone", "from C")
          .containsEntry("locale", "from D");
    }

    @Test
    void missingParents_areSkippedSilently() {
      // given
      store("B", List.of("ghost-of-B"), Map.of("ntp_ip", "from B"));
      store("A", List.of("ghost", "B"), Map.of());

      // when
      MergedConfig merged = merge("A");

      // then
      assertThat(ids(merged)).containsExactly("B", "A");
      assertThat(merged.rawConfig()).containsEntry("ntp_ip", "from B");
    }

    @Test
    void aConfigThatDoesNotExist_mergesToNothing() {
      // when
      var merged = merger.merge("nope", Map.of("ip", "10.0.0.1"));

      // then
      assertThat(merged).isEmpty();
    }

    @Test
    void aCycle_isCutAndEveryConfigIsAppliedOnce() {
      // given A → B → C → A, and a config that is its own parent
      store("A", List.of("B"), Map.of("ntp_ip", "from A"));
      store("B", List.of("C"), Map.of("ntp_ip", "from B", "locale", "from B"));
      store("C", List.of("A"), Map.of("locale", "from C", "timezone", "from C"));
      store("self", List.of("self"), Map.of("ntp_ip", "self"));

      // when
      MergedConfig merged = merge("A");
      MergedConfig selfMerged = merge("self");

      // then
      assertThat(ids(merged)).containsExactly("C", "B", "A");
      assertThat(merged.rawConfig())
          .containsEntry("ntp_ip", "from A")
          .containsEntry("locale", "from B")
          .containsEntry("timezone", "from C");
      assertThat(ids(selfMerged)).containsExactly("self");
    }

    @Test
    void theAutoprovChain_isBaseThenDeviceTemplateThenAutoprovThenTheDeviceCopy() {
      // given
      StandardConfigs.all("10.0.0.1", 5060).forEach(c -> stored.put(c.id(), c));
      store("autoprov123", List.of("autoprov"), Map.of("sip_lines", Map.of("1", Map.of("username", "ap123"))));

      // when
      MergedConfig merged = merge("autoprov123");

      // then config-model.md §2: base raw config → base → defaultconfigdevice → autoprov → autoprov<uuid>
      assertThat(ids(merged)).containsExactly("base", "defaultconfigdevice", "autoprov", "autoprov123");
      assertThat(merged.explain("sip_lines.1.username")).contains("autoprov123");
      assertThat(merged.explain("sip_lines.1.display_name")).contains("autoprov");
      assertThat(merged.explain("sip_dtmf_mode")).contains("defaultconfigdevice");
    }
  }

  @Nested
  class DeepMerge {

    @Test
    void objects_mergeKeyByKey() {
      // given
      store("parent", List.of(), Map.of("sip_lines", Map.of(
          "1", Map.of("username", "alice", "password", "old"))));
      store("child", List.of("parent"), Map.of("sip_lines", Map.of(
          "1", Map.of("password", "new"),
          "2", Map.of("username", "bob"))));

      // when
      MergedConfig merged = merge("child");

      // then
      assertThat(merged.rawConfig()).containsEntry("sip_lines", Map.of(
          "1", Map.of("username", "alice", "password", "new"),
          "2", Map.of("username", "bob")));
      assertThat(merged.explain("sip_lines.1.username")).contains("parent");
      assertThat(merged.explain("sip_lines.1.password")).contains("child");
      assertThat(merged.explain("sip_lines.2.username")).contains("child");
    }

    @Test
    void aScalar_replacesTheInheritedValue() {
      // given
      store("parent", List.of(), Map.of("http_port", 8667));
      store("child", List.of("parent"), Map.of("http_port", 8080));

      // when / then
      assertThat(merge("child").rawConfig()).containsEntry("http_port", 8080);
    }

    @Test
    void aList_replacesTheInheritedListInsteadOfConcatenating() {
      // given
      store("parent", List.of(), Map.of("sip_servers_root_and_intermediate_certificates", List.of("root", "inter")));
      store("child", List.of("parent"), Map.of("sip_servers_root_and_intermediate_certificates", List.of("other")));

      // when / then
      assertThat(merge("child").rawConfig())
          .containsEntry("sip_servers_root_and_intermediate_certificates", List.of("other"));
    }

    @Test
    void null_replacesTheInheritedValueButCannotRemoveTheKey() {
      // given
      store("parent", List.of(), Map.of("ntp_ip", "10.0.0.1", "sip_lines", Map.of("1", Map.of("username", "a"))));
      var nulls = new LinkedHashMap<String, Object>();
      nulls.put("ntp_ip", null);
      nulls.put("sip_lines", null);
      store("child", List.of("parent"), nulls);

      // when
      MergedConfig merged = merge("child");

      // then
      assertThat(merged.rawConfig()).containsEntry("ntp_ip", null).containsEntry("sip_lines", null);
      assertThat(merged.explain("ntp_ip")).contains("child");
      assertThat(merged.explain("sip_lines")).contains("child");
      assertThat(merged.explain("sip_lines.1.username")).isEmpty();
    }

    @Test
    void anObjectOverAScalar_startsFromAnEmptyObject() {
      // given
      store("parent", List.of(), Map.of("funckeys", "not an object"));
      store("child", List.of("parent"), Map.of("funckeys", Map.of("1", Map.of("type", "park"))));

      // when
      MergedConfig merged = merge("child");

      // then
      assertThat(merged.rawConfig()).containsEntry("funckeys", Map.of("1", Map.of("type", "park")));
      assertThat(merged.explain("funckeys")).isEmpty();
      assertThat(merged.explain("funckeys.1.type")).contains("child");
    }

    @Test
    void aScalarOverAnObject_forgetsWhereTheObjectsValuesCameFrom() {
      // given
      store("parent", List.of(), Map.of("funckeys", Map.of("1", Map.of("type", "park"))));
      store("child", List.of("parent"), Map.of("funckeys", 7));

      // when
      MergedConfig merged = merge("child");

      // then
      assertThat(merged.rawConfig()).containsEntry("funckeys", 7);
      assertThat(merged.explain("funckeys")).contains("child");
      assertThat(merged.explain("funckeys.1.type")).isEmpty();
    }

    @Test
    void merging_neitherChangesTheStoredConfigsNorTheBase_andYieldsAFrozenDocument() {
      // given
      store("parent", List.of(), Map.of("sip_lines", Map.of("1", Map.of("username", "alice"))));
      store("child", List.of("parent"), Map.of("sip_lines", Map.of("1", Map.of("password", "pw"))));
      Map<String, Object> base = new LinkedHashMap<>();
      base.put("sip_lines", new LinkedHashMap<>(Map.of("9", new LinkedHashMap<>(Map.of("username", "base")))));
      Map<String, Config> before = Map.copyOf(stored);
      String baseBefore = base.toString();

      // when
      MergedConfig merged = merger.merge("child", base).orElseThrow();

      // then
      assertThat(stored).isEqualTo(before);
      assertThat(stored.get("parent").rawConfig()).isEqualTo(Map.of("sip_lines", Map.of("1", Map.of("username", "alice"))));
      assertThat(base.toString()).isEqualTo(baseBefore);
      assertThatThrownBy(() -> merged.rawConfig().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
      @SuppressWarnings("unchecked")
      var lines = (Map<String, Object>) merged.rawConfig().get("sip_lines");
      assertThatThrownBy(() -> lines.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theChainVersion_changesWhenAnyConfigOfTheChainIsWritten() {
      // given
      store("parent", List.of(), Map.of());
      store("child", List.of("parent"), Map.of());
      String before = merge("child").chainVersion();

      // when
      stored.put("parent", stored.get("parent").withRevision(2));

      // then
      assertThat(merge("child").chainVersion()).isNotEqualTo(before);
    }
  }

  @Nested
  class Cycles {

    @Test
    void aConfigNamingItselfAsParent_wouldCycle() {
      // when / then
      assertThat(merger.wouldCycle(Config.of("A", List.of("A"), Map.of()))).isTrue();
    }

    @Test
    void aParentThatLeadsBack_wouldCycleDirectlyAndIndirectly() {
      // given B.parents = [A]; D.parents = [C], C.parents = [X, A]
      store("B", List.of("A"), Map.of());
      store("C", List.of("X", "A"), Map.of());
      store("D", List.of("C"), Map.of());

      // when / then
      assertThat(merger.wouldCycle(Config.of("A", List.of("B"), Map.of()))).isTrue();
      assertThat(merger.wouldCycle(Config.of("A", List.of("D"), Map.of()))).isTrue();
    }

    @Test
    void aDagWithDiamondsAndMissingParents_doesNotCycle() {
      // given
      store("D", List.of("ghost"), Map.of());
      store("B", List.of("D"), Map.of());
      store("C", List.of("D"), Map.of());

      // when / then
      assertThat(merger.wouldCycle(Config.of("A", List.of("B", "C", "missing"), Map.of()))).isFalse();
    }

    @Test
    void anExistingCycleElsewhere_isNotBlamedOnTheConfigAndDoesNotLoop() {
      // given B ↔ C already cycle
      store("B", List.of("C"), Map.of());
      store("C", List.of("B"), Map.of());

      // when / then
      assertThat(merger.wouldCycle(Config.of("A", List.of("B"), Map.of()))).isFalse();
    }

    @Test
    void theStoredVersionOfTheConfig_isNotWhatIsChecked() {
      // given A is stored with a parent that leads back to it
      store("B", List.of("A"), Map.of());
      store("A", List.of("B"), Map.of());

      // when A is rewritten without that parent
      boolean cycles = merger.wouldCycle(Config.of("A", List.of(), Map.of()));

      // then
      assertThat(cycles).isFalse();
    }
  }

  // ---------------------------------------------------------------- properties

  @Property(tries = 300)
  void mergingWithAnEmptyConfig_changesNothing(
      @ForAll("documents") Map<String, Object> parentRaw, @ForAll("documents") Map<String, Object> base) {
    // given
    stored.clear();
    store("parent", List.of(), parentRaw);
    store("empty", List.of("parent"), Map.of());

    // when
    MergedConfig alone = merger.merge("parent", base).orElseThrow();
    MergedConfig withEmpty = merger.merge("empty", base).orElseThrow();
    MergedConfig emptyBase = merger.merge("parent", Map.of()).orElseThrow();

    // then
    assertThat(withEmpty.rawConfig()).isEqualTo(alone.rawConfig());
    assertThat(withEmpty.provenance()).isEqualTo(alone.provenance());
    assertThat(emptyBase.rawConfig()).isEqualTo(Config.of("x", List.of(), parentRaw).rawConfig());
  }

  @Property(tries = 300)
  void aScalarInTheChild_replacesWhateverTheParentHad(
      @ForAll("documents") Map<String, Object> parentRaw, @ForAll("keys") String key,
      @ForAll("scalars") Object scalar) {
    // given
    stored.clear();
    store("parent", List.of(), parentRaw);
    var childRaw = new HashMap<String, Object>();
    childRaw.put(key, scalar);
    store("child", List.of("parent"), childRaw);

    // when
    MergedConfig merged = merge("child");

    // then
    assertThat(merged.rawConfig()).containsEntry(key, scalar);
    assertThat(merged.explain(key)).contains("child");
    assertThat(merged.provenance().keySet()).noneMatch(p -> p.startsWith(key + "."));
  }

  @Property(tries = 300)
  void provenance_explainsEveryLeafWithAConfigOfTheChainThatWroteThatValue(
      @ForAll("graphs") List<Node> graph, @ForAll("documents") Map<String, Object> base) {
    // given
    stored.clear();
    graph.forEach(n -> store(n.id(), n.parents(), n.raw()));

    // when
    MergedConfig merged = merger.merge("c0", base).orElseThrow();

    // then
    Map<String, Map<String, Object>> layers = new HashMap<>();
    layers.put(MergedConfig.BASE, base);
    merged.chain().forEach(c -> layers.put(c.id(), c.rawConfig()));
    assertThat(merged.provenance().keySet()).isEqualTo(leaves(merged.rawConfig(), ""));
    merged.provenance().forEach((path, source) -> {
      assertThat(layers).containsKey(source);
      assertThat(at(layers.get(source), path)).isEqualTo(at(merged.rawConfig(), path));
    });
    assertThat(ids(merged)).doesNotHaveDuplicates().endsWith("c0");
  }

  record Node(String id, List<String> parents, Map<String, Object> raw) {}

  private static Set<String> leaves(Map<String, Object> doc, String prefix) {
    var out = new TreeSet<String>();
    doc.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        var child = (Map<String, Object>) m;
        out.addAll(leaves(child, prefix + k + "."));
      } else {
        out.add(prefix + k);
      }
    });
    return out;
  }

  private static Object at(Map<String, Object> doc, String path) {
    Object current = doc;
    for (String part : path.split("\\.")) {
      current = ((Map<?, ?>) current).get(part);
    }
    return current;
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.of("a", "b", "c", "d");
  }

  @Provide
  Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 3).map(i -> (Object) i),
        Arbitraries.strings().alpha().ofMaxLength(2).map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.integers().between(0, 9).list().ofMaxSize(2).map(l -> (Object) l))
        .injectNull(0.1);
  }

  @Provide
  Arbitrary<Map<String, Object>> documents() {
    return document(2);
  }

  private Arbitrary<Map<String, Object>> document(int depth) {
    Arbitrary<Object> value = depth == 0
        ? scalars()
        : Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, scalars()),
            net.jqwik.api.Tuple.of(2, document(depth - 1).map(m -> (Object) m)));
    return Combinators.combine(keys().list().ofMaxSize(4), value.list().ofSize(4)).as((ks, vs) -> {
      var doc = new LinkedHashMap<String, Object>();
      for (int i = 0; i < ks.size(); i++) {
        doc.put(ks.get(i), vs.get(i));
      }
      return doc;
    });
  }

  @Provide
  Arbitrary<List<Node>> graphs() {
    return Arbitraries.integers().between(1, 5).flatMap(n -> {
      var ids = new ArrayList<String>(IntStream.range(0, n).mapToObj(i -> "c" + i).toList());
      ids.add("ghost");
      Arbitrary<List<String>> parents = Arbitraries.of(ids).list().ofMaxSize(3);
      return Combinators.combine(parents.list().ofSize(n), documents().list().ofSize(n)).as((ps, raws) ->
          IntStream.range(0, n).mapToObj(i -> new Node("c" + i, ps.get(i), raws.get(i))).toList());
    });
  }

  @Test
  void theGeneratorsProduceNestedDocuments() {
    // a guard for the properties above: they would prove little on flat documents
    var samples = documents().sampleStream().limit(200).toList();
    assertThat(samples).anyMatch(d -> d.values().stream().anyMatch(v -> v instanceof Map<?, ?>));
    assertThat(samples).anyMatch(d -> d.containsValue(null));
  }
}
