package io.autoprovd.core.code;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where provisioning codes live. Implementations: {@link InMemoryCodeStore} here, SQLite and
 * PostgreSQL in the {@code store} module, all passing one contract suite.
 *
 * <p>Thread-safe. A method returns after its write is durable. Claiming is compare-and-set, so of
 * two devices claiming one code at once exactly one wins. Infrastructure failures throw {@code
 * StoreException}; a duplicate code or a lost race is a value.
 */
public interface CodeStore {

  Optional<ProvisioningCode> find(String code);

  /** Every code, ordered by code. */
  List<ProvisioningCode> list();

  /** The codes of one line config (indexed). */
  List<ProvisioningCode> findByConfig(String configId);

  /** The codes a device holds (indexed). */
  List<ProvisioningCode> findByClaimant(String deviceId);

  /**
   * Inserts the code: {@link Insertion.Duplicate} if the code exists anywhere on the server, {@link
   * Insertion.LineTaken} if its line config already has one (a line carries one code).
   */
  Insertion insert(ProvisioningCode code);

  /**
   * Records that {@code deviceId} claimed the code, if its claimant is still {@code
   * expectedClaimant} (null: unclaimed). Empty if the code is gone or someone else changed it first.
   */
  Optional<ProvisioningCode> claim(String code, String expectedClaimant, String deviceId, Instant at);

  /** Frees the code if {@code deviceId} holds it; true if it did. */
  boolean release(String code, String deviceId);

  /** Deletes the code; true if it existed. The line stays linked to a device that claimed it. */
  boolean revoke(String code);

  /** The result of {@link #insert}. */
  sealed interface Insertion {
    record Inserted(ProvisioningCode code) implements Insertion {}

    /** The code is taken, by this or another line. */
    record Duplicate(String code) implements Insertion {}

    /** The line config already carries {@code existing}. */
    record LineTaken(ProvisioningCode existing) implements Insertion {}
  }
}
