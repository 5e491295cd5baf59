package io.autoprovd.tftp.internal;

import java.util.Objects;

/** One RFC 2347 option as it appears on the wire: the name keeps the client's spelling. */
record Option(String name, String value) {
  Option {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  boolean is(String lowerCaseName) {
    // RFC 2347: option names are case-insensitive.
    return name.equalsIgnoreCase(lowerCaseName);
  }
}
