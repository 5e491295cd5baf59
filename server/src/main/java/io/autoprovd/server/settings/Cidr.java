package io.autoprovd.server.settings;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or a single address; IPv4 and IPv6. */
public record Cidr(byte[] network, int prefix) {

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static Cidr parse(String text) {
    String[] parts = text.split("/", 2);
    if (!parts[0].matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an address: " + text);
    }
    byte[] address;
    try {
      address = InetAddress.getByName(parts[0]).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + text, e);
    }
    int prefix = address.length * 8;
    if (parts.length == 2) {
      try {
        prefix = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix: " + text, e);
      }
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("bad prefix: " + text);
      }
    }
    return new Cidr(address, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] other = address.getAddress();
    if (other.length != network.length) {
      return false;
    }
    int bits = network.length * 8;
    BigInteger mask = prefix == 0 ? BigInteger.ZERO
        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
    return new BigInteger(1, network).and(mask).equals(new BigInteger(1, other).and(mask));
  }
}
