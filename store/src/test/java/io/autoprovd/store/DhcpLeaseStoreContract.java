package io.autoprovd.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Mac;
import io.autoprovd.store.DhcpLease.Op;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DhcpLeaseStore} does: the latest event of each address, durable across a reopen. */
abstract class DhcpLeaseStoreContract {
  static final Mac MAC = Mac.parse("00:15:65:aa:bb:01");
  static final Instant T0 = Instant.parse("2026-04-01T10:00:00.123456Z");

  Store store;
  DhcpLeaseStore leases;

  protected abstract StoreSettings settings();

  @BeforeEach
  void open() {
    store = Store.open(settings());
    leases = store.dhcpLeases();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aCommit_isStoredAndFoundByItsAddress_toTheMillisecond() {
    // when
    DhcpLease stored = leases.record(new DhcpLease("10.0.0.42", MAC, Op.COMMIT, "yealink", T0));

    // then
    var expected = new DhcpLease("10.0.0.42", MAC, Op.COMMIT, "yealink", Instant.parse("2026-04-01T10:00:00.123Z"));
    assertThat(stored).isEqualTo(expected);
    assertThat(leases.findByIp("10.0.0.42")).contains(expected);
    assertThat(leases.findByIp("10.0.0.43")).isEmpty();
  }

  @Test
  void aReleaseWithoutMac_keepsTheMacAndVendorClassOfTheCommitBefore() {
    // given
    leases.record(new DhcpLease("10.0.0.42", MAC, Op.COMMIT, "yealink", T0));

    // when
    DhcpLease stored = leases.record(new DhcpLease("10.0.0.42", null, Op.EXPIRY, null, T0.plusSeconds(60)));

    // then
    assertThat(stored.mac()).isEqualTo(MAC);
    assertThat(stored.vendorClass()).isEqualTo("yealink");
    assertThat(stored.op()).isEqualTo(Op.EXPIRY);
    assertThat(stored.at()).isEqualTo(T0.plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void aCommitOfTheAddressToAnotherClient_replacesMacAndVendorClass() {
    // given
    leases.record(new DhcpLease("10.0.0.42", MAC, Op.COMMIT, "yealink", T0));
    Mac other = Mac.parse("02:00:00:00:00:09");

    // when
    DhcpLease stored = leases.record(new DhcpLease("10.0.0.42", other, Op.COMMIT, null, T0.plusSeconds(1)));

    // then
    assertThat(stored.mac()).isEqualTo(other);
    assertThat(stored.vendorClass()).isNull();
  }

  @Test
  void reopening_keepsTheLatestEvent() {
    // given
    leases.record(new DhcpLease("10.0.0.42", MAC, Op.RELEASE, null, T0));
    store.close();

    // when
    store = Store.open(settings());

    // then
    assertThat(store.dhcpLeases().findByIp("10.0.0.42")).hasValueSatisfying(l -> assertThat(l.op()).isEqualTo(Op.RELEASE));
  }
}
