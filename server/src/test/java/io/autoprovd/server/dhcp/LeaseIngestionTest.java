package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.InMemoryDeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.provisioning.IdentifyStep;
import io.autoprovd.core.provisioning.Pipeline;
import io.autoprovd.core.provisioning.ProvisioningEvents;
import io.autoprovd.core.provisioning.ProvisioningPolicy;
import io.autoprovd.core.provisioning.Readiness;
import io.autoprovd.core.provisioning.ResolveStep;
import io.autoprovd.core.provisioning.UpdateStep;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.BundledPacks;
import io.autoprovd.store.DhcpLease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lease report does, on the in-memory stores with the bundled packs and the lease pipeline
 * as the server assembles it (Identify → OUI → Resolve → Update).
 */
class LeaseIngestionTest {
  static final Instant NOW = Instant.parse("2026-04-01T10:00:00Z");
  static final Mac YEALINK_MAC = Mac.parse("00:15:65:aa:bb:01");
  static final Mac LOCAL_MAC = Mac.parse("02:00:00:00:00:07");
  static final Map<String, Object> BASE = Map.of("http_base_url", "http://10.0.0.254:8667", "ip", "10.0.0.254",
      "http_port", 8667, "tftp_port", 69);

  @TempDir Path dir;
  final InMemoryDeviceStore devices = new InMemoryDeviceStore();
  final InMemoryConfigStore configs = new InMemoryConfigStore();
  final InMemoryDhcpLeaseStore leases = new InMemoryDhcpLeaseStore();
  final List<String> unclaimedSightings = new java.util.concurrent.CopyOnWriteArrayList<>();
  final ProvisioningEvents unclaimed = new ProvisioningEvents() {
    @Override
    public void unclaimed(io.autoprovd.core.provisioning.ProvisioningRequest request, io.autoprovd.core.device.DeviceInfo info) {
      unclaimedSightings.add(request.transport() + " " + info.ip() + " " + info.mac() + " "
          + request.header(io.autoprovd.core.provisioning.ProvisioningRequest.DHCP_VENDOR_CLASS).orElse("-"));
    }
  };
  PluginCatalog catalog;

  @BeforeEach
  void setUp() {
    BundledPacks.install(dir);
    catalog = new PluginCatalog(BundledPacks.loadInstalled(dir));
    StandardConfigs.all("10.0.0.254", 5060).forEach(configs::insert);
  }

  LeaseIngestion ingestion(ProvisioningPolicy policy) {
    var readiness = new Readiness(catalog, new ConfigMerger(configs::findById), () -> BASE);
    InstantSource clock = InstantSource.fixed(NOW);
    var pipeline = new Pipeline(List.of(
        new IdentifyStep(catalog),
        new OuiVendorStep(catalog),
        new ResolveStep(devices, policy, ProvisioningEvents.NONE, clock),
        new UpdateStep(devices, configs, catalog, readiness, new Autocreate(), policy, clock, id -> {})));
    return new LeaseIngestion(pipeline, devices, leases, unclaimed, clock);
  }

  LeaseIngestion.Outcome ingest(LeaseReport report) {
    return ingestion(ProvisioningPolicy.DEFAULT).ingest(report, "test");
  }

  static LeaseReport.Commit commit(String ip, Mac mac, String vendorClass) {
    return new LeaseReport.Commit(ip, mac, vendorClass == null ? Map.of() : Map.of(60, vendorClass));
  }

  @Test
  void aCommitWithYealinksVendorClass_createsTheDeviceByMac_withItsAddressVendorPluginAndAutoprovConfig() {
    // when a phone whose MAC says nothing sends Yealink's vendor class
    var outcome = ingest(commit("10.0.0.42", LOCAL_MAC, "yealink"));

    // then
    assertThat(outcome).isInstanceOf(LeaseIngestion.Outcome.Known.class);
    assertThat(((LeaseIngestion.Outcome.Known) outcome).created()).isTrue();
    assertThat(unclaimedSightings).isEmpty();
    Device device = devices.findByMac(LOCAL_MAC).orElseThrow();
    assertThat(device.ip()).isEqualTo("10.0.0.42");
    assertThat(device.vendor()).isEqualTo("Yealink");
    assertThat(device.plugin()).isEqualTo("yealink");
    assertThat(device.config()).startsWith("autoprov");
    assertThat(device.tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
    assertThat(device.isNew()).isTrue();
    assertThat(leases.findByIp("10.0.0.42")).contains(
        new DhcpLease("10.0.0.42", LOCAL_MAC, DhcpLease.Op.COMMIT, "yealink", NOW));
  }

  @Test
  void aCommitWithoutVendorClass_asKeaReportsIt_isRecognisedByTheMacPrefix() {
    // when
    var outcome = ingest(commit("10.0.0.43", YEALINK_MAC, null));

    // then
    assertThat(outcome).isInstanceOf(LeaseIngestion.Outcome.Known.class);
    assertThat(devices.findByMac(YEALINK_MAC)).hasValueSatisfying(d -> {
      assertThat(d.vendor()).isEqualTo("Yealink");
      assertThat(d.plugin()).isEqualTo("yealink");
      assertThat(d.ip()).isEqualTo("10.0.0.43");
    });
  }

  @Test
  void aCommitOfAVendorNoPackServes_createsNothing_butIsRecorded() {
    // when an Aastra (no Aastra pack is installed) and a laptop get their leases
    var aastra = ingest(commit("10.0.0.44", Mac.parse("00:08:5d:00:00:01"), null));
    var laptop = ingest(commit("10.0.0.45", Mac.parse("3c:22:fb:00:00:01"), "MSFT 5.0"));

    // then
    assertThat(aastra).isEqualTo(new LeaseIngestion.Outcome.Unclaimed(Mac.parse("00:08:5d:00:00:01")));
    assertThat(laptop).isInstanceOf(LeaseIngestion.Outcome.Unclaimed.class);
    assertThat(devices.count()).isZero();
    assertThat(leases.findByIp("10.0.0.45")).hasValueSatisfying(l -> assertThat(l.vendorClass()).isEqualTo("MSFT 5.0"));
    assertThat(unclaimedSightings).containsExactly(
        "DHCP 10.0.0.44 00:08:5d:00:00:01 -", "DHCP 10.0.0.45 3c:22:fb:00:00:01 MSFT 5.0");
  }

  @Test
  void withAutoCreationOff_aCommitOfAnUnknownPhone_createsNothing() {
    // when
    var outcome = ingestion(new ProvisioningPolicy(false, false, Duration.ofMinutes(1)))
        .ingest(commit("10.0.0.42", YEALINK_MAC, "yealink"), "test");

    // then
    assertThat(outcome).isInstanceOf(LeaseIngestion.Outcome.Unclaimed.class);
    assertThat(devices.count()).isZero();
  }

  @Test
  void aCommitOfAKnownDevice_movesItsAddress_andTakesTheAddressFromTheDeviceThatHadIt() {
    // given
    ingest(commit("10.0.0.42", YEALINK_MAC, "yealink"));
    ingest(commit("10.0.0.50", LOCAL_MAC, "yealink"));

    // when the first phone gets the second one's old address
    var outcome = ingest(commit("10.0.0.50", YEALINK_MAC, "yealink"));

    // then
    assertThat(((LeaseIngestion.Outcome.Known) outcome).created()).isFalse();
    assertThat(devices.findByMac(YEALINK_MAC).orElseThrow().ip()).isEqualTo("10.0.0.50");
    assertThat(devices.findByMac(LOCAL_MAC).orElseThrow().ip()).isNull();
    assertThat(devices.count()).isEqualTo(2);
  }

  @Test
  void aRelease_clearsTheAddressOfTheDeviceThatStillHoldsIt() {
    // given
    ingest(commit("10.0.0.42", YEALINK_MAC, "yealink"));

    // when
    var outcome = ingest(new LeaseReport.Release("10.0.0.42", YEALINK_MAC));

    // then
    assertThat(outcome).isInstanceOf(LeaseIngestion.Outcome.Cleared.class);
    assertThat(devices.findByMac(YEALINK_MAC).orElseThrow().ip()).isNull();
    assertThat(leases.findByIp("10.0.0.42")).hasValueSatisfying(l -> {
      assertThat(l.op()).isEqualTo(DhcpLease.Op.RELEASE);
      assertThat(l.vendorClass()).isEqualTo("yealink");
    });
  }

  @Test
  void anExpiryWithoutMac_clearsTheAddressOfTheDeviceTheCommitBeforeNamed() {
    // given
    ingest(commit("10.0.0.42", YEALINK_MAC, null));

    // when ISC reports the expiry with the address only
    var outcome = ingest(new LeaseReport.Expiry("10.0.0.42", null));

    // then
    assertThat(outcome).isInstanceOf(LeaseIngestion.Outcome.Cleared.class);
    assertThat(devices.findByMac(YEALINK_MAC).orElseThrow().ip()).isNull();
  }

  @Test
  void aLateRelease_leavesTheAddressTheDeviceHoldsNow() {
    // given the phone moved to another address before the old lease's release arrived
    ingest(commit("10.0.0.42", YEALINK_MAC, "yealink"));
    ingest(commit("10.0.0.60", YEALINK_MAC, "yealink"));

    // when
    var outcome = ingest(new LeaseReport.Release("10.0.0.42", YEALINK_MAC));

    // then
    assertThat(outcome).isInstanceOf(LeaseIngestion.Outcome.Recorded.class);
    assertThat(devices.findByMac(YEALINK_MAC).orElseThrow().ip()).isEqualTo("10.0.0.60");
  }

  @Test
  void anExpiryOfAnAddressNobodyReported_isOnlyRecorded() {
    // when
    var outcome = ingest(new LeaseReport.Expiry("10.0.0.99", null));

    // then
    assertThat(outcome).isEqualTo(new LeaseIngestion.Outcome.Recorded("no MAC known for 10.0.0.99"));
    assertThat(leases.findByIp("10.0.0.99")).isPresent();
  }

  @Test
  void aRelease_clearsOnlyTheAddress_keepingWhatElseWasChangedSince() {
    // given
    ingest(commit("10.0.0.42", YEALINK_MAC, "yealink"));
    Device stored = devices.findByMac(YEALINK_MAC).orElseThrow();
    assertThat(devices.update(stored.toBuilder().description("desk 4").build()))
        .isInstanceOf(DeviceStore.Update.Updated.class);

    // when
    ingest(new LeaseReport.Release("10.0.0.42", null));

    // then
    Device now = devices.findByMac(YEALINK_MAC).orElseThrow();
    assertThat(now.ip()).isNull();
    assertThat(now.description()).isEqualTo("desk 4");
  }
}
