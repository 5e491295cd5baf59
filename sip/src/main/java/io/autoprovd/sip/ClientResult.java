package io.autoprovd.sip;

import java.time.Duration;

/** What became of a request autoprovd sent (a NOTIFY, a BYE): the client transaction's outcome. */
public sealed interface ClientResult {

  /** The final response (2xx to 6xx); provisional ones are not reported. */
  record Final(SipResponse response) implements ClientResult {}

  /** No final response within 64×T1 (Timer F, or B for an INVITE), retransmissions included. */
  record TimedOut(Duration after) implements ClientResult {}

  /** The request could not be sent: no route, connection refused, socket error. */
  record TransportFailed(String reason) implements ClientResult {}

  /** A one-line description for logs and operation reports. */
  default String describe() {
    return switch (this) {
      case Final f -> f.response().status() + " " + f.response().reason();
      case TimedOut t -> "no response within " + t.after().toMillis() + " ms (retransmissions included)";
      case TransportFailed t -> "transport error: " + t.reason();
    };
  }
}
