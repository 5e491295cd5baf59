package io.autoprovd.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The text of an API token and its hash. A token is 32 random bytes in unpadded base64url (43
 * characters, safe in a header, a URL path and a shell); the store keeps only the lower-case hex
 * SHA-256 of that text. A 256-bit random secret needs no salt or slow hash: nothing can be guessed
 * from the hash, and a fast hash keeps the per-request look-up cheap.
 */
public final class TokenSecret {
  private static final int BYTES = 32;

  private TokenSecret() {}

  /** A new token; {@code random} must be a cryptographically strong generator (SecureRandom). */
  public static String generate(RandomGenerator random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lower-case hex SHA-256 of the token's UTF-8 text: what the store keeps and looks up. */
  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
