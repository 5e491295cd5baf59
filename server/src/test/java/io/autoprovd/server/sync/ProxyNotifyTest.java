package io.autoprovd.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.server.app.DeviceSync.SyncResult;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.sip.Digest;
import io.autoprovd.sip.Responses;
import io.autoprovd.sip.SipParser;
import io.autoprovd.sip.SipRequest;
import io.autoprovd.sip.SipResponse;
import io.autoprovd.sip.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategy 2 against a proxy played by a UDP socket: the NOTIFY names the phone's address of
 * record, and a proxy that challenges gets Digest credentials once. (The real proxy, Kamailio,
 * routing through NAPT is {@code NaptResyncTest}.)
 */
class ProxyNotifyTest {
  @TempDir Path plugins;
  SyncFixture f;
  DatagramSocket proxy;

  @BeforeEach
  void start() throws Exception {
    f = new SyncFixture(plugins);
    proxy = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    proxy.setSoTimeout(5000);
  }

  @AfterEach
  void stop() {
    proxy.close();
    f.close();
  }

  record Received(SipRequest request, InetSocketAddress from) {}

  Received receive() throws Exception {
    byte[] buffer = new byte[65535];
    var packet = new DatagramPacket(buffer, buffer.length);
    proxy.receive(packet);
    var parsed = (SipParser.Parse.Parsed) SipParser.parse(Arrays.copyOf(buffer, packet.getLength()));
    return new Received((SipRequest) parsed.message(), (InetSocketAddress) packet.getSocketAddress());
  }

  void answer(Received to, SipResponse response) throws Exception {
    byte[] bytes = response.encode();
    proxy.send(new DatagramPacket(bytes, bytes.length, to.from()));
  }

  ProxyNotify strategy(String domain, String user, String password) {
    return new ProxyNotify(f.endpoint, f.targets,
        new ServerSettings.Sync.Proxy("127.0.0.1", proxy.getLocalPort(), domain, user, password), Transport.UDP);
  }

  @Test
  void theNotifyIsForTheLinesAddressOfRecord_andA2xxIsSuccess() throws Exception {
    Device device = f.phone("d1", "198.51.100.7", "1001");

    var result = CompletableFuture.supplyAsync(() -> strategy("", null, null).sync(device));
    Received notify = receive();
    answer(notify, Responses.to(notify.request(), 200, "OK", "p1"));

    assertThat(notify.request().method()).isEqualTo("NOTIFY");
    assertThat(notify.request().requestUri()).isEqualTo("sip:1001@pbx.example.com");
    assertThat(notify.request().to().uri().toString()).isEqualTo("sip:1001@pbx.example.com");
    assertThat(notify.request().header("Event")).contains("check-sync");
    assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(SyncResult.Sent.class);
  }

  @Test
  void aChallengingProxy_getsTheCredentialsOnce() throws Exception {
    Device device = f.phone("d1", "198.51.100.7", "1001");

    var result = CompletableFuture.supplyAsync(() -> strategy("sip.example.org", "autoprovd", "pw").sync(device));
    Received first = receive();
    SipResponse challenge = Responses.to(first.request(), 407, "Proxy Authentication Required", "p1");
    answer(first, challenge.withHeaders(challenge.headers().add("Proxy-Authenticate",
        new Digest.Challenge("sip.example.org", "n0nce", null, "MD5", "auth", false).toString())));
    Received second = receive();
    answer(second, Responses.to(second.request(), 200, "OK", "p1"));

    assertThat(first.request().requestUri()).isEqualTo("sip:1001@sip.example.org");
    var credentials = Digest.Credentials.parse(second.request().header("Proxy-Authorization").orElseThrow());
    assertThat(credentials.verify("NOTIFY", "pw")).isTrue();
    assertThat(second.request().cseq().number()).isEqualTo(first.request().cseq().number() + 1);
    assertThat(second.request().callId()).isEqualTo(first.request().callId());
    assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(SyncResult.Sent.class);
  }

  @Test
  void aPhoneTheProxyDoesNotKnow_isAFailureWithTheProxysAnswer() throws Exception {
    Device device = f.phone("d1", "198.51.100.7", "1001");

    var result = CompletableFuture.supplyAsync(() -> strategy("", null, null).sync(device));
    Received notify = receive();
    answer(notify, Responses.to(notify.request(), 404, "Not Found", "p1"));

    var failed = (SyncResult.Failed) result.get(10, TimeUnit.SECONDS);
    assertThat(failed.reason()).contains("sip:1001@pbx.example.com").contains("404 Not Found");
  }
}
