package io.autoprovd.sip.internal;

import io.autoprovd.sip.Flow;

/** Where a transport hands each received message (one datagram, or one framed TCP message). */
@FunctionalInterface
public interface Inbound {
  void receive(byte[] data, int length, Flow flow);
}
