package io.autoprovd.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A SIP request or response (RFC 3261 §7): a start line, header fields and a body. */
public sealed interface SipMessage permits SipRequest, SipResponse {

  SipHeaders headers();

  byte[] body();

  /** The start line: {@code INVITE sip:… SIP/2.0} or {@code SIP/2.0 200 OK}. */
  String startLine();

  default Optional<String> header(String name) {
    return headers().first(name);
  }

  default String callId() {
    return header("Call-ID").orElse(null);
  }

  /** The top {@code Via}, parsed. */
  default Via topVia() {
    List<String> vias = headers().all("Via");
    return vias.isEmpty() ? null : Via.parse(vias.getFirst());
  }

  default CSeq cseq() {
    return header("CSeq").map(CSeq::parse).orElse(null);
  }

  default NameAddress from() {
    return header("From").map(NameAddress::parse).orElse(null);
  }

  default NameAddress to() {
    return header("To").map(NameAddress::parse).orElse(null);
  }

  /**
   * The bytes on the wire. {@code Content-Length} is always written (RFC 3261 §20.14 requires it
   * over TCP, and a stale one would truncate or stall the body), replacing any the headers had.
   */
  default byte[] encode() {
    SipHeaders h = headers().with("Content-Length", Integer.toString(body().length));
    byte[] head = (startLine() + "\r\n" + h + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + body().length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body(), 0, out, head.length, body().length);
    return out;
  }

  /** {@code CSeq: 42 INVITE} (RFC 3261 §20.16). */
  record CSeq(long number, String method) {
    public static CSeq parse(String text) {
      String[] parts = text.strip().split("\\s+");
      if (parts.length != 2 || !Grammar.isToken(parts[1])) {
        throw new IllegalArgumentException("CSeq: must be a number and a method, got " + text);
      }
      try {
        long n = Long.parseLong(parts[0]);
        // §8.1.1.5: the sequence number is a 32-bit unsigned integer.
        if (n < 0 || n > 0xFFFFFFFFL) {
          throw new IllegalArgumentException("CSeq: number out of range: " + text);
        }
        return new CSeq(n, parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("CSeq: not a number: " + text, e);
      }
    }

    @Override
    public String toString() {
      return number + " " + method;
    }
  }
}
