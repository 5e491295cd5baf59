package io.autoprovd.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TypedOrderTest {
  @Test
  void addresses_sortByValue_soTenComesAfterTwo() {
    assertThat(sorted("10.0.0.10", "10.0.0.2", "9.255.0.1", "10.0.0.1"))
        .containsExactly("9.255.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.10");
  }

  @Test
  void numbers_andDecimalStrings_sortByValue_soTenComesAfterNine() {
    assertThat(sorted(10, 9, 100, -1, 2.5)).containsExactly(-1, 2.5, 9, 10, 100);
    assertThat(sorted("10", "9", "100", "-1")).containsExactly("-1", "9", "10", "100");
  }

  @Test
  void namesAndVersions_sortNaturally_macsAsText() {
    assertThat(sorted("line10", "line9", "line1")).containsExactly("line1", "line9", "line10");
    assertThat(sorted("66.86.0.15", "66.86.0.120", "66.9.0.1")).containsExactly("66.9.0.1", "66.86.0.15", "66.86.0.120");
    assertThat(sorted("00:15:65:0a:00:00", "00:15:65:09:00:00")).containsExactly("00:15:65:09:00:00", "00:15:65:0a:00:00");
  }

  @Test
  void kinds_rankNullThenBooleansNumbersStringsListsObjects() {
    assertThat(sorted(Map.of("a", 1), List.of(1), "x", 3, true, null))
        .containsExactly(null, true, 3, "x", List.of(1), Map.of("a", 1));
  }

  @Test
  void theOrder_isTotal_andConsistentWithItself() {
    var random = new Random(7);
    var values = new ArrayList<Object>();
    String[] parts = {"a", "b", "0", "1", "9", "10", "007", ".", ":", "-"};
    for (int i = 0; i < 400; i++) {
      var sb = new StringBuilder();
      for (int k = random.nextInt(5); k >= 0; k--) {
        sb.append(parts[random.nextInt(parts.length)]);
      }
      values.add(sb.toString());
    }
    for (Object a : values) {
      for (Object b : values) {
        assertThat(Integer.signum(TypedOrder.INSTANCE.compare(a, b)))
            .isEqualTo(-Integer.signum(TypedOrder.INSTANCE.compare(b, a)));
      }
    }
    var once = new ArrayList<>(values);
    once.sort(TypedOrder.INSTANCE);
    for (int i = 0; i + 2 < once.size(); i++) {
      assertThat(TypedOrder.INSTANCE.compare(once.get(i), once.get(i + 2))).isLessThanOrEqualTo(0);
    }
  }

  private static List<Object> sorted(Object... values) {
    var list = new ArrayList<>(Arrays.asList(values));
    Collections.shuffle(list, new Random(1));
    list.sort(TypedOrder.INSTANCE);
    return list;
  }
}
