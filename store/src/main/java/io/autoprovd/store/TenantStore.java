package io.autoprovd.store;

import io.autoprovd.core.tenant.Tenant;
import java.util.List;
import java.util.Optional;

/**
 * Where tenants live. The master tenant ({@link Tenant#MASTER}) exists from the first start: a
 * migration inserts it.
 *
 * <p>Thread-safe; a method returns after its write is durable. Infrastructure failures throw {@link
 * StoreException}; a duplicate is a value.
 */
public interface TenantStore {

  Optional<Tenant> findById(String uuid);

  /** Every tenant, ordered by UUID. Tenants are few. */
  List<Tenant> list();

  /** False if a tenant with that UUID exists (nothing is written). */
  boolean insert(Tenant tenant);
}
