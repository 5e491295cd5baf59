package io.autoprovd.server.cli;

import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code autoprovd plugins …}: the plugin manager ({@code /0.2/pg_mgr/install}). */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List, install, upgrade and uninstall plugin packs; update the list of installable ones.",
    subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Install.class, PluginsCommand.Upgrade.class,
        PluginsCommand.Update.class, PluginsCommand.Uninstall.class})
final class PluginsCommand extends GroupCommand {
  static final String INSTALL = "/0.2/pg_mgr/install";

  @Command(name = "list", description = "List installed plugin packs, or with --installable those the plugin server offers.")
  static final class ListPlugins extends ApiCommand {
    @Option(names = "--installable", description = "List what can be installed (run 'plugins update' first).")
    boolean installable;

    @Override
    int run(RestClient client) {
      var document = client.get(INSTALL + (installable ? "/installable" : "/installed")).document();
      if (json()) {
        printJson(document);
        return ExitCode.OK;
      }
      var table = installable ? new Table("ID", "VERSION", "SIZE", "DESCRIPTION") : new Table("ID", "VERSION", "DESCRIPTION");
      var pkgs = document.get("pkgs") instanceof Map<?, ?> m ? new TreeMap<>(m) : new TreeMap<>();
      pkgs.forEach((id, info) -> {
        Map<?, ?> i = info instanceof Map<?, ?> map ? map : Map.of();
        if (installable) {
          table.row(id, i.get("version"), i.get("dsize"), i.get("description"));
        } else {
          table.row(id, i.get("version"), i.get("description"));
        }
      });
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "install", description = "Install a plugin pack from the plugin server and follow the operation.")
  static final class Install extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;
    @Mixin DevicesCommand.Waiting waiting;

    @Override
    int run(RestClient client) {
      var response = client.post(INSTALL + "/install", Map.of("id", id));
      return waiting.follow(this, client, "install " + id, location(response, "install"));
    }
  }

  @Command(name = "upgrade", description = "Upgrade an installed plugin pack to the plugin server's version.")
  static final class Upgrade extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;
    @Mixin DevicesCommand.Waiting waiting;

    @Override
    int run(RestClient client) {
      var response = client.post(INSTALL + "/upgrade", Map.of("id", id));
      return waiting.follow(this, client, "upgrade " + id, location(response, "upgrade"));
    }
  }

  @Command(name = "update", description = "Fetch the plugin server's list of installable plugin packs.")
  static final class Update extends ApiCommand {
    @Mixin DevicesCommand.Waiting waiting;

    @Override
    int run(RestClient client) {
      var response = client.post(INSTALL + "/update", Map.of());
      return waiting.follow(this, client, "update", location(response, "update"));
    }
  }

  @Command(name = "uninstall", description = "Uninstall a plugin pack.")
  static final class Uninstall extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(RestClient client) {
      client.post(INSTALL + "/uninstall", Map.of("id", id));
      if (!json()) {
        out().println("plugin " + id + " uninstalled");
      }
      return ExitCode.OK;
    }
  }
}
