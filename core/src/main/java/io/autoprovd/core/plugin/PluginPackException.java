package io.autoprovd.core.plugin;

import io.autoprovd.core.AutoprovdException;

/** A plugin pack that cannot be loaded; the message names the pack and the field. */
public final class PluginPackException extends AutoprovdException {
  public PluginPackException(String message) {
    super(message);
  }

  public PluginPackException(String message, Throwable cause) {
    super(message, cause);
  }
}
