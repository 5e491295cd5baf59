package io.autoprovd.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class NetasciiChannelTest {

  /** Reads everything through buffers of {@code chunk} bytes, as blocks of that size would. */
  private static byte[] convert(byte[] local, int chunk) throws IOException {
    var channel = new NetasciiChannel(Channels.newChannel(new ByteArrayInputStream(local)));
    var out = new ByteArrayOutputStream();
    var buffer = ByteBuffer.allocate(chunk);
    while (channel.read(buffer.clear()) >= 0) {
      out.write(buffer.array(), 0, buffer.position());
    }
    return out.toByteArray();
  }

  /** What an RFC 1350 client does on receipt: CR LF becomes LF and CR NUL becomes CR. */
  private static byte[] decodeLikeAClient(byte[] netascii) {
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < netascii.length; i++) {
      if (netascii[i] == '\r' && i + 1 < netascii.length && netascii[i + 1] == '\n') {
        out.write('\n');
        i++;
      } else if (netascii[i] == '\r' && i + 1 < netascii.length && netascii[i + 1] == 0) {
        out.write('\r');
        i++;
      } else {
        out.write(netascii[i]);
      }
    }
    return out.toByteArray();
  }

  @Property(tries = 200)
  void anyContentSurvivesConversionAndBack_whateverTheBlockSize(
      @ForAll byte[] local, @ForAll @IntRange(min = 1, max = 64) int chunk) throws IOException {
    byte[] netascii = convert(local, chunk);

    assertThat(decodeLikeAClient(netascii)).isEqualTo(local);
  }

  @Property(tries = 200)
  void theOutputHasNoBareCarriageReturn(@ForAll byte[] local) throws IOException {
    byte[] netascii = convert(local, 7);

    for (int i = 0; i < netascii.length; i++) {
      if (netascii[i] == '\r') {
        assertThat(i + 1).isLessThan(netascii.length);
        assertThat(netascii[i + 1]).isIn((byte) '\n', (byte) 0);
      }
    }
  }
}
