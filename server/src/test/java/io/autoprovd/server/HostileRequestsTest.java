package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile names and malformed packets, sent byte for byte on raw sockets (ordinary clients would
 * clean them up first): each gets a 404 or a TFTP error, nothing outside what a plugin serves is
 * readable, and the server keeps serving.
 */
class HostileRequestsTest {
  @TempDir Path dataDir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dataDir);
    // A file the attacker would love to read, beside the served packs.
    Files.writeString(dataDir.resolve("secret.txt"), "top secret");
    server.fetch("/001565123456.cfg", TestServer.YEALINK_UA);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "//etc/passwd",
      "/..%5csecret.txt", "/..\\secret.txt", "/001565123456.cfg%00.xml", "/static/../../secret.txt",
      "/%252e%252e/secret.txt", "/./001565123456.cfg", "/yealink/plugin.yml", "/plugins/yealink/plugin.yml"})
  void hostileHttpNames_getA404_withNoContentLeaked(String path) throws Exception {
    String response = rawHttp("GET " + path + " HTTP/1.1\r\nHost: x\r\nUser-Agent: "
        + TestServer.YEALINK_UA + "\r\nConnection: close\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 404");
    assertThat(response).doesNotContain("top secret", "root:", "id: yealink", "account.1");
    assertStillServing();
  }

  @Test
  void anOverlongName_getsA404() throws Exception {
    String response = rawHttp("GET /" + "a".repeat(4000) + ".cfg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(response).matches("(?s)HTTP/1.1 (404|414|431).*");
    assertStillServing();
  }

  @Test
  void otherMethods_getA405() throws Exception {
    String response = rawHttp("PUT /001565123456.cfg HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 405");
  }

  @Test
  void http10Requests_areServed() throws Exception {
    String response = rawHttp("GET /001565123456.cfg HTTP/1.0\r\nUser-Agent: " + TestServer.YEALINK_UA + "\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 200").contains("account.1.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../secret.txt", "/../secret.txt", "..\\secret.txt", "%2e%2e/secret.txt",
      "/etc/passwd", "yealink/plugin.yml"})
  void hostileTftpNames_getAnErrorPacket(String name) throws Exception {
    byte[] answer = tftp(rrq(name, "octet")).orElseThrow();

    assertThat(opcode(answer)).isEqualTo(5);
    assertStillServingTftp();
  }

  @Test
  void malformedTftpPackets_getAnErrorOrAreDropped_andTheServerKeepsServing() throws Exception {
    byte[][] packets = {
        {},                                   // empty
        {0},                                  // truncated opcode
        {0, 9, 'x', 0},                       // unknown opcode
        {0, 1, 'a', 'b', 'c'},                // file name without NUL
        {0, 1, 'a', 0, 'o', 'c', 't'},        // mode without NUL
        {0, 1, 0, 'o', 'c', 't', 'e', 't', 0}, // empty file name
        {0, 1, 'a', 0, 'b', 'o', 'g', 'u', 's', 0}, // unknown mode
        concat(rrq("001565123456.cfg", "octet"), "blksize\0abc\0".getBytes(StandardCharsets.US_ASCII)),
        concat(rrq("001565123456.cfg", "octet"), "blksize\0".getBytes(StandardCharsets.US_ASCII)),
        {0, 3, 0, 1, 'd'},                    // DATA to the listening port
        {0, 4, 0, 1},                         // ACK to the listening port
        {0, 2, 'f', 0, 'o', 'c', 't', 'e', 't', 0}, // write request
    };
    for (byte[] packet : packets) {
      tftp(packet).ifPresent(answer -> assertThat(opcode(answer)).as("answer opcode").isEqualTo(5));
    }
    assertStillServingTftp();
  }

  private void assertStillServing() throws Exception {
    assertThat(server.fetch("/001565123456.cfg", TestServer.YEALINK_UA).statusCode()).isEqualTo(200);
  }

  private void assertStillServingTftp() throws Exception {
    byte[] first = tftp(rrq("001565123456.cfg", "octet")).orElseThrow();
    assertThat(opcode(first)).isEqualTo(3);
  }

  private String rawHttp(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.server.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Sends one packet to the TFTP port and returns the first answer, if any comes within a second. */
  private Optional<byte[]> tftp(byte[] packet) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), server.server.tftpPort()));
      byte[] buffer = new byte[1024];
      DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(answer);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      byte[] bytes = new byte[answer.getLength()];
      System.arraycopy(buffer, 0, bytes, 0, bytes.length);
      if (opcode(bytes) == 3) {
        // Tell the transfer we are gone, so it does not retransmit into the next test.
        byte[] error = {0, 5, 0, 0, 'b', 'y', 'e', 0};
        socket.send(new DatagramPacket(error, error.length, answer.getSocketAddress()));
      }
      return Optional.of(bytes);
    }
  }

  private static byte[] rrq(String name, String mode) {
    ByteBuffer b = ByteBuffer.allocate(4 + name.length() + mode.length());
    b.put((byte) 0).put((byte) 1).put(name.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0)
        .put(mode.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
    return b.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static int opcode(byte[] packet) {
    return packet.length < 2 ? -1 : ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
  }
}
