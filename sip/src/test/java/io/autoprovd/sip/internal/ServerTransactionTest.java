package io.autoprovd.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.sip.ManualScheduler;
import io.autoprovd.sip.Responses;
import io.autoprovd.sip.SipParser;
import io.autoprovd.sip.SipRequest;
import io.autoprovd.sip.SipTimers;
import io.autoprovd.sip.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2 timers G, H, I and J on a manual clock. */
class ServerTransactionTest {
  final ManualScheduler clock = new ManualScheduler();
  final Instant start = clock.instant();
  final List<Duration> sentAt = new ArrayList<>();
  final List<String> sent = new ArrayList<>();
  int terminated;

  ServerTransaction transaction(String method, Transport transport) {
    var request = (SipRequest) ((SipParser.Parse.Parsed) SipParser.parse(
        ClientTransactionTest.NOTIFY.replace("NOTIFY", method))).message();
    return new ServerTransaction(request, bytes -> {
      sentAt.add(Duration.between(start, clock.instant()));
      sent.add(new String(bytes));
    }, transport, clock, SipTimers.RFC3261, () -> terminated++);
  }

  static List<Duration> ms(long... values) {
    return ClientTransactionTest.ms(values);
  }

  @Test
  void anInviteRejectedOverUdp_isRetransmittedByTimerG_untilTimerHGivesUpAt64T1() {
    var tx = transaction("INVITE", Transport.UDP);

    tx.respond(Responses.to(tx.request(), 404, "Unknown Code", "t"));
    clock.advance(Duration.ofSeconds(40));

    assertThat(sentAt).isEqualTo(ms(0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500));
    assertThat(sent).allMatch(s -> s.startsWith("SIP/2.0 404 Unknown Code"));
    assertThat(terminated).isEqualTo(1);
  }

  @Test
  void anInviteRejected_stopsRetransmittingOnTheAck_andEndsAfterTimerI() {
    var tx = transaction("INVITE", Transport.UDP);
    tx.respond(Responses.to(tx.request(), 403, "Code Already Claimed", "t"));
    clock.advance(Duration.ofMillis(600));

    tx.onAck();
    clock.advance(Duration.ofMillis(4_999));
    assertThat(terminated).isZero();
    clock.advance(Duration.ofMillis(1));

    assertThat(sentAt).isEqualTo(ms(0, 500));
    assertThat(terminated).isEqualTo(1);
  }

  @Test
  void anInviteRejectedOverTcp_isNotRetransmitted_andEndsAtOnceOnTheAck() {
    var tx = transaction("INVITE", Transport.TCP);
    tx.respond(Responses.to(tx.request(), 404, "Unknown Code", "t"));
    clock.advance(Duration.ofSeconds(10));

    tx.onAck();

    assertThat(sentAt).isEqualTo(ms(0));
    assertThat(terminated).isEqualTo(1);
  }

  @Test
  void aRetransmittedRequest_getsTheLastResponseAgain_andOnlyOneFinalResponseIsEverSent() {
    var tx = transaction("REGISTER", Transport.UDP);
    tx.onRetransmission(); // nothing to resend yet

    assertThat(tx.respond(Responses.to(tx.request(), 200, "OK", "t"))).isTrue();
    tx.onRetransmission();
    assertThat(tx.respond(Responses.to(tx.request(), 500, "Late", "t"))).isFalse();

    assertThat(sent).hasSize(2).allMatch(s -> s.startsWith("SIP/2.0 200 OK"));
  }

  @Test
  void aNonInviteOverUdp_isKeptForTimerJ_thenEnds() {
    var tx = transaction("OPTIONS", Transport.UDP);
    tx.respond(Responses.to(tx.request(), 200, "OK", "t"));

    clock.advance(Duration.ofMillis(31_999));
    assertThat(terminated).isZero();
    clock.advance(Duration.ofMillis(1));

    assertThat(terminated).isEqualTo(1);
  }

  @Test
  void aNonInviteOverTcp_endsAsSoonAsItIsAnswered() {
    var tx = transaction("OPTIONS", Transport.TCP);

    tx.respond(Responses.to(tx.request(), 200, "OK", "t"));

    assertThat(terminated).isEqualTo(1);
  }
}
