package io.autoprovd.server.settings;

import io.autoprovd.core.AutoprovdException;
import java.util.List;

/** Settings that cannot be used; lists every problem at once. */
public final class SettingsException extends AutoprovdException {
  private final List<String> problems;

  public SettingsException(List<String> problems) {
    super("invalid settings:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
