package io.autoprovd.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.sip.ClientResult;
import io.autoprovd.sip.ManualScheduler;
import io.autoprovd.sip.SipParser;
import io.autoprovd.sip.SipRequest;
import io.autoprovd.sip.SipResponse;
import io.autoprovd.sip.SipTimers;
import io.autoprovd.sip.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1 timers, driven by a manual clock: each retransmission's instant is asserted. */
class ClientTransactionTest {
  static final String NOTIFY = """
      NOTIFY sip:phone@10.0.0.2 SIP/2.0\r
      Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKabc;rport\r
      From: <sip:autoprovd@10.0.0.1>;tag=1\r
      To: <sip:phone@10.0.0.2>\r
      Call-ID: c1\r
      CSeq: 1 NOTIFY\r
      Event: check-sync\r
      Content-Length: 0\r
      \r
      """;
  static final String INVITE = NOTIFY.replace("NOTIFY sip", "INVITE sip").replace("1 NOTIFY", "1 INVITE");

  final ManualScheduler clock = new ManualScheduler();
  final Instant start = clock.instant();
  final List<Duration> sentAt = new ArrayList<>();
  final List<String> sent = new ArrayList<>();
  int terminated;

  ClientTransaction transaction(String request, Transport transport) {
    var parsed = (SipRequest) ((SipParser.Parse.Parsed) SipParser.parse(request)).message();
    Wire wire = bytes -> {
      sentAt.add(Duration.between(start, clock.instant()));
      sent.add(new String(bytes));
    };
    return new ClientTransaction(parsed, wire, transport, clock, SipTimers.RFC3261, () -> terminated++);
  }

  static SipResponse response(int status, String cseq) {
    return (SipResponse) ((SipParser.Parse.Parsed) SipParser.parse("SIP/2.0 " + status + " X\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKabc\r\nFrom: <sip:autoprovd@10.0.0.1>;tag=1\r\n"
        + "To: <sip:phone@10.0.0.2>;tag=9\r\nCall-ID: c1\r\nCSeq: " + cseq + "\r\nContent-Length: 0\r\n\r\n"))
        .message();
  }

  static List<Duration> ms(long... values) {
    var list = new ArrayList<Duration>();
    for (long v : values) {
      list.add(Duration.ofMillis(v));
    }
    return list;
  }

  @Nested
  class GivenANonInviteOverUdp {
    @Test
    void whenNobodyAnswers_thenTimerERetransmitsAtT1DoublingUpToT2_andTimerFReportsATimeoutAt64T1() {
      var tx = transaction(NOTIFY, Transport.UDP);

      tx.start();
      clock.advance(Duration.ofSeconds(40));

      // §17.1.2.2: 0, then +500, +1000, +2000, +4000 (T2), +4000 … until 32 s.
      assertThat(sentAt).isEqualTo(ms(0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500));
      assertThat(tx.result()).isCompletedWithValue(new ClientResult.TimedOut(Duration.ofSeconds(32)));
      assertThat(terminated).isEqualTo(1);
    }

    @Test
    void whenA1xxArrives_thenRetransmissionsContinueEveryT2_untilTheFinalResponse() {
      var tx = transaction(NOTIFY, Transport.UDP);
      tx.start();
      clock.advance(Duration.ofMillis(600));

      tx.onResponse(response(100, "1 NOTIFY"));
      clock.advance(Duration.ofMillis(9_000));
      tx.onResponse(response(200, "1 NOTIFY"));
      clock.advance(Duration.ofSeconds(60));

      // 0 and 500 in Trying; then E fires at 1500 and continues every T2 (Proceeding) until 9600.
      assertThat(sentAt).isEqualTo(ms(0, 500, 1500, 5500, 9500));
      assertThat(tx.result()).isCompletedWithValue(new ClientResult.Final(response(200, "1 NOTIFY")));
    }

    @Test
    void whenTheFinalResponseArrives_thenTheResultIsReportedOnce_andTimerKKeepsItForT4() {
      var tx = transaction(NOTIFY, Transport.UDP);
      tx.start();

      tx.onResponse(response(481, "1 NOTIFY"));
      tx.onResponse(response(481, "1 NOTIFY"));

      assertThat(tx.result()).isCompletedWithValue(new ClientResult.Final(response(481, "1 NOTIFY")));
      assertThat(terminated).isZero();
      clock.advance(Duration.ofMillis(4_999));
      assertThat(terminated).isZero();
      clock.advance(Duration.ofMillis(1));
      assertThat(terminated).isEqualTo(1);
      assertThat(sentAt).hasSize(1);
    }
  }

  @Nested
  class GivenANonInviteOverTcp {
    @Test
    void whenNobodyAnswers_thenNothingIsRetransmitted_andTimerFStillReportsTheTimeout() {
      var tx = transaction(NOTIFY, Transport.TCP);

      tx.start();
      clock.advance(Duration.ofSeconds(31));
      assertThat(tx.result()).isNotDone();
      clock.advance(Duration.ofSeconds(1));

      assertThat(sentAt).isEqualTo(ms(0));
      assertThat(tx.result()).isCompletedWithValue(new ClientResult.TimedOut(Duration.ofSeconds(32)));
    }

    @Test
    void whenTheFinalResponseArrives_thenTheTransactionEndsAtOnce() {
      var tx = transaction(NOTIFY, Transport.TCP);
      tx.start();

      tx.onResponse(response(200, "1 NOTIFY"));

      assertThat(terminated).isEqualTo(1);
    }
  }

  @Nested
  class GivenAnInviteOverUdp {
    @Test
    void whenNobodyAnswers_thenTimerADoublesWithoutCap_andTimerBTimesOutAt64T1() {
      var tx = transaction(INVITE, Transport.UDP);

      tx.start();
      clock.advance(Duration.ofSeconds(40));

      assertThat(sentAt).isEqualTo(ms(0, 500, 1500, 3500, 7500, 15500, 31500));
      assertThat(tx.result()).isCompletedWithValue(new ClientResult.TimedOut(Duration.ofSeconds(32)));
    }

    @Test
    void whenA1xxArrives_thenRetransmissionsStop_andTimerBNoLongerApplies() {
      var tx = transaction(INVITE, Transport.UDP);
      tx.start();

      tx.onResponse(response(180, "1 INVITE"));
      clock.advance(Duration.ofSeconds(60));

      assertThat(sentAt).isEqualTo(ms(0));
      assertThat(tx.result()).isNotDone();
    }

    @Test
    void whenARejectionArrives_thenAnAckWithTheInviteBranchIsSent_andResentForEachRetransmission() {
      var tx = transaction(INVITE, Transport.UDP);
      tx.start();

      tx.onResponse(response(486, "1 INVITE"));
      tx.onResponse(response(486, "1 INVITE"));

      assertThat(sent).hasSize(3);
      assertThat(sent.get(1)).startsWith("ACK sip:phone@10.0.0.2 SIP/2.0\r\n")
          .contains("branch=z9hG4bKabc").contains("CSeq: 1 ACK").contains("To: <sip:phone@10.0.0.2>;tag=9");
      assertThat(sent.get(2)).isEqualTo(sent.get(1));
      clock.advance(Duration.ofSeconds(32));
      assertThat(terminated).isEqualTo(1); // Timer D
    }
  }

  @Test
  void aTransportErrorIsReportedAsSuch_notAsATimeout() {
    var parsed = (SipRequest) ((SipParser.Parse.Parsed) SipParser.parse(NOTIFY)).message();
    var tx = new ClientTransaction(parsed, bytes -> {
      throw new IOException("Connection refused");
    }, Transport.TCP, clock, SipTimers.RFC3261, () -> terminated++);

    tx.start();

    assertThat(tx.result()).isCompletedWithValue(new ClientResult.TransportFailed("Connection refused"));
    assertThat(terminated).isEqualTo(1);
  }
}
