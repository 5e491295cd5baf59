package io.autoprovd.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.server.app.DeviceSync.SyncResult;
import io.autoprovd.server.code.AutoprovServer;
import io.autoprovd.sip.Sipp;
import io.autoprovd.sip.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 7, "the right sync event": a synchronize of a device of each bundled pack reaches a real
 * SIP peer (SIPp) as a NOTIFY whose Event header is the one its vendor documents (vendors.md §1).
 * The expected values are written here, not read from the packs, so a pack that changes its event
 * fails this test. A Linphone has no resync event (docs/vendors/linphone.md): its synchronize fails
 * and says why, and nothing is sent.
 */
class EveryPacksSyncEventTest {
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

  @ParameterizedTest(name = "{0} {1}: Event {2}")
  @CsvSource(delimiter = '|', value = {
      "yealink     | T46S         | check-sync",
      "snom        | D785         | check-sync;reboot=false",
      "snom-dect   | M900         | check-sync;reboot=true",
      "polycom     | VVX450       | check-sync",
      "cisco-mpp   | 8841         | check-sync",
      "cisco-ata   | ATA191       | check-sync",
      "grandstream | GXP2170      | check-sync",
      "fanvil      | X4U          | check-sync",
      "gigaset     | N870 IP PRO  | check-sync",
      "htek        | UC926        | check-sync"})
  void aSynchronize_sendsTheVendorsEvent(String plugin, String model, String event) throws Exception {
    int port = AutoprovServer.freePort("127.0.0.1");
    var phone = Sipp.start(sippDir, "receiver-" + plugin, List.of("-sf",
        Sipp.scenario(sippDir, "phone-receive-notify.xml", Map.of("EVENT_REGEX", Sipp.quote(event))).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", "u1", "-m", "1"));
    Device device = f.phone("d-" + plugin, "127.0.0.1", "1001", plugin, model);

    SyncResult result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.UDP, port).sync(device);

    assertThat(result).as(phone::logs).isInstanceOf(SyncResult.Sent.class);
    assertThat(((SyncResult.Sent) result).detail()).contains("NOTIFY " + event + " to sip:1001@127.0.0.1:" + port);
    assertThat(phone.exitCode()).as(phone::logs).isZero();
  }

  @org.junit.jupiter.api.Test
  void aSoftphoneWithoutResync_isNotSentANotify_andTheFailureSaysWhy() {
    Device device = f.phone("d-linphone", "127.0.0.1", "1001", "linphone", "Linphone");

    SyncResult result = new DirectNotify(f.endpoint, f.targets, f.devices, Transport.UDP, 5060).sync(device);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(((SyncResult.Failed) result).reason()).contains("plugin linphone has no resync");
  }
}
