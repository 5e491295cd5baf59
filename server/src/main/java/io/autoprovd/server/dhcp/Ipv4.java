package io.autoprovd.server.dhcp;

import java.util.Optional;

/**
 * An IPv4 address as its 32 bits, printed as a dotted quad.
 *
 * @param bits the address, most significant octet first
 */
public record Ipv4(int bits) implements Comparable<Ipv4> {

  /** Exactly four decimal octets, {@code 10.0.0.42}: what a configuration option must be. */
  public static Optional<Ipv4> parse(String text) {
    if (text == null || !text.matches("(?:0|[1-9]\\d{0,2})(?:\\.(?:0|[1-9]\\d{0,2})){3}")) {
      return Optional.empty();
    }
    int bits = 0;
    for (String part : text.split("\\.")) {
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return Optional.empty();
      }
      bits = bits << 8 | octet;
    }
    return Optional.of(new Ipv4(bits));
  }

  /**
   * The C library's {@code inet_aton} rules, which wazo-provd's {@code dhcpinfo} applies to the
   * reported address (dhcp.md §4.1): one to four parts, each decimal, octal ({@code 0} prefix) or
   * hex ({@code 0x} prefix); the last part fills the remaining bytes, so {@code 10.1} is
   * {@code 10.0.0.1}. Nothing else (no spaces, no empty parts, no sign) is accepted.
   */
  public static Optional<Ipv4> parseLenient(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return Optional.empty();
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long value = cNumber(parts[i]);
      if (value == null) {
        return Optional.empty();
      }
      values[i] = value;
    }
    long bits = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 0xff) {
        return Optional.empty();
      }
      bits |= values[i] << (24 - 8 * i);
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (4 - (values.length - 1)))) {
      return Optional.empty();
    }
    return Optional.of(new Ipv4((int) (bits | last)));
  }

  private static Long cNumber(String part) {
    try {
      if (part.matches("0[xX][0-9a-fA-F]{1,8}")) {
        return Long.parseLong(part.substring(2), 16);
      }
      if (part.matches("0[0-7]{1,11}")) {
        return Long.parseLong(part, 8);
      }
      if (part.matches("[1-9]\\d{0,9}|0")) {
        return Long.parseLong(part);
      }
      return null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The address {@code offset} further (negative: before), as an unsigned 32-bit number. */
  public Ipv4 plus(long offset) {
    return new Ipv4((int) (Integer.toUnsignedLong(bits) + offset));
  }

  public byte[] bytes() {
    return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
  }

  @Override
  public int compareTo(Ipv4 other) {
    return Integer.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return (bits >>> 24) + "." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (bits & 0xff);
  }
}
