package io.autoprovd.server.cli;

/**
 * The exit codes of every {@code autoprovd} admin command, for scripts:
 *
 * <pre>
 * 0  ok
 * 1  server or network error (5xx, unreachable, an operation that failed or did not finish)
 * 2  usage (bad options; picocli's own code for them)
 * 3  not found (404, an unknown token id)
 * 4  rejected (400, 403, 409 and other 4xx: the request was understood and refused; invalid JSON)
 * 5  unauthorized (401: no token, a wrong, expired or revoked token, or an ACL it lacks)
 * </pre>
 */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int NOT_FOUND = 3;
  public static final int REJECTED = 4;
  public static final int UNAUTHORIZED = 5;

  private ExitCode() {}

  /** The exit code for an HTTP status. */
  public static int forStatus(int status) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    return switch (status) {
      case 401 -> UNAUTHORIZED;
      case 404 -> NOT_FOUND;
      default -> status >= 400 && status < 500 ? REJECTED : FAILURE;
    };
  }
}
