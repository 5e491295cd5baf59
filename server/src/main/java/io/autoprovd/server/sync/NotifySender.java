package io.autoprovd.server.sync;

import io.autoprovd.server.app.DeviceSync.SyncResult;
import io.autoprovd.sip.ClientResult;
import io.autoprovd.sip.Digest;
import io.autoprovd.sip.Flow;
import io.autoprovd.sip.Notify;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipMessage;
import io.autoprovd.sip.SipRequest;
import io.autoprovd.sip.SipResponse;
import io.autoprovd.sip.SipUri;

/**
 * Sends one resync NOTIFY through autoprovd's SIP endpoint and turns the client transaction's
 * outcome into a {@link SyncResult}: success on 2xx, failure with the reason otherwise (the
 * response, no answer after RFC 3261's retransmissions, or the transport error). A 401 or 407 is
 * answered once when credentials are given (a proxy that authenticates its callers).
 */
final class NotifySender {
  private final SipEndpoint endpoint;

  NotifySender(SipEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * @param requestUri where the NOTIFY is for (a contact, or an address of record for a proxy)
   * @param to the To URI
   * @param via what to call the hop in reports ("10.0.0.5:5060", "proxy kamailio:5060")
   */
  SyncResult send(SipUri requestUri, SipUri to, String event, Flow destination, String via, String username,
      String password) {
    SipRequest notify;
    try {
      notify = Notify.resync(requestUri, to, event, endpoint.sentBy());
    } catch (IllegalArgumentException e) {
      return new SyncResult.Failed(e.getMessage());
    }
    ClientResult result = endpoint.send(notify, destination);
    if (result instanceof ClientResult.Final f && (f.response().status() == 401 || f.response().status() == 407)
        && username != null && password != null) {
      result = endpoint.send(withCredentials(notify, f.response(), username, password), destination);
    }
    return switch (result) {
      case ClientResult.Final f when f.response().success() ->
          new SyncResult.Sent("NOTIFY " + event + " to " + requestUri + " via " + via + ": " + result.describe());
      case ClientResult.Final f -> new SyncResult.Failed("NOTIFY " + event + " to " + requestUri + " via " + via
          + " refused: " + result.describe());
      case ClientResult.TimedOut t -> new SyncResult.Failed("NOTIFY " + event + " to " + requestUri + " via " + via
          + ": " + result.describe());
      case ClientResult.TransportFailed t -> new SyncResult.Failed("NOTIFY " + event + " to " + requestUri + " via "
          + via + ": " + result.describe());
    };
  }

  /** RFC 3261 §22.2: the same request, CSeq + 1, with the answer to the challenge. */
  private static SipRequest withCredentials(SipRequest notify, SipResponse challenge, String username,
      String password) {
    boolean proxy = challenge.status() == 407;
    String header = challenge.header(proxy ? "Proxy-Authenticate" : "WWW-Authenticate").orElse(null);
    if (header == null) {
      return notify;
    }
    Digest.Credentials credentials;
    try {
      credentials = Digest.answer(Digest.Challenge.parse(header), username, password, "NOTIFY", notify.requestUri(),
          SipEndpoint.token(8));
    } catch (IllegalArgumentException e) {
      return notify;
    }
    SipMessage.CSeq cseq = notify.cseq();
    return notify.withHeaders(notify.headers()
        .with("CSeq", (cseq.number() + 1) + " NOTIFY")
        .with(proxy ? "Proxy-Authorization" : "Authorization", credentials.toString()));
  }
}
