package io.autoprovd.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns bytes into a {@link SipMessage} (RFC 3261 §7), or says why it cannot. Lenient where phones
 * are sloppy (bare LF line ends, header folding, compact names, a missing Content-Length over UDP),
 * strict where a mistake would mislead (a Content-Length longer than the datagram, a request line
 * that is not {@code METHOD URI SIP/2.0}). Bounded: a message, a line and the number of header
 * fields have limits, so hostile input costs little. Stateless and thread-safe.
 */
public final class SipParser {
  /** Larger than any phone's message (a REGISTER or INVITE is well under 4 KiB). */
  public static final int MAX_MESSAGE = 65_535;
  public static final int MAX_HEADERS = 128;
  public static final int MAX_LINE = 8_192;

  private SipParser() {}

  /** What became of some bytes. */
  public sealed interface Parse {
    record Parsed(SipMessage message) implements Parse {}

    /** Only line ends: a keep-alive (RFC 5626 §3.5.1 over TCP, bare CRLF over UDP). */
    record KeepAlive() implements Parse {}

    /**
     * Not a SIP message, or not a well-formed one.
     *
     * @param partial the request's start line and headers when only its body was wrong (a
     *     Content-Length longer than the datagram), so it can still be answered 400; else null
     */
    record Malformed(String reason, SipRequest partial) implements Parse {
      public Malformed(String reason) {
        this(reason, null);
      }
    }
  }

  /**
   * Parses one whole message.
   *
   * @param stream true over TCP: Content-Length is then mandatory (RFC 3261 §18.3); over UDP the
   *     body is the rest of the datagram when it is absent, and a shorter Content-Length truncates it
   */
  public static Parse parse(byte[] data, int length, boolean stream) {
    if (length > MAX_MESSAGE) {
      return new Parse.Malformed("message larger than " + MAX_MESSAGE + " bytes");
    }
    int start = 0;
    // §7.5: line ends before the start line are ignored.
    while (start < length && (data[start] == '\r' || data[start] == '\n')) {
      start++;
    }
    if (start == length) {
      return new Parse.KeepAlive();
    }
    int[] end = headerEnd(data, start, length);
    if (end == null) {
      return new Parse.Malformed("no empty line after the header fields");
    }
    int headerEnd = end[0];
    String head = new String(data, start, headerEnd - start, StandardCharsets.UTF_8);
    int bodyStart = headerEnd + end[1];
    List<String> lines = unfold(head.split("\r?\n", -1));
    if (lines.isEmpty()) {
      return new Parse.Malformed("empty message");
    }
    if (lines.size() - 1 > MAX_HEADERS) {
      return new Parse.Malformed("more than " + MAX_HEADERS + " header fields");
    }
    var fields = new ArrayList<SipHeaders.Field>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.length() > MAX_LINE) {
        return new Parse.Malformed("a header field longer than " + MAX_LINE + " characters");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return new Parse.Malformed("header line without a name and a colon: " + abbreviate(line));
      }
      String name = line.substring(0, colon).strip();
      if (!Grammar.isToken(name)) {
        return new Parse.Malformed("header name is not a token: " + abbreviate(name));
      }
      fields.add(new SipHeaders.Field(name, line.substring(colon + 1).strip()));
    }
    SipHeaders headers = SipHeaders.of(fields);

    int available = length - Math.min(bodyStart, length);
    int bodyLength;
    var declared = headers.all("Content-Length");
    if (declared.isEmpty()) {
      if (stream) {
        return new Parse.Malformed("Content-Length is required over a stream transport");
      }
      bodyLength = available;
    } else {
      if (declared.stream().distinct().count() > 1) {
        return new Parse.Malformed("several different Content-Length values");
      }
      try {
        bodyLength = Integer.parseInt(declared.getFirst().strip());
      } catch (NumberFormatException e) {
        return new Parse.Malformed("Content-Length is not a number: " + abbreviate(declared.getFirst()));
      }
      if (bodyLength < 0) {
        return new Parse.Malformed("negative Content-Length");
      }
      if (bodyLength > available) {
        // §18.3: a request whose body is shorter than Content-Length over UDP is answered 400.
        String why = "Content-Length " + bodyLength + " but only " + available + " bytes of body";
        SipRequest partial = null;
        if (!lines.getFirst().startsWith("SIP/")) {
          try {
            partial = request(lines.getFirst(), headers, new byte[0]);
          } catch (IllegalArgumentException e) {
            partial = null;
          }
        }
        return new Parse.Malformed(why, partial);
      }
    }
    byte[] body = Arrays.copyOfRange(data, Math.min(bodyStart, length), Math.min(bodyStart, length) + bodyLength);

    String startLine = lines.getFirst();
    if (startLine.length() > MAX_LINE) {
      return new Parse.Malformed("start line longer than " + MAX_LINE + " characters");
    }
    try {
      return new Parse.Parsed(startLine.startsWith("SIP/")
          ? response(startLine, headers, body) : request(startLine, headers, body));
    } catch (IllegalArgumentException e) {
      return new Parse.Malformed(e.getMessage());
    }
  }

  public static Parse parse(byte[] data) {
    return parse(data, data.length, false);
  }

  public static Parse parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, bytes.length, false);
  }

  private static SipRequest request(String line, SipHeaders headers, byte[] body) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !parts[2].equals("SIP/2.0")) {
      throw new IllegalArgumentException("request line is not METHOD SP Request-URI SP SIP/2.0: " + abbreviate(line));
    }
    if (!Grammar.isToken(parts[0])) {
      throw new IllegalArgumentException("method is not a token: " + abbreviate(parts[0]));
    }
    if (parts[1].isEmpty() || parts[1].indexOf(':') < 0) {
      throw new IllegalArgumentException("Request-URI is not a URI: " + abbreviate(parts[1]));
    }
    return new SipRequest(parts[0], parts[1], headers, body);
  }

  private static SipResponse response(String line, SipHeaders headers, byte[] body) {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].equals("SIP/2.0") || !parts[1].matches("[1-6][0-9][0-9]")) {
      throw new IllegalArgumentException("status line is not SIP/2.0 SP code SP reason: " + abbreviate(line));
    }
    return new SipResponse(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "", headers, body);
  }

  /**
   * Where the header section ends: {index of the first line end of the empty line's pair, length
   * of that separator} for CRLFCRLF, LFLF or CRLFLF; null if there is none.
   */
  public static int[] headerEnd(byte[] data, int from, int length) {
    for (int i = from; i < length - 1; i++) {
      if (data[i] == '\n' && data[i + 1] == '\n') {
        return new int[] {i, 2};
      }
      if (data[i] == '\r' && data[i + 1] == '\n' && i + 2 < length) {
        if (data[i + 2] == '\n') {
          return new int[] {i, 3};
        }
        if (data[i + 2] == '\r' && i + 3 < length && data[i + 3] == '\n') {
          return new int[] {i, 4};
        }
      }
    }
    return null;
  }

  /** §7.3.1: a line starting with a space or tab continues the previous header. */
  private static List<String> unfold(String[] raw) {
    var lines = new ArrayList<String>(raw.length);
    for (String line : raw) {
      if (!lines.isEmpty() && lines.size() > 1 && !line.isEmpty()
          && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        lines.set(lines.size() - 1, lines.getLast() + " " + line.strip());
      } else {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String abbreviate(String s) {
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
  }
}
