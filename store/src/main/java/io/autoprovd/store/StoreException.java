package io.autoprovd.store;

import io.autoprovd.core.AutoprovdException;

/**
 * The database could not be reached or refused a statement for a reason no caller can act on (disk
 * full, pool exhausted, schema damaged). Expected outcomes (duplicate, stale revision, unknown id)
 * are values, never this exception.
 */
public class StoreException extends AutoprovdException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
