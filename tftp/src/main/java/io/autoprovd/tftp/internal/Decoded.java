package io.autoprovd.tftp.internal;

/** What {@link Wire#decode} made of a datagram. */
sealed interface Decoded {

  record Valid(Packet packet) implements Decoded {}

  /** A TFTP packet that breaks the rules; answer it with {@code code}. */
  record Invalid(ErrorCode code, String reason) implements Decoded {}

  /** Too little to be TFTP at all; dropped unanswered so junk cannot be reflected. */
  record Garbage(String reason) implements Decoded {}
}
