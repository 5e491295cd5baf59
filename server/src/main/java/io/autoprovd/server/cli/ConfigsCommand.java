package io.autoprovd.server.cli;

import io.autoprovd.core.document.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code autoprovd configs …}: the config manager ({@code /0.2/cfg_mgr}). */
@Command(name = "configs", mixinStandardHelpOptions = true,
    description = "List, show, add, edit and delete configs; show a config's merged raw config.",
    subcommands = {ConfigsCommand.ListConfigs.class, ConfigsCommand.Show.class, ConfigsCommand.Add.class,
        ConfigsCommand.Edit.class, ConfigsCommand.Delete.class, ConfigsCommand.Raw.class})
final class ConfigsCommand extends GroupCommand {
  static final String CONFIGS = "/0.2/cfg_mgr/configs";

  static String config(String id) {
    return CONFIGS + "/" + ApiCommand.segment(id);
  }

  @Command(name = "list", description = "List configs (a table; --json for the document).")
  static final class ListConfigs extends ApiCommand {
    @Override
    int run(RestClient client) {
      var document = client.get(CONFIGS).document();
      if (json()) {
        printJson(document);
        return ExitCode.OK;
      }
      var table = new Table("ID", "PARENTS", "ROLE", "DELETABLE", "TRANSIENT");
      for (Object item : document.get("configs") instanceof List<?> list ? list : List.of()) {
        if (item instanceof Map<?, ?> c) {
          table.row(c.get("id"), c.get("parent_ids") instanceof List<?> parents && !parents.isEmpty()
              ? String.join(",", parents.stream().map(String::valueOf).toList()) : null,
              c.get("role"), c.get("deletable"), c.get("transient"));
        }
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "Show one config as stored (its own layer).")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    @SuppressWarnings("unchecked")
    int run(RestClient client) {
      var document = client.get(config(id)).document();
      if (json()) {
        printJson(document);
      } else if (document.get("config") instanceof Map<?, ?> c) {
        printFlat((Map<String, ?>) c);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "raw", description = "Show a config's raw config merged with its parents: what plugins render.")
  static final class Raw extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    @SuppressWarnings("unchecked")
    int run(RestClient client) {
      var document = client.get(config(id) + "/raw").document();
      if (json()) {
        printJson(document);
      } else if (document.get("raw_config") instanceof Map<?, ?> raw) {
        printFlat((Map<String, ?>) raw);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "add", description = "Add a config; prints its id. parent_ids and raw_config default to empty.")
  static final class Add extends ApiCommand {
    @Option(names = "--id", paramLabel = "ID", description = "Its id (default: the server draws one).") String id;

    @Option(names = "--parent", paramLabel = "ID", description = "A parent config, in order; repeatable.")
    List<String> parents = new ArrayList<>();

    @Mixin DocumentEdits edits;

    @Override
    int run(RestClient client) {
      Map<String, Object> config = edits.data(System.in);
      DevicesCommand.putIfSet(config, "id", id);
      if (!parents.isEmpty()) {
        config.put("parent_ids", List.copyOf(parents));
      }
      config.putIfAbsent("parent_ids", List.of());
      config.putIfAbsent("raw_config", new java.util.LinkedHashMap<String, Object>());
      edits.applyPaths(config);
      var created = client.post(CONFIGS, Map.of("config", config)).document();
      if (json()) {
        printJson(created);
      } else {
        out().println(created.get("id"));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "edit", description = "Change some fields of a config (read, changed, written back whole).")
  static final class Edit extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Option(names = "--parent", paramLabel = "ID", description = "Replace the parents with these, in order; repeatable.")
    List<String> parents = new ArrayList<>();

    @Mixin DocumentEdits edits;

    @Override
    @SuppressWarnings("unchecked")
    int run(RestClient client) {
      if (parents.isEmpty() && edits.isEmpty()) {
        throw new CliFailure(ExitCode.USAGE, "configs edit " + id + ": nothing to change (--parent, --set…)");
      }
      var current = client.get(config(id)).document();
      if (!(current.get("config") instanceof Map<?, ?> stored)) {
        throw new CliFailure(ExitCode.FAILURE, "GET " + config(id) + ": no config in the answer");
      }
      // provd's PUT replaces the whole config: start from what is stored.
      Map<String, Object> config = Documents.mutableCopy((Map<String, Object>) stored);
      config.putAll(edits.data(System.in));
      if (!parents.isEmpty()) {
        config.put("parent_ids", List.copyOf(parents));
      }
      edits.applyPaths(config);
      client.put(config(id), Map.of("config", config));
      if (!json()) {
        out().println("config " + id + " updated");
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "delete", description = "Delete a config.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(RestClient client) {
      client.delete(config(id));
      if (!json()) {
        out().println("config " + id + " deleted");
      }
      return ExitCode.OK;
    }
  }
}
