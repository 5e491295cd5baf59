package io.autoprovd.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TftpSettingsTest {

  @Test
  void defaultsListenOnAllInterfacesOnPort69() {
    TftpSettings settings = TftpSettings.defaults();

    assertThat(settings.bindAddress().isAnyLocalAddress()).isTrue();
    assertThat(settings.port()).isEqualTo(69);
    assertThat(settings.retransmitTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.maxRetries()).isEqualTo(5);
    assertThat(settings.maxBlockSize()).isEqualTo(65464);
    assertThat(settings.maxWindowSize()).isEqualTo(64);
    assertThat(settings.maxConcurrentTransfers()).isEqualTo(10_000);
  }

  @Test
  void withMethodsChangeOneField() {
    TftpSettings settings = TftpSettings.defaults().withPort(6969).withMaxWindowSize(16);

    assertThat(settings).isEqualTo(new TftpSettings(
        TftpSettings.defaults().bindAddress(), 6969, Duration.ofSeconds(2), 5, 65464, 16, 10_000));
  }

  @Test
  void invalidValuesAreRefusedWithTheFieldName() {
    TftpSettings d = TftpSettings.defaults();

    assertThatThrownBy(() -> d.withPort(70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> d.withRetransmitTimeout(Duration.ZERO))
        .hasMessageContaining("retransmitTimeout");
    assertThatThrownBy(() -> d.withRetransmitTimeout(Duration.ofSeconds(256)))
        .hasMessageContaining("retransmitTimeout");
    assertThatThrownBy(() -> d.withMaxRetries(-1)).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> d.withMaxBlockSize(7)).hasMessageContaining("maxBlockSize");
    assertThatThrownBy(() -> d.withMaxBlockSize(65465)).hasMessageContaining("maxBlockSize");
    assertThatThrownBy(() -> d.withMaxWindowSize(0)).hasMessageContaining("maxWindowSize");
    assertThatThrownBy(() -> d.withMaxConcurrentTransfers(0))
        .hasMessageContaining("maxConcurrentTransfers");
    assertThatThrownBy(() -> d.withBindAddress(null)).hasMessageContaining("bindAddress");
  }
}
