package io.autoprovd.server.plugin;

import io.autoprovd.core.AutoprovdException;

/**
 * An install, upgrade or update that cannot go on: a download failed, a checksum differs, an
 * archive is unsafe, a pack does not load. The message says which, for the operation's failure
 * reason and the log; the installed state is left as it was.
 */
public final class InstallException extends AutoprovdException {
  public InstallException(String message) {
    super(message);
  }

  public InstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
