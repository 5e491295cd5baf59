package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OipStatusTest {
  @Test
  void aBareState_parses() {
    assertThat(OipStatus.parse("progress")).isEqualTo(new OipStatus(null, "progress", null, null, List.of()));
  }

  @Test
  void labelProgressAndSubOperations_parse_inOrder() {
    // when
    var status = OipStatus.parse("install_pkg|progress(download|success;1024/1024)(download|progress;10/99)(install|waiting)");

    // then
    assertThat(status.label()).isEqualTo("install_pkg");
    assertThat(status.state()).isEqualTo("progress");
    assertThat(status.subs()).containsExactly(
        new OipStatus("download", "success", 1024L, 1024L, List.of()),
        new OipStatus("download", "progress", 10L, 99L, List.of()),
        new OipStatus("install", "waiting", null, null, List.of()));
    assertThat(status.done()).isFalse();
  }

  @Test
  void nestedSubOperations_andACurrentWithoutEnd_parse() {
    // when
    var status = OipStatus.parse("a|progress;0(b|progress(c|fail;3))");

    // then
    assertThat(status.current()).isZero();
    assertThat(status.end()).isNull();
    assertThat(status.subs().getFirst().subs().getFirst()).isEqualTo(new OipStatus("c", "fail", 3L, null, List.of()));
  }

  @Test
  void describe_readsAsASentence_withPercentages() {
    assertThat(OipStatus.parse("install|progress(download|progress;13818/54000)").describe())
        .isEqualTo("install: progress, download progress 13818/54000 (25%)");
    assertThat(OipStatus.parse("success").describe()).isEqualTo("success");
  }

  @Test
  void successAndFail_areDone() {
    assertThat(OipStatus.parse("update|success").done()).isTrue();
    assertThat(OipStatus.parse("fail").done()).isTrue();
    assertThat(OipStatus.parse("waiting").done()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "progress(", "progress(a|b", "progress)x", "a|b|c", "progress;x"})
  void whatIsNotAStatus_isRefusedSayingWhere(String text) {
    assertThatThrownBy(() -> OipStatus.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at character");
  }
}
