package io.autoprovd.core.provisioning;

import java.util.Optional;

/**
 * The one check every requested name passes before it is used: a name that could point outside
 * what a plugin serves is refused, whatever the transport.
 */
public final class RequestPaths {
  public static final int MAX_LENGTH = 255;

  private RequestPaths() {}

  /**
   * The name relative to the served root (without its leading slash), or empty when it is hostile:
   * NUL or control characters, backslashes, {@code .} or {@code ..} segments, leftover
   * percent-encoding, a second leading slash (absolute), empty segments, or longer than {@value
   * #MAX_LENGTH} characters.
   */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.length() > MAX_LENGTH + 1) {
      return Optional.empty();
    }
    String path = raw.startsWith("/") ? raw.substring(1) : raw;
    if (path.isEmpty() || path.length() > MAX_LENGTH || path.startsWith("/") || path.endsWith("/")) {
      return Optional.empty();
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\' || c == '%' || c == ':') {
        return Optional.empty();
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    return Optional.of(path);
  }
}
