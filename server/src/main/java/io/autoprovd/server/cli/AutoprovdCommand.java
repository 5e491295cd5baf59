package io.autoprovd.server.cli;

import picocli.CommandLine.Command;

/** {@code autoprovd}: the server and its administration. */
@Command(name = "autoprovd", mixinStandardHelpOptions = true, version = "autoprovd 0.1.0",
    description = "Auto-provisioning server for SIP phones, DECT bases, ATAs and softphones.",
    subcommands = {ServeCommand.class, PluginCommand.class})
public final class AutoprovdCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code serve} returns once the listeners are up; the JVM must then stay alive. */
  public static boolean keepsRunning(String[] args) {
    return args.length > 0 && args[0].equals("serve");
  }
}
