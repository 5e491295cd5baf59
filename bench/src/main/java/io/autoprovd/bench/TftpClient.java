package io.autoprovd.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small TFTP read client for load: RFC 1350 lock-step, or RFC 7440 windows when {@code
 * windowSize > 1} (an ACK per window, and on a gap the last in-order block, so the server goes back
 * N). {@code ackDelay} sleeps before every ACK: one round trip's latency, simulated on the client,
 * which is what lock-step pays per block and windowing per window.
 *
 * @param blockSize 0 sends no options at all (512-byte blocks, as many phones do)
 */
record TftpClient(InetSocketAddress server, InetAddress localAddress, int blockSize, int windowSize,
    Duration ackDelay) {
  private static final int DATA = 3;
  private static final int ACK = 4;
  private static final int ERROR = 5;
  private static final int OACK = 6;
  private static final int TIMEOUT_MS = 1000;
  private static final int RETRIES = 5;

  static TftpClient plain(InetSocketAddress server, InetAddress localAddress) {
    return new TftpClient(server, localAddress, 0, 1, Duration.ZERO);
  }

  byte[] read(String filename) throws IOException {
    try (var socket = new DatagramSocket(new InetSocketAddress(localAddress, 0))) {
      socket.setSoTimeout(TIMEOUT_MS);
      var out = new ByteArrayOutputStream();
      byte[] buf = new byte[Math.max(blockSize, 512) + 4 + 1];
      var in = new DatagramPacket(buf, buf.length);
      byte[] rrq = request(filename);
      socket.send(new DatagramPacket(rrq, rrq.length, server));
      byte[] lastSent = rrq;
      int blksize = 512;
      int window = 1;
      int expected = 1;
      int sinceAck = 0;
      int retries = 0;
      boolean started = false;
      boolean gapAcked = false;
      while (true) {
        try {
          socket.receive(in);
        } catch (SocketTimeoutException e) {
          if (++retries > RETRIES) {
            throw new IOException("timeout waiting for block " + expected + " of " + filename);
          }
          socket.send(new DatagramPacket(lastSent, lastSent.length, started ? socket.getRemoteSocketAddress() : server));
          continue;
        }
        retries = 0;
        if (!started) {
          socket.connect(in.getSocketAddress());
          started = true;
        }
        int length = in.getLength();
        int opcode = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
        int block = ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
        switch (opcode) {
          case OACK -> {
            String[] fields = new String(buf, 2, length - 2, StandardCharsets.US_ASCII).split("\0");
            for (int i = 0; i + 1 < fields.length; i += 2) {
              switch (fields[i].toLowerCase()) {
                case "blksize" -> blksize = Integer.parseInt(fields[i + 1]);
                case "windowsize" -> window = Integer.parseInt(fields[i + 1]);
                default -> { }
              }
            }
            lastSent = ack(socket, 0);
          }
          case DATA -> {
            if (block != (expected & 0xffff)) {
              // A gap or a duplicate: acknowledge the last block we have, once, the server resumes after it.
              if (!gapAcked) {
                lastSent = ack(socket, expected - 1);
                gapAcked = true;
                sinceAck = 0;
              }
              continue;
            }
            gapAcked = false;
            int payload = length - 4;
            out.write(buf, 4, payload);
            expected++;
            sinceAck++;
            if (payload < blksize) {
              ack(socket, expected - 1);
              return out.toByteArray();
            }
            if (sinceAck >= window) {
              lastSent = ack(socket, expected - 1);
              sinceAck = 0;
            }
          }
          case ERROR -> throw new IOException("TFTP error " + block + ": "
              + new String(buf, 4, Math.max(0, length - 5), StandardCharsets.US_ASCII));
          default -> throw new IOException("unexpected opcode " + opcode);
        }
      }
    }
  }

  private byte[] request(String filename) {
    var b = ByteBuffer.allocate(600);
    b.putShort((short) 1);
    put(b, filename);
    put(b, "octet");
    if (blockSize > 0) {
      put(b, "blksize");
      put(b, Integer.toString(blockSize));
      if (windowSize > 1) {
        put(b, "windowsize");
        put(b, Integer.toString(windowSize));
      }
    }
    byte[] bytes = new byte[b.position()];
    b.flip().get(bytes);
    return bytes;
  }

  private static void put(ByteBuffer b, String s) {
    b.put(s.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
  }

  private byte[] ack(DatagramSocket socket, int block) throws IOException {
    if (!ackDelay.isZero()) {
      try {
        Thread.sleep(ackDelay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    byte[] ack = {0, ACK, (byte) (block >> 8), (byte) block};
    socket.send(new DatagramPacket(ack, ack.length));
    return ack;
  }
}
