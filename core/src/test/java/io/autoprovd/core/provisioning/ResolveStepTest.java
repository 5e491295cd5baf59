package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.InMemoryDeviceStore;
import io.autoprovd.core.tenant.Tenant;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** identification.md §10: outside NAT mode, a device is found by its address only if it may be the same phone. */
class ResolveStepTest {
  final InMemoryDeviceStore devices = new InMemoryDeviceStore();
  final ResolveStep step = new ResolveStep(devices, ProvisioningPolicy.DEFAULT, ProvisioningEvents.NONE, Clock.systemUTC());

  static DeviceInfo info(String sn, String uuid, String ip) {
    return new DeviceInfo(null, sn, uuid, "Linphone", "Linphone", null, ip);
  }

  @Test
  void twoSoftphonesBehindOneAddress_areToldApartByTheirUuid() {
    // given: a configured Linphone at 192.0.2.7
    devices.insertIfAbsent(Device.newBuilder("alice", Tenant.MASTER_UUID).uuid("aaaa").vendor("Linphone")
        .model("Linphone").ip("192.0.2.7").build());

    // when / then: another client at that address is not Alice's device (it would get her passwords)
    assertThat(step.find(info(null, "bbbb", "192.0.2.7"))).isEmpty();
    assertThat(step.find(info("SN-2", null, "192.0.2.7"))).map(Device::id).contains("alice");
    assertThat(step.find(info(null, null, "192.0.2.7"))).map(Device::id).contains("alice");
    assertThat(step.find(info(null, "aaaa", "198.51.100.1"))).map(Device::id).contains("alice");
  }

  @Test
  void aDeviceWithAnotherSerial_isNotFoundByAddress() {
    devices.insertIfAbsent(Device.newBuilder("ata", Tenant.MASTER_UUID).sn("SN-1").ip("192.0.2.8").build());

    assertThat(step.find(info("SN-2", null, "192.0.2.8"))).isEmpty();
    assertThat(step.find(info("SN-1", null, "10.0.0.1"))).map(Device::id).contains("ata");
  }
}
