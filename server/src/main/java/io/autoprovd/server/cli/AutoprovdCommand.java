package io.autoprovd.server.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code autoprovd}: the server and its administration. Admin commands talk to a running server's
 * REST API ({@code --url}, {@code --token}), except {@code tokens}, which works on the database
 * itself. Exit codes: {@link ExitCode}.
 */
@Command(name = "autoprovd", mixinStandardHelpOptions = true, version = "autoprovd 0.1.0",
    description = "Auto-provisioning server for SIP phones, DECT bases, ATAs and softphones.",
    subcommands = {ServeCommand.class, PluginCommand.class, DevicesCommand.class, ConfigsCommand.class,
        PluginsCommand.class, ParametersCommand.class, TokensCommand.class, CodesCommand.class, DhcpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:server or network error", "2:usage", "3:not found", "4:rejected (400, 403, 409)",
        "5:unauthorized (401)"})
public final class AutoprovdCommand implements Runnable {
  private final Map<String, String> env;

  public AutoprovdCommand() {
    this(System.getenv());
  }

  /** @param env the environment the commands read ({@code AUTOPROVD_URL}, {@code AUTOPROVD_TOKEN}…) */
  public AutoprovdCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code serve} returns once the listeners are up; the JVM must then stay alive. */
  public static boolean keepsRunning(String[] args) {
    return args.length > 0 && args[0].equals("serve");
  }

  /** The environment of the command line {@code spec} belongs to (the process's, unless a test gave one). */
  static Map<String, String> environment(CommandSpec spec) {
    return spec.root().userObject() instanceof AutoprovdCommand root ? root.env : System.getenv();
  }
}
