package io.autoprovd.sip;

/**
 * The transaction user of incoming requests (RFC 3261 §8.2): it gets each new request once, after
 * the endpoint matched retransmissions, ACKs and CANCELs itself, and answers through {@link
 * ServerRequest#respond}. Called on its own virtual thread, so it may block (a database write).
 * Must be thread-safe. An exception is answered 500.
 */
@FunctionalInterface
public interface RequestHandler {
  void handle(ServerRequest request);
}
