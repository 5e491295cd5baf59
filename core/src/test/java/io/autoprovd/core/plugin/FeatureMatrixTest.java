package io.autoprovd.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The product guide's feature table: rows, legend, and the Markdown it is printed as. */
class FeatureMatrixTest {

  static Map<String, Object> allYes() {
    var features = new LinkedHashMap<String, Object>();
    FeatureMatrix.ROWS.forEach(r -> features.put(r.key(), r.count() ? 8 : "Y"));
    return features;
  }

  @Test
  void theRows_areTheGuidesThirtyThree_inItsOrder() {
    assertThat(FeatureMatrix.ROWS).hasSize(33);
    assertThat(FeatureMatrix.ROWS.getFirst().label()).isEqualTo("Provisioning");
    assertThat(FeatureMatrix.ROWS.getLast().key()).isEqualTo("paging");
    assertThat(FeatureMatrix.row("blind_transfer").orElseThrow().group()).isEqualTo("Transfers Functions");
  }

  @Test
  void aFilledMatrix_hasNoProblems_andAnExtraKeyOfThePackIsAllowed() {
    var features = allYes();
    features.put("dect", "N");
    assertThat(FeatureMatrix.problems(new ModelSpec("AP100", 1, 8, Map.of(), features))).isEmpty();
  }

  @Test
  void aMissingRow_aValueOutsideTheLegend_andANonCountFunckeys_areEachNamed() {
    // given
    var features = allYes();
    features.remove("paging");
    features.put("blind_transfer", "maybe");
    features.put("funckeys", "Y");
    features.put("dect", "sometimes");

    // when
    var problems = FeatureMatrix.problems(new ModelSpec("AP100", 1, 8, Map.of(), features));

    // then
    assertThat(problems).containsExactlyInAnyOrder(
        "models.AP100.features.paging: missing (Paging)",
        "models.AP100.features.blind_transfer: maybe is not Y/N/NT/NYT/HK/SK/FK/MN",
        "models.AP100.features.funckeys: Y is not a count",
        "models.AP100.features.dect: sometimes is neither a count nor Y/N/NT/NYT/HK/SK/FK/MN");
  }

  @Test
  void markdown_isTheGuidesTable_withBoldGroups_andModelsSideBySide() {
    // given
    var a = allYes();
    a.put("blind_transfer", "HK");
    var b = new LinkedHashMap<String, Object>();
    b.put("provisioning", "Y");

    // when
    String table = FeatureMatrix.markdown(List.of(
        FeatureMatrix.Column.of("T46S", new ModelSpec("T46S", 16, 27, Map.of(), a)),
        FeatureMatrix.Column.of("W70B", new ModelSpec("W70B", 10, 0, Map.of(), b))));

    // then
    assertThat(table).startsWith("- Y = Supported\n- N = Not supported\n");
    assertThat(table).contains("- FK = Funckey\n");
    assertThat(table).contains("""
        |                                            | T46S | W70B |
        | ------------------------------------------ | ---- | ---- |
        | Provisioning                               | Y    | Y    |
        | H-A                                        | Y    |      |
        | Directory Wazo                             | Y    |      |
        | Funckeys                                   | 8    | 0    |
        | **Supported programmable keys**            |      |      |
        | User with supervision function             | Y    |      |
        """);
    assertThat(table).contains("| Blind transfer                             | HK   |      |\n");
    assertThat(table).endsWith("| **Paging Functions**                       |      |      |\n"
        + "| Paging                                     | Y    |      |\n");
  }
}
