package io.autoprovd.tftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link TftpServer}. Immutable; change a copy with the {@code withX} methods.
 *
 * @param bindAddress            address of the listening socket and of every transfer socket; the
 *                               wildcard address listens on all interfaces
 * @param port                   listening port, 69 in production, 0 for an ephemeral port (tests)
 * @param retransmitTimeout      how long to wait for an ACK before resending, unless the client
 *                               negotiates RFC 2349 {@code timeout}; 1 ms to 255 s
 * @param maxRetries             resends of the same packet before a transfer is abandoned; 0 to 100
 * @param maxBlockSize           largest RFC 2348 {@code blksize} granted; larger requests are
 *                               negotiated down to it; 8 to 65464
 * @param maxWindowSize          largest RFC 7440 {@code windowsize} granted; larger requests are
 *                               negotiated down to it; 1 to 65535
 * @param maxConcurrentTransfers transfers served at once; a request beyond it is answered with
 *                               ERROR 0 "server busy"; at least 1
 */
public record TftpSettings(
    InetAddress bindAddress,
    int port,
    Duration retransmitTimeout,
    int maxRetries,
    int maxBlockSize,
    int maxWindowSize,
    int maxConcurrentTransfers) {

  /** RFC 2348: the largest block that fits in a UDP datagram with its TFTP header. */
  public static final int LARGEST_BLOCK_SIZE = 65464;
  /** RFC 2348: the smallest block size a client may ask for. */
  public static final int SMALLEST_BLOCK_SIZE = 8;
  /** RFC 7440: the largest window size. */
  public static final int LARGEST_WINDOW_SIZE = 65535;

  public TftpSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(retransmitTimeout, "retransmitTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    if (retransmitTimeout.compareTo(Duration.ofMillis(1)) < 0
        || retransmitTimeout.compareTo(Duration.ofSeconds(255)) > 0) {
      throw new IllegalArgumentException(
          "retransmitTimeout must be 1 ms to 255 s, got " + retransmitTimeout);
    }
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries must be 0-100, got " + maxRetries);
    }
    if (maxBlockSize < SMALLEST_BLOCK_SIZE || maxBlockSize > LARGEST_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "maxBlockSize must be " + SMALLEST_BLOCK_SIZE + "-" + LARGEST_BLOCK_SIZE
              + ", got " + maxBlockSize);
    }
    if (maxWindowSize < 1 || maxWindowSize > LARGEST_WINDOW_SIZE) {
      throw new IllegalArgumentException(
          "maxWindowSize must be 1-" + LARGEST_WINDOW_SIZE + ", got " + maxWindowSize);
    }
    if (maxConcurrentTransfers < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentTransfers must be at least 1, got " + maxConcurrentTransfers);
    }
  }

  /**
   * All interfaces, port 69, 2 s retransmit timeout, 5 retries, blksize up to 65464, windowsize up
   * to 64, 10,000 concurrent transfers.
   */
  public static TftpSettings defaults() {
    return new TftpSettings(
        new InetSocketAddress(0).getAddress(), 69, Duration.ofSeconds(2), 5,
        LARGEST_BLOCK_SIZE, 64, 10_000);
  }

  public TftpSettings withBindAddress(InetAddress value) {
    return new TftpSettings(value, port, retransmitTimeout, maxRetries, maxBlockSize,
        maxWindowSize, maxConcurrentTransfers);
  }

  public TftpSettings withPort(int value) {
    return new TftpSettings(bindAddress, value, retransmitTimeout, maxRetries, maxBlockSize,
        maxWindowSize, maxConcurrentTransfers);
  }

  public TftpSettings withRetransmitTimeout(Duration value) {
    return new TftpSettings(bindAddress, port, value, maxRetries, maxBlockSize,
        maxWindowSize, maxConcurrentTransfers);
  }

  public TftpSettings withMaxRetries(int value) {
    return new TftpSettings(bindAddress, port, retransmitTimeout, value, maxBlockSize,
        maxWindowSize, maxConcurrentTransfers);
  }

  public TftpSettings withMaxBlockSize(int value) {
    return new TftpSettings(bindAddress, port, retransmitTimeout, maxRetries, value,
        maxWindowSize, maxConcurrentTransfers);
  }

  public TftpSettings withMaxWindowSize(int value) {
    return new TftpSettings(bindAddress, port, retransmitTimeout, maxRetries, maxBlockSize,
        value, maxConcurrentTransfers);
  }

  public TftpSettings withMaxConcurrentTransfers(int value) {
    return new TftpSettings(bindAddress, port, retransmitTimeout, maxRetries, maxBlockSize,
        maxWindowSize, value);
  }
}
