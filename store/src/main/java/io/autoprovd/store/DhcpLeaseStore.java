package io.autoprovd.store;

import java.util.Optional;

/**
 * The lease events reported by the site's DHCP server, one record per address: the latest event
 * replaces the one before.
 *
 * <p>Thread-safe; a method returns after its write is durable. Infrastructure failures throw {@link
 * StoreException}.
 */
public interface DhcpLeaseStore {

  /**
   * Stores {@code event} as the latest event of its address and returns what is stored now. A
   * null MAC keeps the MAC known for that address; only a commit sets the vendor class, so an
   * expiry or release keeps the one of the commit before.
   */
  DhcpLease record(DhcpLease event);

  Optional<DhcpLease> findByIp(String ip);
}
