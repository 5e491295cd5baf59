package io.autoprovd.core.provisioning;

import io.autoprovd.core.AutoprovdException;
import java.util.List;

/**
 * The ordered steps every phone request goes through. Assembled once (see the server's wiring),
 * immutable, shared. The chain enforces the step contract and names the step that breaks it.
 */
public final class Pipeline {
  private final List<Step> steps;

  public Pipeline(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  public Delivery handle(ProvisioningRequest request) {
    return new Link(0).proceed(Exchange.of(request));
  }

  private final class Link implements Step.Chain {
    private final int index;
    private boolean called;

    Link(int index) {
      this.index = index;
    }

    @Override
    public Delivery proceed(Exchange exchange) {
      if (called) {
        throw new AutoprovdException("step " + name(index - 1) + " called proceed() twice");
      }
      called = true;
      if (index >= steps.size()) {
        return new Delivery.NotFound("no step answered");
      }
      Delivery delivery = steps.get(index).handle(exchange, new Link(index + 1));
      if (delivery == null) {
        throw new AutoprovdException("step " + name(index) + " returned null");
      }
      return delivery;
    }
  }

  private String name(int i) {
    return i < 0 ? "pipeline" : steps.get(i).getClass().getSimpleName();
  }
}
