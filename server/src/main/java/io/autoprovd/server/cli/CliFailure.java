package io.autoprovd.server.cli;

/**
 * Why a command stops, and with which {@link ExitCode}. Thrown inside a command and turned into a
 * message on standard error and the exit code by {@link ApiCommand}; never escapes the CLI.
 */
final class CliFailure extends RuntimeException {
  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
