package io.autoprovd.sip.internal;

import java.io.IOException;

/** Sends bytes to one peer over one transport; what a transaction retransmits through. */
@FunctionalInterface
public interface Wire {
  void send(byte[] bytes) throws IOException;
}
