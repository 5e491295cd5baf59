package io.autoprovd.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who a REST request acts as: the token's tenant and the ACLs it grants.
 *
 * @param subject a short name for logs (token id or user), never the token itself
 */
public record Principal(String subject, String tenantUuid, List<String> acls) {
  public Principal {
    Objects.requireNonNull(tenantUuid, "tenantUuid");
    acls = List.copyOf(acls);
  }

  /**
   * True if one of the granted ACLs matches {@code required} and no negative one ({@code !…})
   * does (wildcards as {@link Acl}). A negative ACL wins wherever it sits in the list.
   */
  public boolean allows(String required) {
    return acls.stream().noneMatch(granted -> Acl.denies(granted, required))
        && acls.stream().anyMatch(granted -> Acl.matches(granted, required));
  }
}
