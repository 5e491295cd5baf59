package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.FileSource;
import io.autoprovd.tftp.TftpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket: reads requests on one thread and starts each read transfer on its own
 * virtual thread with its own socket. Not API: use {@link io.autoprovd.tftp.TftpServer}.
 */
public final class Listener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Listener.class);
  /** Room for the largest UDP payload, so that no request is silently cut. */
  private static final int MAX_DATAGRAM = 65_536;
  /** Absorbs a burst of requests (a boot storm) while the listener thread catches up. */
  private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
  private static final long CLOSE_GRACE_SECONDS = 5;

  private final DatagramSocket socket;
  private final TftpSettings settings;
  private final FileSource source;
  // Admission only: each transfer takes a permit without waiting and gives it back at its end.
  private final Semaphore permits;
  private final ExecutorService transfers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tftp-transfer-", 0).factory());
  private final RejectLog rejectLog = new RejectLog();
  private final Thread thread;
  private volatile boolean closed;

  private Listener(DatagramSocket socket, TftpSettings settings, FileSource source) {
    this.socket = socket;
    this.settings = settings;
    this.source = source;
    this.permits = new Semaphore(settings.maxConcurrentTransfers());
    this.thread = Thread.ofVirtual()
        .name("tftp-listener-" + socket.getLocalPort())
        .start(this::receiveLoop);
  }

  /**
   * Binds the listening socket and starts serving.
   *
   * @throws UncheckedIOException wrapping a {@link BindException} whose message says what to do
   */
  public static Listener start(TftpSettings settings, FileSource source) {
    var address = new InetSocketAddress(settings.bindAddress(), settings.port());
    DatagramSocket socket = null;
    try {
      socket = new DatagramSocket(null);
      socket.setReceiveBufferSize(RECEIVE_BUFFER);
      socket.bind(address);
    } catch (SocketException e) {
      if (socket != null) {
        socket.close();
      }
      BindException explained = BindFailure.explain(address, e);
      throw new UncheckedIOException(explained.getMessage(), explained);
    }
    return new Listener(socket, settings, source);
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public int activeTransfers() {
    return settings.maxConcurrentTransfers() - permits.availablePermits();
  }

  public int maxConcurrentTransfers() {
    return settings.maxConcurrentTransfers();
  }

  public boolean running() {
    return !closed && thread.isAlive();
  }

  private void receiveLoop() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    var packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      packet.setLength(buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          log.warn("TFTP listener receive failed: {}", e.toString());
        }
        continue;
      }
      try {
        var peer = (InetSocketAddress) packet.getSocketAddress();
        dispatch(peer, Wire.decode(buffer, packet.getLength()));
      } catch (RuntimeException e) {
        // A bug in handling one packet must not stop the service.
        log.error("TFTP listener failed on a packet from {}", packet.getSocketAddress(), e);
      }
    }
  }

  private void dispatch(InetSocketAddress peer, Decoded decoded) {
    if (peer.getPort() == 0) {
      rejectLog.reject(peer, "source port 0");
      return;
    }
    switch (decoded) {
      case Decoded.Valid(Packet.ReadRequest request) -> admit(request, peer);
      // Read-only server: a write is a legal operation that this server does not permit.
      case Decoded.Valid(Packet.WriteRequest ignored) ->
          refuse(peer, ErrorCode.ACCESS_VIOLATION, "write request", "read-only server");
      // RFC 1350 §7: an ERROR is never acknowledged nor answered, so it is only logged.
      case Decoded.Valid(Packet.Error error) ->
          rejectLog.reject(peer, "ERROR " + error.code() + " sent to the listening port");
      // Transfer packets belong on a transfer's own port, never on the listening one.
      case Decoded.Valid(Packet.Data ignored) -> refuseMisdirected(peer, "DATA");
      case Decoded.Valid(Packet.Ack ignored) -> refuseMisdirected(peer, "ACK");
      case Decoded.Valid(Packet.OptionAck ignored) -> refuseMisdirected(peer, "OACK");
      case Decoded.Invalid invalid -> refuse(peer, invalid.code(), invalid.reason(), invalid.reason());
      case Decoded.Garbage garbage -> rejectLog.reject(peer, garbage.reason());
    }
  }

  private void admit(Packet.ReadRequest request, InetSocketAddress peer) {
    if (!permits.tryAcquire()) {
      refuse(peer, ErrorCode.NOT_DEFINED, "too many transfers for " + request.filename(),
          "server busy, try again later");
      return;
    }
    try {
      transfers.execute(() -> runTransfer(request, peer));
    } catch (RejectedExecutionException e) {
      permits.release();
    }
  }

  private void runTransfer(Packet.ReadRequest request, InetSocketAddress peer) {
    try {
      DatagramSocket transferSocket;
      try {
        transferSocket = new DatagramSocket(new InetSocketAddress(settings.bindAddress(), 0));
      } catch (SocketException e) {
        // Usually out of file descriptors: raise the process's open-file limit.
        log.warn("no socket for a transfer of {} to {}: {}", request.filename(), peer,
            e.toString());
        send(peer, ErrorCode.NOT_DEFINED, "server busy, try again later");
        return;
      }
      try (transferSocket) {
        new Transfer(request, peer, settings, source).run(transferSocket);
      }
    } catch (RuntimeException e) {
      log.error("transfer of {} to {} failed", request.filename(), peer, e);
    } finally {
      permits.release();
    }
  }

  private void refuseMisdirected(InetSocketAddress peer, String packet) {
    refuse(peer, ErrorCode.ILLEGAL_OPERATION, packet + " sent to the listening port",
        "illegal TFTP operation");
  }

  private void refuse(InetSocketAddress peer, ErrorCode code, String reason, String message) {
    rejectLog.reject(peer, reason);
    send(peer, code, message);
  }

  private void send(InetSocketAddress peer, ErrorCode code, String message) {
    byte[] packet = Wire.error(code, message);
    try {
      socket.send(new DatagramPacket(packet, packet.length, peer));
    } catch (IOException e) {
      log.debug("could not send error to {}: {}", peer, e.toString());
    }
  }

  /** Stops listening, ends every transfer (their sockets close) and waits a few seconds for them. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    socket.close();
    transfers.shutdownNow();
    try {
      if (!transfers.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
        log.warn("TFTP transfers still running {} s after close", CLOSE_GRACE_SECONDS);
      }
      thread.join(TimeUnit.SECONDS.toMillis(CLOSE_GRACE_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
