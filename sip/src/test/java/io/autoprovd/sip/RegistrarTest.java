package io.autoprovd.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.sip.internal.ServerTransaction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3 on a manual clock, and where a binding's requests go. */
class RegistrarTest {
  static final AccountDirectory.Account ACCOUNT = new AccountDirectory.Account("apabcdefghij", "pw", "device-1");

  final ManualScheduler clock = new ManualScheduler();
  final Registrar registrar = Registrar.withDefaults(clock);

  SipResponse register(Flow from, String contact, String expires, String callId, long cseq) {
    String text = "REGISTER sip:autoprovd SIP/2.0\r\n"
        + "Via: SIP/2.0/" + from.transport() + " 10.0.0.2:5060;branch=z9hG4bK" + callId + cseq + "\r\n"
        + "From: <sip:apabcdefghij@autoprovd>;tag=1\r\nTo: <sip:apabcdefghij@autoprovd>\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
        + (contact == null ? "" : "Contact: " + contact + "\r\n")
        + (expires == null ? "" : "Expires: " + expires + "\r\n") + "Content-Length: 0\r\n\r\n";
    var request = (SipRequest) ((SipParser.Parse.Parsed) SipParser.parse(text)).message();
    var tx = new ServerTransaction(request, bytes -> { }, from.transport(), clock, SipTimers.RFC3261, () -> { });
    return registrar.register(new ServerRequest(null, tx, request, from, "t"), ACCOUNT);
  }

  @Test
  void aBinding_expiresAfterItsTime_andPurgeDropsIt() {
    register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:5060>", "120", "c1", 1);

    clock.advance(Duration.ofSeconds(119));
    assertThat(registrar.bindingOf("device-1")).isPresent();
    clock.advance(Duration.ofSeconds(1));

    assertThat(registrar.bindingOf("device-1")).isEmpty();
    assertThat(registrar.purge()).isEqualTo(1);
  }

  @Test
  void theResponseListsEveryBindingWithItsRemainingTime() {
    register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:5060>", "600", "c1", 1);
    clock.advance(Duration.ofSeconds(100));

    SipResponse ok = register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:5070>;expires=300", null,
        "c1", 2);

    assertThat(ok.headers().all("Contact")).containsExactlyInAnyOrder(
        "<sip:apabcdefghij@10.0.0.2:5060>;expires=500", "<sip:apabcdefghij@10.0.0.2:5070>;expires=300");
    assertThat(ok.header("Date")).isPresent();
  }

  @Test
  void anOlderRegisterOfTheSameCall_changesNothing() {
    register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:5060>", "600", "c1", 5);

    register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:5060>", "0", "c1", 4);

    assertThat(registrar.bindingOf("device-1")).isPresent();
  }

  @Test
  void beyondFiveContacts_theOneClosestToExpiryGoes() {
    for (int i = 0; i < 6; i++) {
      register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:" + (5060 + i) + ">", Integer.toString(600 + i),
          "c" + i, 1);
    }

    assertThat(registrar.bindings("apabcdefghij")).hasSize(5)
        .noneMatch(b -> b.contact().port() == 5060);
  }

  @Test
  void aStarWithExpiresZero_removesEveryBinding_butAStarWithoutItIsABadRequest() {
    register(Flow.udp("10.0.0.2", 5060), "<sip:apabcdefghij@10.0.0.2:5060>", "600", "c1", 1);

    assertThat(register(Flow.udp("10.0.0.2", 5060), "*", null, "c1", 2).status()).isEqualTo(400);
    assertThat(register(Flow.udp("10.0.0.2", 5060), "*", "0", "c1", 3).status()).isEqualTo(200);

    assertThat(registrar.bindingOf("device-1")).isEmpty();
  }

  @Test
  void aPhoneOnTheSameAddressAsItsContact_isReachedAtItsContactPort() {
    register(Flow.udp("10.0.0.2", 40000), "<sip:apabcdefghij@10.0.0.2:5062>", "600", "c1", 1);

    assertThat(registrar.bindingOf("device-1").orElseThrow().target()).isEqualTo(Flow.udp("10.0.0.2", 5062));
  }

  @Test
  void aPhoneBehindNat_isReachedAtTheAddressItsRegisterCameFrom() {
    // The phone writes its private address; the REGISTER came from the NAT's public mapping.
    register(Flow.udp("203.0.113.2", 61000), "<sip:apabcdefghij@192.168.1.20:5060>", "600", "c1", 1);

    assertThat(registrar.bindingOf("device-1").orElseThrow().target()).isEqualTo(Flow.udp("203.0.113.2", 61000));
  }

  @Test
  void aPhoneOverTcp_isReachedOverItsConnection() {
    register(Flow.tcp("10.0.0.2", 40001), "<sip:apabcdefghij@10.0.0.2:5060;transport=tcp>", "600", "c1", 1);

    assertThat(registrar.bindingOf("device-1").orElseThrow().target()).isEqualTo(Flow.tcp("10.0.0.2", 40001));
  }
}
