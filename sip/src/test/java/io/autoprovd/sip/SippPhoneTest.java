package io.autoprovd.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.code.ClaimResult;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIP user agent (SIPp) against the autoprov service: Digest as SIPp computes it, ACK and
 * BYE as SIPp matches them, and the resync NOTIFY sent through the phone's registration, whose
 * Event header the receiving SIPp checks.
 */
class SippPhoneTest {
  static final String USER = "apk2m7x9q4rt";
  static final String PASSWORD = "u7hgf3kd9s2mzq8wepv4";

  @TempDir Path dir;
  final List<String> claims = new CopyOnWriteArrayList<>();
  final CompletableFuture<ClientResult> notified = new CompletableFuture<>();
  BiFunction<String, String, ClaimResult> claimAnswer = AutoprovServiceTest::claimed;
  Registrar registrar;
  SipEndpoint endpoint;

  @BeforeEach
  void start() throws IOException {
    Sipp.binary();
    registrar = Registrar.withDefaults(InstantSource.system());
    AccountDirectory accounts = u -> u.equals(USER)
        ? Optional.of(new AccountDirectory.Account(USER, PASSWORD, "device-7")) : Optional.empty();
    var holder = new SipEndpoint[1];
    CodeDialing dialing = new CodeDialing() {
      @Override
      public ClaimResult claim(String deviceId, String code) {
        claims.add(deviceId + ":" + code);
        return claimAnswer.apply(deviceId, code);
      }

      @Override
      public void claimed(ClaimResult.Claimed result) {
        var binding = registrar.bindingOf(result.device().id()).orElseThrow();
        var notify = Notify.resync(binding.contact(), SipUri.of(binding.user(), "127.0.0.1", -1), "check-sync",
            holder[0].sentBy());
        notified.complete(holder[0].send(notify, binding.target()));
      }
    };
    endpoint = SipEndpoint.start(SipSettings.defaults("127.0.0.1").withBind("127.0.0.1").withPort(0),
        new AutoprovService(accounts, dialing, registrar, "autoprovd", InstantSource.system()), Scheduler.system());
    holder[0] = endpoint;
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  /** SIPp expands a keyword inside an injection field, not inside another keyword. */
  static String auth(String password) {
    return "[authentication username=" + USER + " password=" + password + "]";
  }

  static int freeUdpPort() throws IOException {
    try (var s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  /** For a SIPp over TCP: a port free on UDP may be a TCP connection's (a flaky "Address already in use"). */
  static int freeTcpPort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aPhoneRegistersAndDialsItsCode_isAnswered_andItsNotifyReceiverGetsCheckSync() throws Exception {
    int notifyPort = freeUdpPort();
    var receiver = Sipp.start(dir, "receiver", List.of("-sf",
        Sipp.scenario(dir, "phone-receive-notify.xml", Map.of("EVENT_REGEX", Sipp.quote("check-sync"))).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(notifyPort), "-m", "1"));
    var phone = Sipp.start(dir, "phone", List.of("127.0.0.1:" + endpoint.port(),
        "-sf", Sipp.scenario(dir, "phone-register-dial.xml", Map.of()).toString(),
        "-inf", Sipp.injection(dir, "phone.csv", USER, auth(PASSWORD), "123456", Integer.toString(notifyPort)).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-m", "1"));

    assertThat(phone.exitCode()).as(phone::logs).isZero();
    assertThat(receiver.exitCode()).as(receiver::logs).isZero();
    assertThat(claims).containsExactly("device-7:123456");
    assertThat(notified.get(10, TimeUnit.SECONDS).describe()).isEqualTo("200 OK");
  }

  @Test
  void aPhoneDialingAnUnknownCode_gets404() throws Exception {
    claimAnswer = (device, code) -> new ClaimResult.UnknownCode(code);

    var phone = Sipp.start(dir, "phone", List.of("127.0.0.1:" + endpoint.port(),
        "-sf", Sipp.scenario(dir, "phone-dial-expect.xml", Map.of("EXPECTED", "404")).toString(),
        "-inf", Sipp.injection(dir, "phone.csv", USER, auth(PASSWORD), "000000", "404").toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-m", "1"));

    assertThat(phone.exitCode()).as(phone::logs).isZero();
    assertThat(claims).containsExactly("device-7:000000");
  }

  @Test
  void aPhoneWithAWrongPassword_isForbidden_andClaimsNothing() throws Exception {
    var phone = Sipp.start(dir, "phone", List.of("127.0.0.1:" + endpoint.port(),
        "-sf", Sipp.scenario(dir, "phone-dial-expect.xml", Map.of("EXPECTED", "403")).toString(),
        "-inf", Sipp.injection(dir, "phone.csv", USER, auth("not-my-password"), "123456", "403").toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-m", "1"));

    assertThat(phone.exitCode()).as(phone::logs).isZero();
    assertThat(claims).isEmpty();
  }

  @Test
  void overTcp_thePhoneRegistersDialsAndIsAnswered_overItsOwnConnection() throws Exception {
    var phone = Sipp.start(dir, "phone", List.of("127.0.0.1:" + endpoint.port(), "-t", "t1",
        "-sf", Sipp.scenario(dir, "phone-register-dial.xml", Map.of()).toString(),
        "-inf", Sipp.injection(dir, "phone.csv", USER, auth(PASSWORD), "123456", "5999").toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(freeTcpPort()), "-m", "1"));

    assertThat(phone.exitCode()).as(phone::logs).isZero();
    assertThat(claims).containsExactly("device-7:123456");
    assertThat(registrar.bindingOf("device-7").orElseThrow().target().transport()).isEqualTo(Transport.TCP);
  }
}
