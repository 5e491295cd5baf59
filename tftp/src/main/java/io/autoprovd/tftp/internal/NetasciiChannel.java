package io.autoprovd.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Converts local text to netascii while reading: LF becomes CR LF and CR becomes CR NUL (RFC 1350
 * §1 via RFC 764), so a client that converts back gets the original bytes. The converted length is
 * not known in advance, which is why {@code tsize} is not acknowledged in netascii mode.
 */
final class NetasciiChannel implements ReadableByteChannel {

  private static final int NONE = -1;

  private final ReadableByteChannel source;
  private final ByteBuffer raw = ByteBuffer.allocate(8192).flip();
  /** Second byte of an expansion that did not fit in the caller's buffer. */
  private int pending = NONE;
  private boolean sourceEnded;

  NetasciiChannel(ReadableByteChannel source) {
    this.source = source;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int written = 0;
    while (dst.hasRemaining()) {
      if (pending != NONE) {
        dst.put((byte) pending);
        pending = NONE;
        written++;
        continue;
      }
      if (!raw.hasRemaining() && !refill()) {
        break;
      }
      byte b = raw.get();
      switch (b) {
        case '\n' -> {
          dst.put((byte) '\r');
          pending = '\n';
        }
        case '\r' -> {
          dst.put((byte) '\r');
          pending = 0;
        }
        default -> dst.put(b);
      }
      written++;
    }
    return written == 0 && sourceEnded && pending == NONE ? -1 : written;
  }

  private boolean refill() throws IOException {
    if (sourceEnded) {
      return false;
    }
    raw.clear();
    int n = source.read(raw);
    raw.flip();
    if (n < 0) {
      sourceEnded = true;
    }
    return raw.hasRemaining();
  }

  @Override
  public boolean isOpen() {
    return source.isOpen();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
