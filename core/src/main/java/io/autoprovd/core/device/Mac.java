package io.autoprovd.core.device;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A MAC address in its one canonical form, {@code aa:bb:cc:dd:ee:ff}. Phones write MACs in every
 * way there is (upper case, no separators, dashes, dots); they are normalised once, here.
 */
public record Mac(String value) implements Comparable<Mac> {
  private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

  public Mac {
    if (value == null || !value.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
      throw new IllegalArgumentException("mac: not a canonical MAC address: " + value);
    }
  }

  /**
   * Accepts 12 hex digits with or without {@code :}, {@code -} or {@code .} separators, any case.
   *
   * @throws IllegalArgumentException with the offending text when it is not a MAC address
   */
  public static Mac parse(String text) {
    return tryParse(text)
        .orElseThrow(() -> new IllegalArgumentException("mac: not a MAC address: " + text));
  }

  public static Optional<Mac> tryParse(String text) {
    if (text == null || text.length() > 17) {
      return Optional.empty();
    }
    String hex = text.replaceAll("[:.\\-]", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{12}")) {
      return Optional.empty();
    }
    if (hex.length() != text.length() && !isEvenlySeparated(text)) {
      return Optional.empty();
    }
    return Optional.of(new Mac(COLONS.formatHex(HexFormat.of().parseHex(hex))));
  }

  private static boolean isEvenlySeparated(String text) {
    return text.matches("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}|[0-9a-f]{4}(\\.[0-9a-f]{4}){2}");
  }

  /** Twelve lower-case hex digits, as in {@code 001565123456.cfg}. */
  public String compact() {
    return value.replace(":", "");
  }

  /** The first three octets, lower-case, no separators: {@code 001565}. */
  public String oui() {
    return compact().substring(0, 6);
  }

  @Override
  public int compareTo(Mac other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
