package io.autoprovd.server.dhcp;

import io.autoprovd.store.DhcpLease;
import io.autoprovd.store.DhcpLeaseStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link DhcpLeaseStore} in a map, with the SQL stores' merge rules; for unit tests. */
final class InMemoryDhcpLeaseStore implements DhcpLeaseStore {
  private final ConcurrentHashMap<String, DhcpLease> byIp = new ConcurrentHashMap<>();

  @Override
  public DhcpLease record(DhcpLease event) {
    return byIp.merge(event.ip(), event, (old, now) -> new DhcpLease(now.ip(),
        now.mac() != null ? now.mac() : old.mac(), now.op(),
        now.op() == DhcpLease.Op.COMMIT ? now.vendorClass() : old.vendorClass(), now.at()));
  }

  @Override
  public Optional<DhcpLease> findByIp(String ip) {
    return Optional.ofNullable(byIp.get(ip));
  }
}
