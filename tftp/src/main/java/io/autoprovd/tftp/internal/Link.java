package io.autoprovd.tftp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer's socket and peer. The socket's port is the server's transfer ID (RFC 1350 §4); it
 * is not connected, so that a stray sender can be told ERROR 5 instead of being filtered out.
 */
final class Link {

  private static final Logger log = LoggerFactory.getLogger(Link.class);

  /** What the peer answered while the server waited. */
  sealed interface Reply {
    record Ack(int block) implements Reply {}

    record PeerError(int code, String message) implements Reply {}

    record Timeout() implements Reply {}
  }

  private final DatagramSocket socket;
  private final InetSocketAddress peer;
  // ACKs and ERRORs are short; a longer ERROR message is cut, which is harmless.
  private final byte[] receiveBuffer = new byte[1024];
  private final DatagramPacket received = new DatagramPacket(receiveBuffer, receiveBuffer.length);

  Link(DatagramSocket socket, InetSocketAddress peer) {
    this.socket = socket;
    this.peer = peer;
  }

  void send(byte[] packet, int length) throws IOException {
    socket.send(new DatagramPacket(packet, length, peer));
  }

  /** Best effort: the transfer ends after an error whether or not it arrives. */
  void sendError(ErrorCode code, String message) {
    byte[] packet = Wire.error(code, message);
    try {
      send(packet, packet.length);
    } catch (IOException e) {
      log.debug("could not send error to {}: {}", peer, e.toString());
    }
  }

  /** Waits until {@code deadline} ({@link System#nanoTime()}) for an ACK or an ERROR from the peer. */
  Reply await(long deadline) throws IOException {
    while (true) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remaining <= 0) {
        return new Reply.Timeout();
      }
      socket.setSoTimeout((int) Math.min(remaining, Integer.MAX_VALUE));
      received.setLength(receiveBuffer.length);
      try {
        socket.receive(received);
      } catch (SocketTimeoutException e) {
        return new Reply.Timeout();
      }
      Decoded decoded = Wire.decode(receiveBuffer, received.getLength());
      SocketAddress sender = received.getSocketAddress();
      if (!peer.equals(sender)) {
        rejectStranger(sender, decoded);
        continue;
      }
      switch (decoded) {
        case Decoded.Valid(Packet.Ack ack) -> {
          return new Reply.Ack(ack.block());
        }
        case Decoded.Valid(Packet.Error error) -> {
          return new Reply.PeerError(error.code(), error.message());
        }
        // Anything else from the peer is ignored: the next timeout or ACK moves the transfer on.
        case Decoded.Valid(Packet packet) -> log.debug("ignored {} from {}", packet, peer);
        case Decoded.Invalid invalid -> log.debug("ignored packet from {}: {}", peer, invalid.reason());
        case Decoded.Garbage garbage -> log.debug("ignored packet from {}: {}", peer, garbage.reason());
      }
    }
  }

  // RFC 1350 §4: a packet from another TID gets ERROR 5 and does not disturb the transfer. An
  // ERROR is never answered with an ERROR.
  private void rejectStranger(SocketAddress sender, Decoded decoded) throws IOException {
    log.debug("packet from unknown transfer ID {} on transfer with {}", sender, peer);
    if (decoded instanceof Decoded.Valid(Packet.Error ignored)) {
      return;
    }
    byte[] packet = Wire.error(ErrorCode.UNKNOWN_TRANSFER_ID, "Unknown transfer ID");
    socket.send(new DatagramPacket(packet, packet.length, sender));
  }
}
