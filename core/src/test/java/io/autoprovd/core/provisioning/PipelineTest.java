package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.AutoprovdException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step contract: answer, or call proceed exactly once; never return null. */
class PipelineTest {
  static final ProvisioningRequest REQUEST =
      new ProvisioningRequest("r1", Transport.HTTP, "10.0.0.1", "/a.cfg", Map.of(), Instant.EPOCH);

  static final class Recording implements Step {
    final List<String> seen;
    final String name;

    Recording(List<String> seen, String name) {
      this.seen = seen;
      this.name = name;
    }

    @Override
    public Delivery handle(Exchange exchange, Chain chain) {
      seen.add(name);
      return chain.proceed(exchange);
    }
  }

  static final class ProceedsTwice implements Step {
    @Override
    public Delivery handle(Exchange exchange, Chain chain) {
      chain.proceed(exchange);
      return chain.proceed(exchange);
    }
  }

  static final class ReturnsNull implements Step {
    @Override
    public Delivery handle(Exchange exchange, Chain chain) {
      return null;
    }
  }

  static final class Answers implements Step {
    @Override
    public Delivery handle(Exchange exchange, Chain chain) {
      return new Delivery.Denied("answered by " + exchange.request().path());
    }
  }

  @Test
  void steps_runInOrderAndTheFirstToAnswerEndsTheRequest() {
    // given
    var seen = new ArrayList<String>();
    var pipeline = new Pipeline(List.of(new Recording(seen, "one"), new Recording(seen, "two"), new Answers(),
        new Recording(seen, "never")));

    // when
    Delivery delivery = pipeline.handle(REQUEST);

    // then
    assertThat(seen).containsExactly("one", "two");
    assertThat(delivery).isEqualTo(new Delivery.Denied("answered by /a.cfg"));
  }

  @Test
  void whenEveryStepProceeds_theAnswerIsNotFound() {
    // given
    var pipeline = new Pipeline(List.of(new Recording(new ArrayList<>(), "only")));

    // when / then
    assertThat(pipeline.handle(REQUEST)).isInstanceOf(Delivery.NotFound.class);
  }

  @Test
  void aStepThatCallsProceedTwice_failsNamingTheStep() {
    // given
    var pipeline = new Pipeline(List.of(new Recording(new ArrayList<>(), "first"), new ProceedsTwice(), new Answers()));

    // when / then
    assertThatThrownBy(() -> pipeline.handle(REQUEST))
        .isInstanceOf(AutoprovdException.class)
        .hasMessageContaining("ProceedsTwice")
        .hasMessageContaining("proceed() twice");
  }

  @Test
  void theLastStepCallingProceedTwice_isNamedToo() {
    // given
    var pipeline = new Pipeline(List.of(new ProceedsTwice()));

    // when / then
    assertThatThrownBy(() -> pipeline.handle(REQUEST))
        .isInstanceOf(AutoprovdException.class)
        .hasMessageContaining("ProceedsTwice");
  }

  @Test
  void aStepThatReturnsNull_failsNamingTheStep() {
    // given
    var pipeline = new Pipeline(List.of(new Recording(new ArrayList<>(), "first"), new ReturnsNull()));

    // when / then
    assertThatThrownBy(() -> pipeline.handle(REQUEST))
        .isInstanceOf(AutoprovdException.class)
        .hasMessageContaining("ReturnsNull")
        .hasMessageContaining("returned null");
  }

  @Test
  void aStepThatPassesOnANullAnswer_isTheOneNamed() {
    // given a well-behaved step ahead of the faulty one returns what it gets
    var pipeline = new Pipeline(List.of(new Recording(new ArrayList<>(), "first"), new ReturnsNull()));

    // when / then
    assertThatThrownBy(() -> pipeline.handle(REQUEST)).hasMessageNotContaining("Recording");
  }
}
