package io.autoprovd.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BlockWindowTest {

  private static BlockWindow window(int size, int blockSize, int windowSize) {
    return new BlockWindow(
        Channels.newChannel(new ByteArrayInputStream(new byte[size])), blockSize, windowSize);
  }

  /** Acknowledges blocks one window at a time until {@code block} is the last acknowledged. */
  private static BlockWindow acknowledgedUpTo(long block, int windowSize) throws IOException {
    var window = window((int) Math.min(Integer.MAX_VALUE, (block + windowSize + 1) * 8), 8,
        windowSize);
    while (window.blocksAcknowledged() < block) {
      window.fill();
      long target = Math.min(block, window.blocksAcknowledged() + windowSize);
      window.acknowledge((int) (target & 0xFFFF));
    }
    return window;
  }

  @Property(tries = 30)
  void blockNumbersWrap_soAnAckIsMatchedToTheRightBlockPast65535(
      @ForAll @LongRange(min = 65_400, max = 131_200) long acknowledged,
      @ForAll @IntRange(min = 1, max = 64) int windowSize) throws IOException {
    BlockWindow window = acknowledgedUpTo(acknowledged, windowSize);
    window.fill();

    long next = acknowledged + 1;
    assertThat(window.resolve((int) (next & 0xFFFF))).isEqualTo(next);
    assertThat(window.resolve((int) (acknowledged & 0xFFFF))).isEqualTo(acknowledged);
    assertThat(window.resolve((int) ((acknowledged + windowSize + 1) & 0xFFFF))).isEqualTo(-1);
  }

  @Test
  void aDuplicateAck_changesNothing() throws IOException {
    BlockWindow window = window(100, 8, 4);
    window.fill();
    assertThat(window.acknowledge(2)).isTrue();

    assertThat(window.acknowledge(2)).isFalse();
    assertThat(window.acknowledge(0)).isFalse();
    assertThat(window.blocksAcknowledged()).isEqualTo(2);
  }

  @Test
  void anAckBeyondWhatWasSent_isIgnored() throws IOException {
    BlockWindow window = window(100, 8, 4);
    window.fill();

    assertThat(window.acknowledge(9)).isFalse();
    assertThat(window.blocksAcknowledged()).isZero();
  }

  @Test
  void aFileOfWholeBlocks_endsWithAnEmptyBlock() throws IOException {
    BlockWindow window = window(16, 8, 8);
    window.fill();

    window.acknowledge(2);
    assertThat(window.complete()).isFalse();
    window.acknowledge(3);
    assertThat(window.complete()).isTrue();
  }
}
