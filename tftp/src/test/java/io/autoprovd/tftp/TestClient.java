package io.autoprovd.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A raw TFTP client over a real UDP socket, written from RFC 1350/2347/7440 independently of the
 * server's codec, so that the tests check the wire format rather than the server's own reading
 * of it.
 */
final class TestClient implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(3);

  sealed interface Received {
    InetSocketAddress from();
  }

  record Data(int block, byte[] payload, InetSocketAddress from) implements Received {}

  record Error(int code, String message, InetSocketAddress from) implements Received {}

  record OptionAck(Map<String, String> options, InetSocketAddress from) implements Received {}

  record Other(int opcode, InetSocketAddress from) implements Received {}

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final byte[] buffer = new byte[65_536];
  private InetSocketAddress transferId;

  TestClient(InetSocketAddress server) {
    this.server = server;
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] readRequestPacket(String filename, String mode, String... options) {
    var out = new ByteArrayOutputStream();
    out.write(0);
    out.write(1);
    for (String field : concat(filename, mode, options)) {
      out.writeBytes(field.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    return out.toByteArray();
  }

  private static String[] concat(String filename, String mode, String[] options) {
    String[] all = new String[options.length + 2];
    all[0] = filename;
    all[1] = mode;
    System.arraycopy(options, 0, all, 2, options.length);
    return all;
  }

  static byte[] ackPacket(int block) {
    return new byte[] {0, 4, (byte) (block >>> 8), (byte) block};
  }

  static byte[] errorPacket(int code, String message) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 5, (byte) (code >>> 8), (byte) code});
    out.writeBytes(message.getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    return out.toByteArray();
  }

  /** Sends a read request to the listening port; options alternate name and value. */
  void requestRead(String filename, String mode, String... options) {
    sendToListener(readRequestPacket(filename, mode, options));
  }

  void sendToListener(byte[] packet) {
    send(packet, server);
  }

  void sendToTransfer(byte[] packet) {
    assertThat(transferId).as("transfer ID learnt from the server's first answer").isNotNull();
    send(packet, transferId);
  }

  void ack(int block) {
    sendToTransfer(ackPacket(block));
  }

  void send(byte[] packet, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(packet, packet.length, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InetSocketAddress transferId() {
    return transferId;
  }

  Received receive() {
    return receive(PATIENCE).orElseThrow(() -> new AssertionError("no packet within " + PATIENCE));
  }

  /** The next packet, or empty when none comes within {@code wait}. Learns the server's TID. */
  Optional<Received> receive(Duration wait) {
    var packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var from = (InetSocketAddress) packet.getSocketAddress();
    if (transferId == null && !from.equals(server)) {
      transferId = from;
    }
    return Optional.of(parse(buffer, packet.getLength(), from));
  }

  private static Received parse(byte[] b, int length, InetSocketAddress from) {
    int opcode = u16(b, 0);
    return switch (opcode) {
      case 3 -> new Data(u16(b, 2), Arrays.copyOfRange(b, 4, length), from);
      case 5 -> new Error(u16(b, 2), cString(b, 4, length), from);
      case 6 -> {
        var options = new LinkedHashMap<String, String>();
        String[] words = new String(b, 2, length - 2, StandardCharsets.ISO_8859_1).split("\0", -1);
        assertThat(words[words.length - 1]).as("OACK ends with NUL").isEmpty();
        for (int i = 0; i + 1 < words.length; i += 2) {
          options.put(words[i], words[i + 1]);
        }
        yield new OptionAck(options, from);
      }
      default -> new Other(opcode, from);
    };
  }

  private static int u16(byte[] b, int offset) {
    return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
  }

  private static String cString(byte[] b, int from, int length) {
    assertThat(b[length - 1]).as("ERROR message ends with NUL").isZero();
    return new String(b, from, length - 1 - from, StandardCharsets.US_ASCII);
  }

  Data receiveData() {
    Received received = receive();
    assertThat(received).isInstanceOf(Data.class);
    return (Data) received;
  }

  Error receiveError() {
    Received received = receive();
    assertThat(received).isInstanceOf(Error.class);
    return (Error) received;
  }

  OptionAck receiveOptionAck() {
    Received received = receive();
    assertThat(received).isInstanceOf(OptionAck.class);
    return (OptionAck) received;
  }

  /**
   * Downloads a whole file as an RFC 7440 client: ACKs the last block of each window, or the last
   * block received in order when one is missing, and re-ACKs on a timeout.
   */
  byte[] download(String filename, String... options) {
    requestRead(filename, "octet", options);
    int blockSize = 512;
    int windowSize = 1;
    var content = new ByteArrayOutputStream();
    long expected = 1;
    int inWindow = 0;
    Received first = receive();
    if (first instanceof OptionAck(Map<String, String> granted, var ignored)) {
      blockSize = Integer.parseInt(granted.getOrDefault("blksize", "512"));
      windowSize = Integer.parseInt(granted.getOrDefault("windowsize", "1"));
      ack(0);
      first = receive();
    }
    Received received = first;
    while (true) {
      if (received instanceof Data(int block, byte[] payload, var from)
          && block == (expected & 0xFFFF)) {
        content.writeBytes(payload);
        inWindow++;
        if (payload.length < blockSize) {
          ack(block);
          return content.toByteArray();
        }
        if (inWindow == windowSize) {
          ack(block);
          inWindow = 0;
        }
        expected++;
      } else if (received instanceof Data) {
        ack((int) ((expected - 1) & 0xFFFF));
        inWindow = 0;
      } else if (received instanceof Error(int code, String message, var from)) {
        throw new AssertionError("server sent ERROR " + code + " " + message);
      } else {
        throw new AssertionError("unexpected " + received);
      }
      Optional<Received> next = receive(Duration.ofSeconds(1));
      if (next.isEmpty()) {
        ack((int) ((expected - 1) & 0xFFFF));
        inWindow = 0;
        next = receive(PATIENCE);
      }
      long stalledAt = expected;
      received = next.orElseThrow(() -> new AssertionError("download stalled at " + stalledAt));
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
