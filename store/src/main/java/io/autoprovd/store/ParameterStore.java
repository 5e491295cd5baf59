package io.autoprovd.store;

import java.util.Map;

/**
 * Server parameters set through the REST API ({@code /0.2/configure}): global ones, and per-tenant
 * ones such as {@code provisioning_key}. Values are text; an unset parameter has no value.
 *
 * <p>Thread-safe; a method returns after its write is durable. Infrastructure failures throw {@link
 * StoreException}; a duplicate provisioning key is a value.
 */
public interface ParameterStore {
  /** The scope of the parameters that belong to no tenant. */
  String GLOBAL = "";

  /** Every set parameter of a scope ({@link #GLOBAL} or a tenant UUID), by id. */
  Map<String, String> scope(String scope);

  /**
   * Sets ({@code value} non-null) or unsets ({@code null}) a parameter. A provisioning key that
   * another tenant already uses is refused and nothing is written.
   */
  Write put(String scope, String id, String value);

  /** The result of {@link #put}. */
  sealed interface Write {
    record Stored() implements Write {}

    /** The value is unique across tenants and another tenant holds it. */
    record Duplicate(String id) implements Write {}
  }
}
