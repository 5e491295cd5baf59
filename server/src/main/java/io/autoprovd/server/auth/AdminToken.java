package io.autoprovd.server.auth;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.core.token.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-start admin token: master tenant, ACL {@code provd.#}, written to {@code
 * <data-dir>/admin-token} readable by its owner only, so that whoever can read the data directory
 * (the service account, root) can use the API and the CLI at once. An existing file is kept; if
 * its token no longer works (revoked, or a different database), a warning says how to get a new
 * one. The token itself is never logged.
 */
public final class AdminToken {
  private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
  public static final String FILE_NAME = "admin-token";
  public static final List<String> ACLS = List.of("provd.#");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private AdminToken() {}

  /** The admin token's file in {@code dataDir}; it holds the token and a final newline. */
  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /**
   * Makes sure {@code <dataDir>/admin-token} exists: issues and writes a token if it does not.
   *
   * @return the file
   */
  public static Path ensure(Path dataDir, TokenStore store, InstantSource clock) {
    Path file = file(dataDir).toAbsolutePath();
    if (Files.exists(file)) {
      checkStillValid(file, store, clock);
      return file;
    }
    var issuer = new TokenIssuer(store, clock);
    var issue = issuer.issue(new NewToken(Tenant.MASTER_UUID, ACLS, "admin", "created at first start, in " + file,
        null));
    switch (issue) {
      case TokenIssuer.Issue.Refused refused ->
          throw new IllegalStateException("cannot create the admin token: " + refused.why());
      case TokenIssuer.Issue.Issued issued -> {
        if (write(file, issued.secret())) {
          LOG.info("admin API token (master tenant, provd.#) written to {}, readable by its owner only; "
              + "the CLI reads it from there", file);
        } else {
          // Another process wrote the file first: keep its token, drop ours.
          store.revoke(issued.token().id());
          LOG.info("admin API token: {} (kept)", file);
        }
      }
    }
    return file;
  }

  /** The token in the file, without its line end; empty text if the file is empty. */
  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  /**
   * Writes through a temporary file created with mode 0600 (the permissions are set at creation:
   * no moment exists when the token is readable by others), then moves it into place. False if
   * the file appeared meanwhile.
   */
  private static boolean write(Path file, String secret) {
    Path tmp = file.resolveSibling("." + FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          ownerOnly(tmp))) {
        channel.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(tmp, file); // without REPLACE_EXISTING: never overwrites a token someone holds
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin token to " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", tmp, e.getMessage());
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path tmp) {
    if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }
    LOG.warn("{} is not on a POSIX file system: restrict who may read the admin token yourself", tmp.getParent());
    return new FileAttribute<?>[0];
  }

  private static void checkStillValid(Path file, TokenStore store, InstantSource clock) {
    String token;
    try {
      token = read(file);
    } catch (IOException e) {
      LOG.warn("admin API token: cannot read {}: {}", file, e.getMessage());
      return;
    }
    boolean valid = !token.isEmpty() && store.findByHash(TokenSecret.hash(token))
        .filter(t -> !t.isExpiredAt(clock.instant())).isPresent();
    if (valid) {
      LOG.info("admin API token: {} (kept)", file);
    } else {
      LOG.warn("admin API token: {} holds no valid token for this database (revoked, expired, or issued by "
          + "another database); delete the file and restart to get a new one", file);
    }
  }
}
