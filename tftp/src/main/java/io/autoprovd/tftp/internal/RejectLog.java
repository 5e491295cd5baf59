package io.autoprovd.tftp.internal;

import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per rejected packet, at most {@link #LINES_PER_SECOND} a second, so that a flood of
 * junk cannot fill the disk. Lines over the budget are counted and the count is reported with the
 * next line written. Confined to the listener thread: not thread-safe.
 */
final class RejectLog {

  static final int LINES_PER_SECOND = 20;
  private static final Logger log = LoggerFactory.getLogger("io.autoprovd.tftp.rejected");
  private static final long SECOND = 1_000_000_000L;

  private long windowStart = System.nanoTime();
  private int linesInWindow;
  private long suppressed;

  void reject(SocketAddress peer, String reason) {
    long now = System.nanoTime();
    if (now - windowStart >= SECOND) {
      windowStart = now;
      linesInWindow = 0;
    }
    if (linesInWindow >= LINES_PER_SECOND) {
      suppressed++;
      return;
    }
    linesInWindow++;
    if (suppressed > 0) {
      log.warn("rejected packet from {}: {} ({} more rejections not logged)", peer, reason,
          suppressed);
      suppressed = 0;
    } else {
      log.warn("rejected packet from {}: {}", peer, reason);
    }
  }
}
