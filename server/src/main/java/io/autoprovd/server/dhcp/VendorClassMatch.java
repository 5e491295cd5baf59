package io.autoprovd.server.dhcp;

import java.util.Objects;

/**
 * A test on a text option the client sends: its vendor class (option 60, RFC 2132 §9.13) or, for
 * Thomson phones, its user class (option 77, RFC 3004). Values are compared byte for byte, one
 * character per byte (Latin-1), trailing NUL included when the phone sends one (Cisco does).
 *
 * @param option 60 or 77
 */
public record VendorClassMatch(int option, Kind kind, String value) {

  /** How the option's value is compared. */
  public enum Kind {
    EXACT,
    PREFIX,
    SUFFIX
  }

  public VendorClassMatch {
    if (option != 60 && option != 77) {
      throw new IllegalArgumentException("option: 60 or 77, not " + option);
    }
    Objects.requireNonNull(kind, "kind");
    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c <= 0xff)) {
      throw new IllegalArgumentException("value: one to many Latin-1 characters");
    }
  }

  public static VendorClassMatch exact(String value) {
    return new VendorClassMatch(60, Kind.EXACT, value);
  }

  public static VendorClassMatch prefix(String value) {
    return new VendorClassMatch(60, Kind.PREFIX, value);
  }

  public static VendorClassMatch suffix(String value) {
    return new VendorClassMatch(60, Kind.SUFFIX, value);
  }

  public static VendorClassMatch userClass(String value) {
    return new VendorClassMatch(77, Kind.EXACT, value);
  }

  public boolean matches(String sent) {
    if (sent == null) {
      return false;
    }
    return switch (kind) {
      case EXACT -> sent.equals(value);
      case PREFIX -> sent.startsWith(value);
      case SUFFIX -> sent.endsWith(value);
    };
  }
}
