package io.autoprovd.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.document.Documents;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SelectorTest {
  private static final Map<String, Object> DEVICE = Documents.parseObject("""
      {"id": "d1", "mac": "00:15:65:12:34:56", "ip": "10.0.0.10", "model": "T46S", "configured": true,
       "options": {"switchboard": true, "keys": [1, 2, 3]},
       "X_lines": [{"number": "1001"}, {"number": "1002"}], "X_count": 10, "X_tags": ["a", "b"]}""");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{}                                         | true",
      "{\"model\": \"T46S\"}                      | true",
      "{\"model\": \"T48S\"}                      | false",
      "{\"X_tags\": \"b\"}                        | true",
      "{\"X_tags\": [\"a\", \"b\"]}               | true",
      "{\"options.switchboard\": true}            | true",
      "{\"options.keys\": 2}                      | true",
      "{\"X_lines.number\": \"1002\"}             | true",
      "{\"X_lines.number\": \"1003\"}             | false",
      "{\"X_count\": 10.0}                        | true",
      "{\"configured\": 1}                        | false",
      "{\"model\": {\"$in\": [\"T46S\", \"T48S\"]}} | true",
      "{\"model\": {\"$nin\": [\"T46S\"]}}        | false",
      "{\"sn\": {\"$nin\": [\"x\"]}}              | true",
      "{\"sn\": {\"$ne\": \"x\"}}                 | true",
      "{\"model\": {\"$ne\": \"T46S\"}}           | false",
      "{\"sn\": {\"$exists\": false}}             | true",
      "{\"options.switchboard\": {\"$exists\": true}} | true",
      "{\"model\": {\"$contains\": \"46\"}}       | true",
      "{\"X_tags\": {\"$contains\": \"a\"}}       | true",
      "{\"options\": {\"$contains\": \"keys\"}}   | true",
      "{\"ip\": {\"$gt\": \"10.0.0.2\"}}          | true",
      "{\"ip\": {\"$lt\": \"10.0.0.9\"}}          | false",
      "{\"X_count\": {\"$ge\": 10, \"$le\": 10}}  | true",
      "{\"X_count\": {\"$gt\": 9}}                | true",
      "{\"X_count\": {\"$gt\": \"9\"}}            | true",
      "{\"model\": {\"$gt\": 5}}                  | false",
      "{\"model\": \"T46S\", \"ip\": \"10.0.0.2\"} | false",
  })
  void aSelector_onADocument_matchesAsTheReferenceLanguageSays(String selector, boolean expected) {
    assertThat(Selector.parse(Documents.parseObject(selector)).matches(DEVICE)).isEqualTo(expected);
  }

  @Test
  void anUnknownOperator_isRefused_namingTheKeyAndTheOperator() {
    assertThatThrownBy(() -> Selector.parse(Map.of("mac", Map.of("$regex", "^00"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`mac`").hasMessageContaining("$regex");
  }

  @Test
  void inWithoutAList_existsWithoutABoolean_andMixedKeys_areRefused() {
    assertThatThrownBy(() -> Selector.parse(Map.of("mac", Map.of("$in", "x")))).hasMessageContaining("$in needs a list");
    assertThatThrownBy(() -> Selector.parse(Map.of("mac", Map.of("$exists", "yes")))).hasMessageContaining("$exists");
    assertThatThrownBy(() -> Selector.parse(Map.of("mac", Map.of("$ne", "x", "a", 1)))).hasMessageContaining("mix");
    assertThatThrownBy(() -> Selector.parse(Map.of("a..b", 1))).hasMessageContaining("empty path segment");
    assertThatThrownBy(() -> Selector.parse(java.util.List.of())).hasMessageContaining("JSON object");
  }

  @Test
  void split_keepsEveryCondition_onOneSideOrTheOther() {
    var selector = Selector.parse(Documents.parseObject("{\"mac\": \"x\", \"options.a\": 1, \"ip\": {\"$gt\": \"1\"}}"));

    var split = selector.split(c -> c.topLevel() && c.operator() == Operator.EQ);

    assertThat(split.pushed().conditions()).extracting(Condition::path).containsExactly("mac");
    assertThat(split.residual().conditions()).extracting(Condition::path).containsExactly("options.a", "ip");
  }
}
