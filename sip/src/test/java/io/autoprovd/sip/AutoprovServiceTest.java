package io.autoprovd.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.code.ClaimResult;
import io.autoprovd.core.code.ProvisioningCode;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.tenant.Tenant;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The autoprov service over a real loopback UDP socket, against a phone written by hand. */
class AutoprovServiceTest {
  static final String USER = "apabcdefghij";
  static final String PASSWORD = "pw-of-the-phone-0001";
  static final String SDP = "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 4000 RTP/AVP 0 8 101\r\n";

  final List<String> claims = new CopyOnWriteArrayList<>();
  final CompletableFuture<ClaimResult.Claimed> resynced = new CompletableFuture<>();
  BiFunction<String, String, ClaimResult> claimAnswer = (device, code) -> new ClaimResult.UnknownCode(code);
  Registrar registrar;
  SipEndpoint endpoint;
  RawSipClient phone;
  int branch;

  @BeforeEach
  void start() throws IOException {
    registrar = Registrar.withDefaults(InstantSource.system());
    AccountDirectory accounts = username -> username.equals(USER)
        ? Optional.of(new AccountDirectory.Account(USER, PASSWORD, "device-1")) : Optional.empty();
    CodeDialing dialing = new CodeDialing() {
      @Override
      public ClaimResult claim(String deviceId, String code) {
        claims.add(deviceId + ":" + code);
        return claimAnswer.apply(deviceId, code);
      }

      @Override
      public void claimed(ClaimResult.Claimed result) {
        resynced.complete(result);
      }
    };
    var service = new AutoprovService(accounts, dialing, registrar, "autoprovd", InstantSource.system());
    endpoint = SipEndpoint.start(SipSettings.defaults("127.0.0.1").withBind("127.0.0.1").withPort(0), service,
        Scheduler.system());
    phone = new RawSipClient(endpoint.port());
  }

  @AfterEach
  void stop() {
    phone.close();
    endpoint.close();
  }

  String nextBranch() {
    return "z9hG4bKtest" + (++branch);
  }

  /** Sends the request, answers the 401 with credentials for {@code password}, returns the final response. */
  SipResponse authenticated(String method, String uri, String password, String extraHeaders, String body)
      throws IOException {
    String callId = "call-" + method + "-" + branch;
    phone.send(phone.request(method, uri, USER, nextBranch(), 1, callId, extraHeaders, body));
    SipResponse challenge = phone.finalResponse();
    assertThat(challenge.status()).isEqualTo(401);
    if (method.equals("INVITE")) {
      phone.send(ack(challenge, uri, 1));
    }
    var digest = Digest.answer(Digest.Challenge.parse(challenge.header("WWW-Authenticate").orElseThrow()), USER,
        password, method, uri, "c0ffee");
    phone.send(phone.request(method, uri, USER, nextBranch(), 2, callId,
        extraHeaders + "Authorization: " + digest + "\r\n", body));
    return phone.finalResponse();
  }

  /** The ACK for a non-2xx: same branch as the INVITE (taken from the response's Via). */
  SipRequest ack(SipResponse response, String uri, long cseq) {
    var h = SipHeaders.EMPTY.add("Via", response.headers().all("Via").getFirst())
        .add("From", response.header("From").orElseThrow()).add("To", response.header("To").orElseThrow())
        .add("Call-ID", response.callId()).add("CSeq", cseq + " ACK").add("Max-Forwards", "70");
    return new SipRequest("ACK", uri, h, new byte[0]);
  }

  static ClaimResult.Claimed claimed(String deviceId, String code) {
    var device = Device.newBuilder(deviceId, Tenant.MASTER_UUID).build();
    var provisioningCode = ProvisioningCode.unclaimed(code, "line-alice", Tenant.MASTER_UUID, Instant.EPOCH)
        .withClaim(deviceId, Instant.EPOCH);
    return new ClaimResult.Claimed(device, deviceId, 1, provisioningCode, true, false);
  }

  @Nested
  class Register {
    @Test
    void withoutCredentials_isChallengedWithAnMd5DigestOfTheRealm() throws IOException {
      phone.send(phone.request("REGISTER", "sip:autoprovd", USER, nextBranch(), 1, "r1", "", ""));

      SipResponse response = phone.finalResponse();

      assertThat(response.status()).isEqualTo(401);
      var challenge = Digest.Challenge.parse(response.header("WWW-Authenticate").orElseThrow());
      assertThat(challenge.realm()).isEqualTo("autoprovd");
      assertThat(challenge.algorithm()).isEqualTo("MD5");
      assertThat(challenge.qop()).isEqualTo("auth");
      assertThat(response.to().tag()).isNotNull();
    }

    @Test
    void withTheDevicesCredentials_isBound_andTheBindingRemembersTheFlowItCameOver() throws IOException {
      SipResponse response = authenticated("REGISTER", "sip:autoprovd", PASSWORD, "Expires: 600\r\n", "");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers().all("Contact")).singleElement().asString()
          .contains("sip:" + USER + "@127.0.0.1:" + phone.port()).contains("expires=600");
      var binding = registrar.bindingOf("device-1").orElseThrow();
      assertThat(binding.flow()).isEqualTo(Flow.udp("127.0.0.1", phone.port()));
    }

    @Test
    void withAWrongPassword_isForbidden_andNothingIsBound() throws IOException {
      SipResponse response = authenticated("REGISTER", "sip:autoprovd", "not-the-password", "", "");

      assertThat(response.status()).isEqualTo(403);
      assertThat(registrar.bindingOf("device-1")).isEmpty();
    }

    @Test
    void forAnotherAddressOfRecordThanTheAccount_isForbidden() throws IOException {
      phone.send(phone.request("REGISTER", "sip:autoprovd", USER, nextBranch(), 1, "r9", "", ""));
      var challenge = Digest.Challenge.parse(phone.finalResponse().header("WWW-Authenticate").orElseThrow());
      var digest = Digest.answer(challenge, USER, PASSWORD, "REGISTER", "sip:autoprovd", "c1");
      String request = phone.request("REGISTER", "sip:autoprovd", USER, nextBranch(), 2, "r9",
          "Authorization: " + digest + "\r\n", "").replace("To: <sip:" + USER + "@autoprovd>", "To: <sip:apzzzzzzzzzz@autoprovd>");
      phone.send(request);

      assertThat(phone.finalResponse().status()).isEqualTo(403);
      assertThat(registrar.bindingOf("device-1")).isEmpty();
    }

    @Test
    void withATooShortExpiry_isTooBrief_withTheMinimum() throws IOException {
      SipResponse response = authenticated("REGISTER", "sip:autoprovd", PASSWORD, "Expires: 10\r\n", "");

      assertThat(response.status()).isEqualTo(423);
      assertThat(response.header("Min-Expires")).contains("60");
    }

    @Test
    void withExpiresZero_removesTheBinding() throws IOException {
      authenticated("REGISTER", "sip:autoprovd", PASSWORD, "", "");

      SipResponse response = authenticated("REGISTER", "sip:autoprovd", PASSWORD, "Expires: 0\r\n", "");

      assertThat(response.status()).isEqualTo(200);
      assertThat(registrar.bindingOf("device-1")).isEmpty();
    }
  }

  @Nested
  class Invite {
    @Test
    void toAnUnknownCode_isAnswered404UnknownCode_afterAskingTheClaimOnce() throws IOException {
      SipResponse response = authenticated("INVITE", "sip:999999@autoprovd", PASSWORD,
          "Content-Type: application/sdp\r\n", SDP);

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.reason()).isEqualTo("Unknown Code");
      assertThat(claims).containsExactly("device-1:999999");
    }

    @Test
    void withoutCredentials_claimsNothing() throws IOException {
      phone.send(phone.request("INVITE", "sip:123456@autoprovd", USER, nextBranch(), 1, "i1", "", SDP));

      assertThat(phone.finalResponse().status()).isEqualTo(401);
      assertThat(claims).isEmpty();
    }

    @Test
    void withAWrongPassword_isForbidden_andClaimsNothing() throws IOException {
      SipResponse response = authenticated("INVITE", "sip:123456@autoprovd", "guess", "", SDP);

      assertThat(response.status()).isEqualTo(403);
      assertThat(claims).isEmpty();
    }

    @Test
    void afterTooManyWrongCodes_isForbiddenWithRetryAfter() throws IOException {
      claimAnswer = (device, code) -> new ClaimResult.RateLimited(device, Duration.ofSeconds(90));

      SipResponse response = authenticated("INVITE", "sip:123456@autoprovd", PASSWORD, "", SDP);

      assertThat(response.status()).isEqualTo(403);
      assertThat(response.reason()).isEqualTo("Too Many Wrong Codes");
      assertThat(response.header("Retry-After")).contains("90");
    }

    @Test
    void toAValidCode_isAnswered200WithEveryStreamRejected_thenHungUp_thenTheDeviceIsResynced() throws Exception {
      claimAnswer = AutoprovServiceTest::claimed;

      SipResponse ok = authenticated("INVITE", "sip:123456@autoprovd", PASSWORD,
          "Content-Type: application/sdp\r\n", SDP);

      assertThat(ok.status()).isEqualTo(200);
      String answer = new String(ok.body());
      assertThat(answer).contains("m=audio 0 RTP/AVP 0 8 101");
      assertThat(ok.header("Content-Type")).contains("application/sdp");
      assertThat(resynced).isNotDone(); // the call is not over yet
      var ack = SipHeaders.EMPTY.add("Via", "SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=" + nextBranch())
          .add("From", ok.header("From").orElseThrow()).add("To", ok.header("To").orElseThrow())
          .add("Call-ID", ok.callId()).add("CSeq", "2 ACK").add("Max-Forwards", "70");
      phone.send(new SipRequest("ACK", "sip:autoprovd@127.0.0.1:" + endpoint.port(), ack, new byte[0]));

      var bye = (SipRequest) phone.receive();
      assertThat(bye.method()).isEqualTo("BYE");
      assertThat(bye.callId()).isEqualTo(ok.callId());
      assertThat(bye.from().tag()).isEqualTo(ok.to().tag());
      phone.send(Responses.to(bye, 200, "OK", null));

      assertThat(resynced.get(10, TimeUnit.SECONDS).code().code()).isEqualTo("123456");
      assertThat(claims).containsExactly("device-1:123456");
    }

    @Test
    void retransmittedAfterIts200_getsThe200Again_andIsClaimedOnlyOnce() throws IOException {
      claimAnswer = AutoprovServiceTest::claimed;
      phone.send(phone.request("INVITE", "sip:123456@autoprovd", USER, nextBranch(), 1, "i8", "", SDP));
      var challenge = phone.finalResponse();
      phone.send(ack(challenge, "sip:123456@autoprovd", 1));
      var digest = Digest.answer(Digest.Challenge.parse(challenge.header("WWW-Authenticate").orElseThrow()), USER,
          PASSWORD, "INVITE", "sip:123456@autoprovd", "c3");
      String invite = phone.request("INVITE", "sip:123456@autoprovd", USER, nextBranch(), 2, "i8",
          "Authorization: " + digest + "\r\n", SDP);
      phone.send(invite);
      SipResponse first = phone.finalResponse();

      phone.send(invite);
      SipResponse again = phone.finalResponse();

      assertThat(first.status()).isEqualTo(200);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.to().tag()).isEqualTo(first.to().tag());
      assertThat(claims).hasSize(1);
    }

    @Test
    void retransmittedBeforeItsAnswer_isClaimedOnlyOnce() throws IOException {
      var started = new CompletableFuture<Void>();
      var release = new CompletableFuture<Void>();
      claimAnswer = (device, code) -> {
        started.complete(null);
        release.join();
        return new ClaimResult.UnknownCode(code);
      };
      phone.send(phone.request("INVITE", "sip:123456@autoprovd", USER, nextBranch(), 1, "i7", "", SDP));
      var challenge = phone.finalResponse();
      phone.send(ack(challenge, "sip:123456@autoprovd", 1));
      var digest = Digest.answer(Digest.Challenge.parse(challenge.header("WWW-Authenticate").orElseThrow()), USER,
          PASSWORD, "INVITE", "sip:123456@autoprovd", "c2");
      String invite = phone.request("INVITE", "sip:123456@autoprovd", USER, nextBranch(), 2, "i7",
          "Authorization: " + digest + "\r\n", SDP);

      phone.send(invite);
      started.join();
      phone.send(invite);
      phone.send(invite);
      release.complete(null);

      assertThat(phone.finalResponse().status()).isEqualTo(404);
      assertThat(claims).hasSize(1);
    }
  }

  @Nested
  class BadInput {
    @Test
    void garbage_isIgnored_andTheServerKeepsAnswering() throws IOException {
      phone.send(new byte[] {0, 1, 2, 3, (byte) 0xff});
      phone.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      phone.send("INVITE sip:1@h SIP/2.0\r\nVia: nonsense\r\n\r\n");

      phone.send(phone.request("OPTIONS", "sip:autoprovd", USER, nextBranch(), 1, "o1", "", ""));

      assertThat(phone.finalResponse().status()).isEqualTo(200);
      assertThat(endpoint.stats().malformed()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRequestWithoutCallId_isAnswered400NamingIt() throws IOException {
      phone.send(phone.request("OPTIONS", "sip:autoprovd", USER, nextBranch(), 1, "o2", "", "")
          .replace("Call-ID: o2\r\n", ""));

      SipResponse response = phone.finalResponse();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.reason()).contains("missing Call-ID");
    }

    @Test
    void aContentLengthLongerThanTheDatagram_isAnswered400() throws IOException {
      phone.send(phone.request("OPTIONS", "sip:autoprovd", USER, nextBranch(), 1, "o3", "", "")
          .replace("Content-Length: 0", "Content-Length: 300"));

      assertThat(phone.finalResponse().status()).isEqualTo(400);
    }

    @Test
    void aCSeqOfAnotherMethod_isAnswered400() throws IOException {
      phone.send(phone.request("OPTIONS", "sip:autoprovd", USER, nextBranch(), 1, "o4", "", "")
          .replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));

      assertThat(phone.finalResponse().reason()).contains("CSeq method INVITE differs from OPTIONS");
    }

    @Test
    void aTelUri_isAnUnsupportedScheme() throws IOException {
      phone.send(phone.request("INVITE", "tel:+3312345678", USER, nextBranch(), 1, "o5", "", SDP)
          .replace("To: <tel:+3312345678>", "To: <sip:x@autoprovd>"));

      assertThat(phone.finalResponse().status()).isEqualTo(416);
      assertThat(claims).isEmpty();
    }

    @Test
    void aRequiredExtension_isRefusedByName() throws IOException {
      phone.send(phone.request("INVITE", "sip:123456@autoprovd", USER, nextBranch(), 1, "o6", "Require: 100rel\r\n",
          SDP));

      SipResponse response = phone.finalResponse();
      assertThat(response.status()).isEqualTo(420);
      assertThat(response.header("Unsupported")).contains("100rel");
    }

    @Test
    void otherMethods_are405WithAllow_andUnknownOnes501() throws IOException {
      phone.send(phone.request("SUBSCRIBE", "sip:autoprovd", USER, nextBranch(), 1, "o7", "", ""));
      SipResponse subscribe = phone.finalResponse();
      phone.send(phone.request("FROBNICATE", "sip:autoprovd", USER, nextBranch(), 1, "o8", "", ""));
      SipResponse unknown = phone.finalResponse();

      assertThat(subscribe.status()).isEqualTo(405);
      assertThat(subscribe.header("Allow")).contains(AutoprovService.ALLOW);
      assertThat(unknown.status()).isEqualTo(501);
    }

    @Test
    void aByeForNoCall_is481() throws IOException {
      phone.send(phone.request("BYE", "sip:autoprovd", USER, nextBranch(), 1, "o9", "", ""));

      assertThat(phone.finalResponse().status()).isEqualTo(481);
    }

    @Test
    void credentialsThatAreNotDigest_areAnswered400() throws IOException {
      phone.send(phone.request("REGISTER", "sip:autoprovd", USER, nextBranch(), 1, "o10",
          "Authorization: Basic dXNlcjpwYXNz\r\n", ""));

      assertThat(phone.finalResponse().status()).isEqualTo(400);
    }
  }

  @Test
  void aFloodBeyondTheTransactionTable_gets503WithRetryAfter_andNothingBreaks() throws IOException {
    endpoint.close();
    var blocker = new CompletableFuture<Void>();
    var slow = new AutoprovService(u -> Optional.empty(), new CodeDialing() {
      @Override
      public ClaimResult claim(String deviceId, String code) {
        return new ClaimResult.UnknownCode(code);
      }

      @Override
      public void claimed(ClaimResult.Claimed result) {}
    }, registrar, "autoprovd", InstantSource.system());
    RequestHandler stuck = request -> {
      blocker.join();
      slow.handle(request);
    };
    endpoint = SipEndpoint.start(SipSettings.defaults("127.0.0.1").withBind("127.0.0.1").withPort(0)
        .withMaxTransactions(5), stuck, Scheduler.system());
    phone.close();
    phone = new RawSipClient(endpoint.port());

    for (int i = 0; i < 20; i++) {
      phone.send(phone.request("OPTIONS", "sip:autoprovd", USER, nextBranch(), 1, "flood" + i, "", ""));
    }
    var statuses = new java.util.ArrayList<Integer>();
    for (int i = 0; i < 15; i++) {
      SipResponse r = phone.finalResponse();
      statuses.add(r.status());
      assertThat(r.header("Retry-After")).contains("5");
    }
    blocker.complete(null);
    for (int i = 0; i < 5; i++) {
      statuses.add(phone.finalResponse().status());
    }

    assertThat(statuses).filteredOn(s -> s == 503).hasSize(15);
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
    assertThat(endpoint.stats().overloaded()).isEqualTo(15);
  }
}
