package io.autoprovd.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.DeviceSync.SyncResult;
import io.autoprovd.server.code.AutoprovServer;
import io.autoprovd.sip.Sipp;
import io.autoprovd.sip.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategy 1 against a real SIP peer (SIPp), and the cases it must refuse. */
class DirectNotifyTest {
  @TempDir Path plugins;
  @TempDir Path sippDir;
  SyncFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new SyncFixture(plugins);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  Sipp.Run receiver(int port, String transport) throws Exception {
    return Sipp.start(sippDir, "receiver-" + transport, List.of("-sf",
        Sipp.scenario(sippDir, "phone-receive-notify.xml", Map.of("EVENT_REGEX", Sipp.quote("check-sync"))).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", transport, "-m", "1"));
  }

  @Test
  void overUdp_thePhoneGetsTheNotifyWithItsPluginsEvent_andTheResultIsSent() throws Exception {
    int port = AutoprovServer.freePort("127.0.0.1");
    var phone = receiver(port, "u1");
    Device device = f.phone("d1", "127.0.0.1", "1001");

    SyncResult result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.UDP, port).sync(device);

    assertThat(result).as(phone::logs).isInstanceOf(SyncResult.Sent.class);
    assertThat(((SyncResult.Sent) result).detail()).contains("NOTIFY check-sync to sip:1001@127.0.0.1:" + port)
        .contains("200 OK");
    assertThat(phone.exitCode()).as(phone::logs).isZero();
  }

  @Test
  void overTcp_thePhoneGetsTheNotify() throws Exception {
    int port = AutoprovServer.freePort("127.0.0.1");
    var phone = receiver(port, "t1");
    Device device = f.phone("d1", "127.0.0.1", "1001");
    // SIPp needs a moment to listen on TCP; a refused connection is reported, so retry a few times.
    SyncResult result = null;
    for (int i = 0; i < 50 && !(result instanceof SyncResult.Sent); i++) {
      result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.TCP, port).sync(device);
      if (!(result instanceof SyncResult.Sent)) {
        Thread.sleep(100);
      }
    }

    assertThat(result).as(phone::logs).isInstanceOf(SyncResult.Sent.class);
    assertThat(phone.exitCode()).as(phone::logs).isZero();
  }

  @Test
  void twoDevicesBehindOneNapt_areReportedAsIndistinguishable_andNothingIsSent() {
    Device first = f.phone("d1", "198.51.100.7", "1001");
    f.phone("d2", "198.51.100.7", "1002");

    SyncResult result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.UDP, 5060).sync(first);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(((SyncResult.Failed) result).reason()).contains("2 devices share the address 198.51.100.7 (NAPT)")
        .contains("cannot tell them apart");
  }

  @Test
  void aPhoneThatNeverAnswers_isAFailureAfterTheRetransmissions() {
    int port = AutoprovServer.freePort("127.0.0.1"); // nobody listens there
    Device device = f.phone("d1", "127.0.0.1", "1001");

    SyncResult result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.UDP, port).sync(device);

    assertThat(((SyncResult.Failed) result).reason()).contains("no response within 3200 ms");
  }

  @Test
  void aPhoneNotListeningOnTcp_isAConnectionFailure() {
    int port = AutoprovServer.freePort("127.0.0.1");
    Device device = f.phone("d1", "127.0.0.1", "1001");

    SyncResult result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.TCP, port).sync(device);

    assertThat(((SyncResult.Failed) result).reason()).contains("transport error").contains("cannot connect");
  }

  @Test
  void aDeviceWithoutAddress_orWithoutPlugin_isAFailureSayingWhy() {
    Device noAddress = f.devices.insertIfAbsent(Device.newBuilder("n1", Tenant.MASTER_UUID).plugin("yealink")
        .build()).device();
    Device noPlugin = f.devices.insertIfAbsent(Device.newBuilder("n2", Tenant.MASTER_UUID).ip("127.0.0.1")
        .build()).device();
    Device unknownPlugin = f.devices.insertIfAbsent(Device.newBuilder("n3", Tenant.MASTER_UUID).ip("127.0.0.2")
        .plugin("polycom-9").build()).device();
    var direct = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.UDP, 5060);

    assertThat(((SyncResult.Failed) direct.sync(noAddress)).reason()).contains("no known address");
    assertThat(((SyncResult.Failed) direct.sync(noPlugin)).reason()).contains("has no plugin");
    assertThat(((SyncResult.Failed) direct.sync(unknownPlugin)).reason()).contains("polycom-9").contains("not installed");
  }
}
