package io.autoprovd.server.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.sip.Digest;
import io.autoprovd.sip.RawSipClient;
import io.autoprovd.sip.SipResponse;
import io.autoprovd.sip.Sipp;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise end to end, with real peers: a Yealink in autoprov fetches its file and
 * learns its own autoprov account; a real SIP user agent (SIPp) registers with that account and
 * dials the provisioning code of a line; the device is linked and moved to the line's tenant, its
 * next fetch carries the line's account, and a second SIPp, the phone's NOTIFY receiver, gets the
 * NOTIFY with the Yealink pack's event ({@code check-sync}), checked in its Event header.
 */
class PhoneDialsItsCodeTest {
  static final String MAC = "00:15:65:12:34:56";
  static final String UA = "Yealink SIP-T46S 66.86.0.15 " + MAC;
  static final String FILE = "/001565123456.cfg";

  @TempDir Path dataDir;
  @TempDir Path sippDir;
  AutoprovServer autoprovd;

  @BeforeEach
  void start() {
    Sipp.binary();
    autoprovd = AutoprovServer.start(dataDir, Map.of("sync.strategy", "direct"));
    autoprovd.lineConfig("alice", AutoprovServer.TENANT_A, "1001", "alice-secret");
  }

  @AfterEach
  void stop() {
    autoprovd.close();
  }

  static int freeUdpPort() throws Exception {
    try (var s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  @Test
  void aPhoneInAutoprovDialsTheCode_isLinkedMovedAndTold_andItsNextFetchHasTheLine() throws Exception {
    // given: a code for alice's line, and a phone in autoprov that fetched its autoprov account
    String code = autoprovd.code("alice", AutoprovServer.TENANT_A);
    String file = autoprovd.fetch(FILE, UA);
    String account = AutoprovServer.yealinkValue(file, "account.1.user_name");
    String password = AutoprovServer.yealinkValue(file, "account.1.password");
    assertThat(account).matches("ap[a-z0-9]{10}");
    assertThat(AutoprovServer.yealinkValue(file, "account.1.sip_server.1.port"))
        .isEqualTo(Integer.toString(autoprovd.sipPort));
    String deviceId = autoprovd.deviceIdByMac(MAC);
    assertThat(autoprovd.device(deviceId)).containsEntry("tenant_uuid", Tenant.MASTER_UUID).containsEntry("is_new", true);

    // when: the phone registers with that account and dials the code
    int notifyPort = freeUdpPort();
    var receiver = Sipp.start(sippDir, "receiver", List.of("-sf",
        Sipp.scenario(sippDir, "phone-receive-notify.xml", Map.of("EVENT_REGEX", Sipp.quote("check-sync"))).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(notifyPort), "-m", "1"));
    var phone = Sipp.start(sippDir, "phone", List.of("127.0.0.1:" + autoprovd.sipPort,
        "-sf", Sipp.scenario(sippDir, "phone-register-dial.xml", Map.of()).toString(),
        "-inf", Sipp.injection(sippDir, "phone.csv", account,
            "[authentication username=" + account + " password=" + password + "]", code,
            Integer.toString(notifyPort)).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-m", "1"));

    // then: answered, hung up, and the NOTIFY carried the pack's event
    assertThat(phone.exitCode()).as(phone::logs).isZero();
    assertThat(receiver.exitCode()).as(receiver::logs).isZero();
    var device = autoprovd.device(deviceId);
    assertThat(device).containsEntry("config", deviceId).containsEntry("tenant_uuid", AutoprovServer.TENANT_A)
        .containsEntry("is_new", false).containsEntry("configured", true);
    String next = autoprovd.fetch(FILE, UA);
    assertThat(AutoprovServer.yealinkValue(next, "account.1.user_name")).isEqualTo("1001");
    assertThat(AutoprovServer.yealinkValue(next, "account.1.password")).isEqualTo("alice-secret");
    assertThat(AutoprovServer.yealinkValue(next, "account.1.sip_server.1.address")).isEqualTo("pbx.example.com");
  }

  @Test
  void aFloodOfWrongCodes_isRefusedAfterFive_evenTheRightCode_andNothingIsLinked() throws Exception {
    String code = autoprovd.code("alice", AutoprovServer.TENANT_A);
    String file = autoprovd.fetch(FILE, UA);
    String account = AutoprovServer.yealinkValue(file, "account.1.user_name");
    String password = AutoprovServer.yealinkValue(file, "account.1.password");
    String deviceId = autoprovd.deviceIdByMac(MAC);
    String before = (String) autoprovd.device(deviceId).get("config");

    var statuses = new ArrayList<String>();
    try (var phone = new RawSipClient(autoprovd.sipPort)) {
      for (int i = 0; i < 8; i++) {
        statuses.add(dial(phone, account, password, "9" + "0".repeat(4) + i, i));
      }
      statuses.add(dial(phone, account, password, code, 99));
    }

    assertThat(statuses.subList(0, 5)).allMatch(s -> s.equals("404 Unknown Code"));
    assertThat(statuses.subList(5, 9)).allMatch(s -> s.startsWith("403 Too Many Wrong Codes"));
    assertThat(autoprovd.device(deviceId)).containsEntry("config", before).containsEntry("tenant_uuid", Tenant.MASTER_UUID);
  }

  @Test
  void aRegisterWithWrongCredentials_isForbidden_andAnotherLinesAccountIsNoAutoprovAccount() throws Exception {
    autoprovd.fetch(FILE, UA);

    try (var phone = new RawSipClient(autoprovd.sipPort)) {
      // alice's real line has a password too, but it is not an autoprov account
      assertThat(register(phone, "1001", "alice-secret")).isEqualTo(403);
      assertThat(register(phone, "apnotanaccnt", "whatever")).isEqualTo(403);
    }
  }

  @Test
  void malformedSip_getsClearAnswersOrNone_linksNothing_andTheServiceKeepsServing() throws Exception {
    String code = autoprovd.code("alice", AutoprovServer.TENANT_A);
    autoprovd.fetch(FILE, UA);
    String deviceId = autoprovd.deviceIdByMac(MAC);
    var before = autoprovd.device(deviceId);

    try (var phone = new RawSipClient(autoprovd.sipPort)) {
      phone.send(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5}); // a TLS hello on the UDP port
      phone.send("INVITE sip:" + code + "@127.0.0.1 SIP/2.0\r\nVia: garbage\r\n\r\n");
      phone.send(phone.request("INVITE", "sip:" + code + "@127.0.0.1", "apx", "z9hG4bKm1", 1, "m1", "", "")
          .replace("Call-ID: m1\r\n", ""));
      SipResponse noCallId = phone.finalResponse();
      phone.send(phone.request("INVITE", "sip:" + code + "@127.0.0.1", "apx", "z9hG4bKm2", 1, "m2", "", "")
          .replace("Content-Length: 0", "Content-Length: 9999"));
      SipResponse tooLong = phone.finalResponse();
      phone.send(phone.request("OPTIONS", "sip:127.0.0.1", "apx", "z9hG4bKm3", 1, "m3", "", ""));
      SipResponse options = phone.finalResponse();

      assertThat(noCallId.status()).isEqualTo(400);
      assertThat(noCallId.reason()).contains("missing Call-ID");
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(options.status()).isEqualTo(200);
    }
    assertThat(autoprovd.device(deviceId)).isEqualTo(before);
  }

  /** INVITE, 401, ACK, INVITE with credentials; the final status and reason. */
  static String dial(RawSipClient phone, String user, String password, String code, int n) throws Exception {
    String uri = "sip:" + code + "@127.0.0.1";
    String callId = "flood-" + n;
    phone.send(phone.request("INVITE", uri, user, "z9hG4bKa" + n, 1, callId, "", ""));
    SipResponse challenge = phone.finalResponse();
    phone.send(ack(phone, challenge, uri, user, "z9hG4bKa" + n, callId, 1));
    var digest = Digest.answer(Digest.Challenge.parse(challenge.header("WWW-Authenticate").orElseThrow()), user,
        password, "INVITE", uri, "cn" + n);
    phone.send(phone.request("INVITE", uri, user, "z9hG4bKb" + n, 2, callId, "Authorization: " + digest + "\r\n", ""));
    SipResponse answer = phone.finalResponse();
    phone.send(ack(phone, answer, uri, user, "z9hG4bKb" + n, callId, 2));
    return answer.status() + " " + answer.reason();
  }

  static String ack(RawSipClient phone, SipResponse response, String uri, String user, String branch, String callId,
      long cseq) {
    return "ACK " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:" + user + "@autoprovd>;tag=from" + cseq + "\r\n"
        + "To: " + response.header("To").orElseThrow() + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " ACK\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  static int register(RawSipClient phone, String user, String password) throws Exception {
    String uri = "sip:127.0.0.1";
    phone.send(phone.request("REGISTER", uri, user, "z9hG4bKr1" + user, 1, "reg-" + user, "", ""));
    SipResponse challenge = phone.finalResponse();
    var digest = Digest.answer(Digest.Challenge.parse(challenge.header("WWW-Authenticate").orElseThrow()), user,
        password, "REGISTER", uri, "c1");
    phone.send(phone.request("REGISTER", uri, user, "z9hG4bKr2" + user, 2, "reg-" + user,
        "Authorization: " + digest + "\r\n", ""));
    return phone.finalResponse().status();
  }
}
