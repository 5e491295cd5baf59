package io.autoprovd.core.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API token as it is stored: never the token itself, only the SHA-256 of it. Whoever presents a
 * token whose hash is {@link #hash} acts in {@link #tenantUuid} with the ACLs {@link #acls}.
 *
 * @param id a public handle (listed, used to revoke); reveals nothing about the token
 * @param hash lower-case hex SHA-256 of the token's text
 * @param acls wazo-auth ACL strings ({@code provd.#}, {@code provd.dev_mgr.devices.*.read}, a
 *     leading {@code !} to deny)
 * @param description free text, or null
 * @param createdAt truncated to milliseconds, the precision every store keeps
 * @param expiresAt null for a token that never expires; truncated to milliseconds
 */
public record ApiToken(String id, String hash, String tenantUuid, List<String> acls, String name,
    String description, Instant createdAt, Instant expiresAt) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  // Dot-separated non-empty segments without blanks; the wildcards * and # are ordinary segments.
  private static final Pattern ACL = Pattern.compile("!?[^.\\s]+(\\.[^.\\s]+)*");
  public static final int MAX_NAME = 64;
  public static final int MAX_DESCRIPTION = 512;
  public static final int MAX_ACLS = 256;

  public ApiToken {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: must be 1 to 64 of [A-Za-z0-9_-], got " + id);
    }
    Objects.requireNonNull(hash, "hash");
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash: must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(tenantUuid, "tenantUuid");
    if (tenantUuid.isBlank()) {
      throw new IllegalArgumentException("tenantUuid: must not be blank");
    }
    acls = checkAcls(acls);
    name = checkName(name);
    if (description != null && (description.length() > MAX_DESCRIPTION || hasControl(description))) {
      throw new IllegalArgumentException("description: at most " + MAX_DESCRIPTION + " characters, no control characters");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    if (expiresAt != null) {
      expiresAt = expiresAt.truncatedTo(ChronoUnit.MILLIS);
      if (!expiresAt.isAfter(createdAt)) {
        throw new IllegalArgumentException("expiresAt: must be after createdAt " + createdAt + ", got " + expiresAt);
      }
    }
  }

  /** The ACL list, checked: at least one, each a dotted ACL string; throws naming the bad one. */
  public static List<String> checkAcls(List<String> acls) {
    Objects.requireNonNull(acls, "acls");
    if (acls.isEmpty()) {
      throw new IllegalArgumentException("acls: at least one ACL is needed (provd.# grants everything)");
    }
    if (acls.size() > MAX_ACLS) {
      throw new IllegalArgumentException("acls: at most " + MAX_ACLS + ", got " + acls.size());
    }
    for (String acl : acls) {
      if (acl == null || acl.length() > 512 || !ACL.matcher(acl).matches()) {
        throw new IllegalArgumentException("acls: not an ACL (dot-separated words, * and # as wildcards, "
            + "a leading ! to deny): " + acl);
      }
    }
    return List.copyOf(acls);
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    String stripped = name.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_NAME || hasControl(stripped)) {
      throw new IllegalArgumentException("name: 1 to " + MAX_NAME + " characters, no control characters, got \""
          + name + "\"");
    }
    return stripped;
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  /** True once {@code now} has reached the expiry; a token without expiry never expires. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
