package io.autoprovd.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The DATA packets of one transfer that are sent but not yet acknowledged, read ahead up to the
 * window size (RFC 7440). Blocks are numbered from 1 with a {@code long}; only the wire number is
 * cut to 16 bits, so block numbers wrap past 65535 to 0 and files of any length can be sent.
 */
final class BlockWindow {

  private final ReadableByteChannel content;
  private final int blockSize;
  private final byte[][] packets;
  private final int[] lengths;
  /** First block not yet acknowledged. */
  private long base = 1;
  /** Blocks read ahead from {@code base}. */
  private int size;
  /** Number of the last block, known once a short block has been read; 0 until then. */
  private long lastBlock;

  BlockWindow(ReadableByteChannel content, int blockSize, int windowSize) {
    this.content = content;
    this.blockSize = blockSize;
    this.packets = new byte[windowSize][];
    this.lengths = new int[windowSize];
  }

  /** Reads blocks until the window is full or the last block is in it. */
  void fill() throws IOException {
    while (size < packets.length && (lastBlock == 0 || base + size <= lastBlock)) {
      long block = base + size;
      int slot = slot(block);
      if (packets[slot] == null) {
        packets[slot] = new byte[Wire.DATA_HEADER + blockSize];
      }
      byte[] packet = packets[slot];
      Wire.putDataHeader(packet, block);
      int read = readFully(ByteBuffer.wrap(packet, Wire.DATA_HEADER, blockSize));
      lengths[slot] = Wire.DATA_HEADER + read;
      // RFC 1350 §6: a block shorter than blksize, possibly empty, ends the transfer.
      if (read < blockSize) {
        lastBlock = block;
      }
      size++;
    }
  }

  private int readFully(ByteBuffer buffer) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = content.read(buffer);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Sends every block of the window, from the first unacknowledged one. */
  void sendAll(Link link) throws IOException {
    for (long block = base; block < base + size; block++) {
      int slot = slot(block);
      link.send(packets[slot], lengths[slot]);
    }
  }

  /**
   * Maps a 16-bit ACK number onto the window: the absolute block it acknowledges, between the one
   * before {@link #base} and the last block sent, or -1 if it names none of them.
   */
  long resolve(int wireBlock) {
    long previous = base - 1;
    long ahead = (wireBlock - previous) & 0xFFFF;
    return ahead <= size ? previous + ahead : -1;
  }

  /**
   * Records an ACK. Returns false, changing nothing, for an ACK of a block already acknowledged:
   * RFC 1350's Sorcerer's Apprentice fix is not to answer duplicates, only timeouts resend.
   */
  boolean acknowledge(int wireBlock) {
    long block = resolve(wireBlock);
    if (block < base) {
      return false;
    }
    // RFC 7440 §4: an ACK of a block before the end of the window acknowledges it and those before
    // it; the blocks after it stay read ahead and are sent again, starting from the one after it.
    size -= (int) (block + 1 - base);
    base = block + 1;
    return true;
  }

  boolean complete() {
    return lastBlock != 0 && base > lastBlock;
  }

  long blocksAcknowledged() {
    return base - 1;
  }

  private int slot(long block) {
    return (int) (block % packets.length);
  }
}
