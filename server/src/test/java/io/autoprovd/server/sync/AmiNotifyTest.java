package io.autoprovd.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.server.app.DeviceSync.SyncResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategy 3 against an AMI speaker on a real TCP socket. */
class AmiNotifyTest {
  @TempDir Path plugins;
  SyncFixture f;
  FakeAmi ami;

  @BeforeEach
  void start() throws Exception {
    f = new SyncFixture(plugins);
    ami = new FakeAmi("autoprovd", "s3cret");
  }

  @AfterEach
  void stop() throws Exception {
    ami.close();
    f.close();
  }

  AmiNotify notify(String secret, boolean byUri) {
    return new AmiNotify(new AmiClient("127.0.0.1", ami.port(), "autoprovd", secret, Duration.ofSeconds(5)),
        f.targets, f.devices, byUri);
  }

  @Test
  void byEndpoint_asteriskIsAskedForAPjsipNotifyWithThePluginsEvent_afterLoggingIn() {
    Device device = f.phone("d1", "10.0.0.9", "1001");

    SyncResult result = notify("s3cret", false).sync(device);

    assertThat(result).isInstanceOf(SyncResult.Sent.class);
    assertThat(((SyncResult.Sent) result).detail()).contains("Endpoint 1001").contains("NOTIFY sent");
    assertThat(ami.actions).extracting(a -> FakeAmi.first(a, "Action")).containsExactly("Login", "PJSIPNotify", "Logoff");
    var notify = ami.actions.get(1);
    assertThat(notify.get("Endpoint")).containsExactly("1001");
    assertThat(notify.get("Variable")).containsExactly("Event=check-sync");
    assertThat(notify).doesNotContainKey("URI");
  }

  @Test
  void byUri_theDevicesAddressIsNamed() {
    Device device = f.phone("d1", "10.0.0.9", "1001");

    notify("s3cret", true).sync(device);

    assertThat(ami.actions.get(1).get("URI")).containsExactly("sip:anonymous@10.0.0.9");
  }

  @Test
  void byUri_anAddressSeveralDevicesShare_isRefusedWithoutAskingAsterisk() {
    Device device = f.phone("d1", "198.51.100.7", "1001");
    f.phone("d2", "198.51.100.7", "1002");

    SyncResult result = notify("s3cret", true).sync(device);

    assertThat(((SyncResult.Failed) result).reason()).contains("share the address 198.51.100.7");
    assertThat(ami.actions).isEmpty();
  }

  @Test
  void anAsteriskError_isAFailureWithItsMessage() {
    ami.notifyError = "Unable to retrieve endpoint 1001";
    Device device = f.phone("d1", "10.0.0.9", "1001");

    SyncResult result = notify("s3cret", false).sync(device);

    assertThat(((SyncResult.Failed) result).reason()).contains("Unable to retrieve endpoint 1001");
  }

  @Test
  void aRefusedLogin_isAFailure_andNoActionIsSent() {
    Device device = f.phone("d1", "10.0.0.9", "1001");

    SyncResult result = notify("wrong", false).sync(device);

    assertThat(((SyncResult.Failed) result).reason()).contains("login as autoprovd refused")
        .contains("Authentication failed");
    assertThat(ami.actions).extracting(a -> FakeAmi.first(a, "Action")).containsExactly("Login");
  }

  @Test
  void noManagerListening_isAFailure() throws Exception {
    int port = ami.port();
    ami.close();
    Device device = f.phone("d1", "10.0.0.9", "1001");

    SyncResult result = new AmiNotify(new AmiClient("127.0.0.1", port, "autoprovd", "s3cret", Duration.ofSeconds(2)),
        f.targets, f.devices, false).sync(device);

    assertThat(((SyncResult.Failed) result).reason()).startsWith("AMI 127.0.0.1:" + port);
  }

  @Test
  void aLineBreakInAField_neverReachesTheManager() {
    Device device = f.phone("d1", "10.0.0.9", "1001\r\nAction: Originate");

    SyncResult result = notify("s3cret", false).sync(device);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(ami.actions).extracting(a -> FakeAmi.first(a, "Action")).doesNotContain("Originate");
  }

  @Test
  void theClientKeepsNothing_soParallelSyncsEachLogIn() {
    var notify = notify("s3cret", false);
    var devices = List.of(f.phone("d1", "10.0.0.1", "1001"), f.phone("d2", "10.0.0.2", "1002"));

    devices.parallelStream().forEach(notify::sync);

    assertThat(ami.actions).filteredOn(a -> FakeAmi.first(a, "Action").equals("Login")).hasSize(2);
  }
}
