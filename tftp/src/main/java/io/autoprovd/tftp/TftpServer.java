package io.autoprovd.tftp;

import io.autoprovd.tftp.internal.Listener;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A read-only TFTP server: RFC 1350 with RFC 2347 option negotiation and the RFC 2348
 * {@code blksize}, RFC 2349 {@code timeout} and {@code tsize}, and RFC 7440 {@code windowsize}
 * options. Every transfer runs on its own virtual thread with its own socket; what a request gets
 * is decided by a {@link FileSource}.
 *
 * <p>Thread-safe. Closing stops the listener and ends every transfer in progress.
 */
public final class TftpServer implements AutoCloseable {

  /**
   * A snapshot of the server's state.
   *
   * @param running                whether the server still accepts requests
   * @param activeTransfers        transfers in progress
   * @param maxConcurrentTransfers the admission limit from the settings
   */
  public record Health(boolean running, int activeTransfers, int maxConcurrentTransfers) {}

  private final Listener listener;

  private TftpServer(Listener listener) {
    this.listener = listener;
  }

  /**
   * Binds the listening socket and starts serving on a background virtual thread.
   *
   * @throws UncheckedIOException wrapping a {@link java.net.BindException} when the address cannot
   *                              be bound; its message says what to do (for port 69 without
   *                              privileges: run as root, grant CAP_NET_BIND_SERVICE or choose
   *                              another port)
   */
  public static TftpServer start(TftpSettings settings, FileSource source) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(source, "source");
    return new TftpServer(Listener.start(settings, source));
  }

  /** The bound address, with the real port when the settings asked for port 0. */
  public InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  public Health check() {
    return new Health(
        listener.running(), listener.activeTransfers(), listener.maxConcurrentTransfers());
  }

  /** Stops listening and ends every transfer; waits at most a few seconds. Idempotent. */
  @Override
  public void close() {
    listener.close();
  }
}
