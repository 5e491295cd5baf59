package io.autoprovd.core.device;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A MAC address in its one canonical form, {@code aa:bb:cc:dd:ee:ff}. Phones write MACs in every
 * way there is (upper case, no separators, dashes, dots); they are normalised once, here.
 */
public record Mac(String value) implements Comparable<Mac> {
  private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final Pattern SEPARATED =
      Pattern.compile("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}|[0-9a-f]{4}(\\.[0-9a-f]{4}){2}");

  public Mac {
    if (value == null || !CANONICAL.matcher(value).matches()) {
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
    // Read on every device row and every request: hand-rolled, no regex for the common forms.
    var hex = new StringBuilder(12);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        hex.append(c);
      } else if (c >= 'A' && c <= 'F') {
        hex.append((char) (c + ('a' - 'A')));
      } else if (c != ':' && c != '-' && c != '.') {
        return Optional.empty();
      }
    }
    if (hex.length() != 12) {
      return Optional.empty();
    }
    if (hex.length() != text.length() && !SEPARATED.matcher(text).matches()) {
      return Optional.empty();
    }
    String h = hex.toString();
    return Optional.of(new Mac(h.substring(0, 2) + ':' + h.substring(2, 4) + ':' + h.substring(4, 6) + ':'
        + h.substring(6, 8) + ':' + h.substring(8, 10) + ':' + h.substring(10, 12)));
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
