package io.autoprovd.sip;

import io.autoprovd.sip.internal.ServerTransaction;
import java.util.concurrent.CompletableFuture;

/**
 * A new request, handed to the {@link RequestHandler} with the means to answer it: responses go
 * through its server transaction, which absorbs retransmissions and retransmits over UDP. Every
 * response built here carries the same To tag ({@link #localTag}), as a dialog needs.
 * Thread-safe.
 */
public final class ServerRequest {
  private final SipEndpoint endpoint;
  private final ServerTransaction transaction;
  private final SipRequest request;
  private final Flow source;
  private final String localTag;

  ServerRequest(SipEndpoint endpoint, ServerTransaction transaction, SipRequest request, Flow source, String localTag) {
    this.endpoint = endpoint;
    this.transaction = transaction;
    this.request = request;
    this.source = source;
    this.localTag = localTag;
  }

  /** The request, its top Via stamped with {@code received} and {@code rport} (RFC 3581). */
  public SipRequest request() {
    return request;
  }

  /** The transport and address it came from: where responses, and requests back to the peer, go. */
  public Flow source() {
    return source;
  }

  public SipEndpoint endpoint() {
    return endpoint;
  }

  public String localTag() {
    return localTag;
  }

  /** A response to this request (§8.2.6.2); the To tag is added except to 100 Trying. */
  public SipResponse response(int status, String reason) {
    return Responses.to(request, status, reason, status == 100 ? null : localTag);
  }

  /** Sends through the transaction; false if it already has its final response (or a CANCEL ended it). */
  public boolean respond(SipResponse response) {
    if (request.is("INVITE") && response.success()) {
      throw new IllegalArgumentException("a 2xx to an INVITE is sent with respondUntilAcked");
    }
    return transaction.respond(response);
  }

  public boolean respond(int status, String reason) {
    return respond(response(status, reason));
  }

  /**
   * Sends a 2xx to an INVITE and, as the UAS core must (§13.3.1.4), retransmits it over UDP at
   * T1, 2T1, … up to T2 until the ACK arrives. Completes with true on the ACK, false after 64×T1
   * without it or if the INVITE was already answered.
   */
  public CompletableFuture<Boolean> respondUntilAcked(SipResponse ok) {
    if (!request.is("INVITE") || !ok.success()) {
      throw new IllegalArgumentException("respondUntilAcked: only for a 2xx to an INVITE");
    }
    return endpoint.sendUntilAcked(transaction, request, ok, source);
  }

  /** True once a final response was sent, by the handler or by the endpoint after a CANCEL. */
  public boolean answered() {
    return transaction.answered();
  }
}
