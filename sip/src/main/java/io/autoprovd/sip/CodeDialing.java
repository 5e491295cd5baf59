package io.autoprovd.sip;

import io.autoprovd.core.code.ClaimResult;

/**
 * What dialing a provisioning code does, supplied by the server: the claim itself, then the
 * resync once the phone's call is over. Thread-safe.
 */
public interface CodeDialing {

  /** Claims {@code code} for the device; called on the INVITE's own virtual thread, may block. */
  ClaimResult claim(String deviceId, String code);

  /**
   * The claim succeeded, the phone was answered and the call ended (BYE sent or given up): tell
   * the device to fetch its files again. Called on its own virtual thread.
   */
  void claimed(ClaimResult.Claimed result);
}
