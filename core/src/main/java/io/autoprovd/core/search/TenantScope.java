package io.autoprovd.core.search;

import java.util.Objects;
import java.util.Set;

/**
 * Which owners' objects a search may return: the request tenant's list (itself, or its subtree)
 * and, for configs, the shared ones that belong to no tenant. Kept apart from the client's
 * selector so that no selector can widen it.
 *
 * @param tenants the tenant UUIDs allowed; ignored when {@code unrestricted}
 * @param includeUnowned whether objects without a tenant (shared configs) are visible too
 */
public record TenantScope(boolean unrestricted, Set<String> tenants, boolean includeUnowned) {
  public static final TenantScope ALL = new TenantScope(true, Set.of(), true);

  public TenantScope {
    tenants = Set.copyOf(Objects.requireNonNull(tenants, "tenants"));
  }

  public static TenantScope of(Set<String> tenants, boolean includeUnowned) {
    return new TenantScope(false, tenants, includeUnowned);
  }

  /** True if an object owned by {@code tenantUuid} (null: shared) is in scope. */
  public boolean admits(String tenantUuid) {
    return unrestricted || (tenantUuid == null ? includeUnowned : tenants.contains(tenantUuid));
  }
}
