package io.autoprovd.core.provisioning;

/** First step: refuses hostile names before any other step reads the path. */
public final class GuardStep implements Step {
  private final ProvisioningEvents events;

  public GuardStep(ProvisioningEvents events) {
    this.events = events;
  }

  @Override
  public Delivery handle(Exchange exchange, Chain chain) {
    var path = RequestPaths.normalize(exchange.request().path());
    if (path.isEmpty()) {
      String reason = "hostile or invalid file name";
      events.denied(exchange.request(), reason);
      return new Delivery.Denied(reason);
    }
    return chain.proceed(exchange.withPath(path.get()));
  }
}
