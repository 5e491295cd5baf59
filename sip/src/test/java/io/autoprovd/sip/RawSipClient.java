package io.autoprovd.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A phone made of one UDP socket: sends SIP text as written and reads what comes back. Waiting for
 * a message is bounded (a peer that never answers fails the test, it does not hang it).
 */
public final class RawSipClient implements AutoCloseable {
  final DatagramSocket socket;
  final int serverPort;

  public RawSipClient(int serverPort) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.socket.setSoTimeout(5000);
    this.serverPort = serverPort;
  }

  public int port() {
    return socket.getLocalPort();
  }

  public void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  public void send(byte[] bytes) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
  }

  public void send(SipMessage message) throws IOException {
    send(message.encode());
  }

  /** The next message, or a failure after 5 s. */
  public SipMessage receive() throws IOException {
    return receiveWithin(5000).orElseThrow(() -> new AssertionError("no SIP message within 5 s"));
  }

  /** The next final response, skipping provisional ones. */
  public SipResponse finalResponse() throws IOException {
    while (true) {
      SipMessage m = receive();
      if (m instanceof SipResponse r && !r.provisional()) {
        return r;
      }
    }
  }

  public Optional<SipMessage> receiveWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    byte[] buffer = new byte[65535];
    var packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    var parsed = SipParser.parse(java.util.Arrays.copyOf(buffer, packet.getLength()));
    if (parsed instanceof SipParser.Parse.Parsed p) {
      return Optional.of(p.message());
    }
    throw new AssertionError("unparseable message from the server: " + parsed);
  }

  /** A request from this client; {@code extra} are raw header lines (with CRLF). */
  public String request(String method, String uri, String user, String branch, long cseq, String callId, String extra,
      String body) {
    return method + " " + uri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + branch + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + user + "@autoprovd>;tag=from" + cseq + "\r\n"
        + "To: <" + (method.equals("REGISTER") ? "sip:" + user + "@autoprovd" : uri) + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Contact: <sip:" + user + "@127.0.0.1:" + port() + ">\r\n"
        + extra
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  @Override
  public void close() {
    socket.close();
  }
}
