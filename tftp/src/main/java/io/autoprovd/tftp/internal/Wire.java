package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.TftpRequest.Mode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Encodes and decodes TFTP packets (RFC 1350 §5, RFC 2347). Stateless. */
final class Wire {

  static final int RRQ = 1;
  static final int WRQ = 2;
  static final int DATA = 3;
  static final int ACK = 4;
  static final int ERROR = 5;
  static final int OACK = 6;

  static final int DATA_HEADER = 4;
  /** Longest filename accepted; RFC 1350 sets none, RFC 2347 keeps a whole request within 512 bytes. */
  static final int MAX_FILENAME_BYTES = 512;
  /** Bounds the work one request can cause; real clients send at most a handful. */
  static final int MAX_OPTIONS = 32;
  /** Error messages may quote the request; keep them short so junk is not amplified. */
  static final int MAX_ERROR_MESSAGE = 100;

  private Wire() {}

  static Decoded decode(byte[] buffer, int length) {
    if (length < 2) {
      return new Decoded.Garbage("truncated packet of " + length + " byte(s)");
    }
    int opcode = u16(buffer, 0);
    return switch (opcode) {
      case RRQ -> decodeReadRequest(buffer, length);
      case WRQ -> new Decoded.Valid(new Packet.WriteRequest());
      case DATA -> length < 4 ? truncated(opcode) : new Decoded.Valid(new Packet.Data(u16(buffer, 2)));
      case ACK -> length < 4 ? truncated(opcode) : new Decoded.Valid(new Packet.Ack(u16(buffer, 2)));
      // RFC 1350 §5: the message of an ERROR is netascii; be lenient when its NUL is missing.
      case ERROR -> length < 4
          ? truncated(opcode)
          : new Decoded.Valid(new Packet.Error(u16(buffer, 2), lenientString(buffer, 4, length)));
      case OACK -> new Decoded.Valid(new Packet.OptionAck());
      default -> new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "unknown opcode " + opcode);
    };
  }

  private static Decoded truncated(int opcode) {
    return new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "truncated packet, opcode " + opcode);
  }

  // RFC 1350 §5: | 01 | filename | 0 | mode | 0 |, RFC 2347 §2: then | opt | 0 | value | 0 | ...
  private static Decoded decodeReadRequest(byte[] buffer, int length) {
    var fields = new ArrayList<String>();
    int start = 2;
    for (int i = start; i < length; i++) {
      if (buffer[i] == 0) {
        fields.add(new String(buffer, start, i - start, StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
    }
    if (start < length) {
      return new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "request field without NUL terminator");
    }
    if (fields.size() < 2) {
      return new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "request without filename and mode");
    }
    String filename = fields.get(0);
    if (filename.isEmpty()) {
      return new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "empty filename");
    }
    if (filename.length() > MAX_FILENAME_BYTES) {
      return new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "filename longer than 512 bytes");
    }
    Mode mode;
    switch (fields.get(1).toLowerCase(Locale.ROOT)) {
      case "octet" -> mode = Mode.OCTET;
      case "netascii" -> mode = Mode.NETASCII;
      default -> {
        return new Decoded.Invalid(ErrorCode.ILLEGAL_OPERATION, "unsupported mode");
      }
    }
    var words = fields.subList(2, fields.size());
    var options = new ArrayList<Option>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < words.size(); i += 2) {
      String name = words.get(i);
      if (name.isEmpty()) {
        // Some clients pad requests with NUL bytes: empty fields up to the end are not options.
        if (words.subList(i, words.size()).stream().allMatch(String::isEmpty)) {
          break;
        }
        return new Decoded.Invalid(ErrorCode.OPTION_REFUSED, "option without name");
      }
      if (i + 1 == words.size()) {
        return new Decoded.Invalid(ErrorCode.OPTION_REFUSED, "option " + name + " without value");
      }
      if (options.size() == MAX_OPTIONS) {
        return new Decoded.Invalid(ErrorCode.OPTION_REFUSED, "too many options");
      }
      // A repeated option is ambiguous (which value counts?), so the whole request is refused.
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        return new Decoded.Invalid(ErrorCode.OPTION_REFUSED, "duplicate option " + name);
      }
      options.add(new Option(name, words.get(i + 1)));
    }
    return new Decoded.Valid(new Packet.ReadRequest(filename, mode, options));
  }

  private static String lenientString(byte[] buffer, int from, int length) {
    int end = from;
    while (end < length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, from, end - from, StandardCharsets.ISO_8859_1);
  }

  static int u16(byte[] buffer, int offset) {
    return ((buffer[offset] & 0xFF) << 8) | (buffer[offset + 1] & 0xFF);
  }

  static void putU16(byte[] buffer, int offset, int value) {
    buffer[offset] = (byte) (value >>> 8);
    buffer[offset + 1] = (byte) value;
  }

  /** Writes the DATA opcode and the block number, which RFC 1350 keeps to 16 bits (it wraps to 0). */
  static void putDataHeader(byte[] packet, long block) {
    putU16(packet, 0, DATA);
    putU16(packet, 2, (int) (block & 0xFFFF));
  }

  static byte[] error(ErrorCode code, String message) {
    var out = new ByteArrayOutputStream(5 + message.length());
    out.write(0);
    out.write(ERROR);
    out.write(code.value >>> 8);
    out.write(code.value);
    // RFC 1350 §5: the message is netascii; keep printable ASCII so nothing odd is echoed back.
    for (char c : message.substring(0, Math.min(message.length(), MAX_ERROR_MESSAGE)).toCharArray()) {
      out.write(c >= 0x20 && c < 0x7F ? c : '?');
    }
    out.write(0);
    return out.toByteArray();
  }

  static byte[] optionAck(List<Option> options) {
    var out = new ByteArrayOutputStream(64);
    out.write(0);
    out.write(OACK);
    for (Option option : options) {
      out.writeBytes(option.name().getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
      out.writeBytes(option.value().getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    return out.toByteArray();
  }
}
