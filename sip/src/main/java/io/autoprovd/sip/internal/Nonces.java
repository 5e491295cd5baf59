package io.autoprovd.sip.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces that need no memory: a nonce is its issue time and an HMAC of it under a key
 * drawn at start, so a flood of challenges stores nothing, and a nonce is checked by recomputing
 * it. A nonce older than its lifetime is stale (the client retries with a fresh one without asking
 * its user, RFC 2617 §3.2.1); one the server cannot verify (forged, or from before a restart) is
 * treated as stale too, never as a wrong password.
 */
public final class Nonces {
  public enum Check { VALID, STALE }

  private final SecretKeySpec key;
  private final Duration lifetime;
  private final InstantSource clock;

  public Nonces(Duration lifetime, InstantSource clock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public String issue() {
    long now = clock.millis();
    byte[] time = ByteBuffer.allocate(8).putLong(now).array();
    byte[] mac = mac(time);
    byte[] nonce = ByteBuffer.allocate(8 + 16).put(time).put(mac, 0, 16).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
  }

  public Check check(String nonce) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return Check.STALE;
    }
    if (raw.length != 24) {
      return Check.STALE;
    }
    byte[] time = java.util.Arrays.copyOf(raw, 8);
    byte[] expected = java.util.Arrays.copyOf(mac(time), 16);
    if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(raw, 8, 24))) {
      return Check.STALE;
    }
    Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(time).getLong());
    Instant now = clock.instant();
    return issued.isAfter(now) || issued.plus(lifetime).isBefore(now) ? Check.STALE : Check.VALID;
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
    }
  }
}
