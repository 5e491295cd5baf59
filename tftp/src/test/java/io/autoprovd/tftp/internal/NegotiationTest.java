package io.autoprovd.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.tftp.TftpSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiationTest {

  private static final TftpSettings SETTINGS = TftpSettings.defaults();

  private static Negotiation.Terms agreed(Option... options) {
    var outcome = Negotiation.negotiate(List.of(options), SETTINGS);
    assertThat(outcome).isInstanceOf(Negotiation.Outcome.Agreed.class);
    return ((Negotiation.Outcome.Agreed) outcome).terms();
  }

  @Test
  void withoutOptions_theRfc1350DefaultsApply() {
    Negotiation.Terms terms = agreed();

    assertThat(terms.blockSize()).isEqualTo(512);
    assertThat(terms.windowSize()).isEqualTo(1);
    assertThat(terms.timeout()).isEqualTo(SETTINGS.retransmitTimeout());
    assertThat(terms.optionAck(100)).isEmpty();
  }

  @Test
  void theTimeoutOption_replacesTheRetransmitTimeout() {
    assertThat(agreed(new Option("timeout", "7")).timeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aHugeNumber_isNegotiatedDownRatherThanOverflowing() {
    Negotiation.Terms terms = agreed(new Option("blksize", "99999999999999999999999"));

    assertThat(terms.blockSize()).isEqualTo(65464);
  }

  @Test
  void tsizeIsAnsweredWithTheSize_onlyWhenTheSizeIsKnownAndNotZero() {
    Negotiation.Terms terms = agreed(new Option("tsize", "0"));

    assertThat(terms.optionAck(1234)).containsExactly(new Option("tsize", "1234"));
    assertThat(terms.optionAck(0)).isEmpty();
    assertThat(terms.optionAck(-1)).isEmpty();
  }

  @Test
  void decimalsAcceptOnlyPlainDigits() {
    assertThat(Negotiation.decimal("0512")).isEqualTo(512);
    assertThat(Negotiation.decimal("+512")).isEqualTo(-1);
    assertThat(Negotiation.decimal(" 512")).isEqualTo(-1);
    assertThat(Negotiation.decimal("")).isEqualTo(-1);
    assertThat(Negotiation.decimal("9".repeat(30))).isEqualTo(Long.MAX_VALUE);
  }
}
