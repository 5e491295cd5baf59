package io.autoprovd.core.provisioning;

/**
 * One stage of the phone pipeline. A step either answers by itself (returns a delivery without
 * calling the chain) or calls {@link Chain#proceed} exactly once, possibly with a richer exchange,
 * and returns what it gets back (or a delivery derived from it). Steps are shared by all request
 * threads and must be thread-safe; they never return null.
 */
public interface Step {
  Delivery handle(Exchange exchange, Chain chain);

  /** The rest of the pipeline, as seen from one step. */
  interface Chain {
    Delivery proceed(Exchange exchange);
  }
}
