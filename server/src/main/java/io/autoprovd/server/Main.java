package io.autoprovd.server;

import io.autoprovd.server.cli.AutoprovdCommand;
import picocli.CommandLine;

/** Entry point of the {@code autoprovd} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = new CommandLine(new AutoprovdCommand()).execute(args);
    if (code != 0 || !AutoprovdCommand.keepsRunning(args)) {
      System.exit(code);
    }
  }
}
