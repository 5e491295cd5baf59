package io.autoprovd.server.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code autoprovd parameters …}: server parameters ({@code /0.2/configure}). */
@Command(name = "parameters", mixinStandardHelpOptions = true,
    description = "List, read and set server parameters (plugin_server, proxies, locale, NAT, provisioning_key).",
    subcommands = {ParametersCommand.ListParameters.class, ParametersCommand.Get.class, ParametersCommand.Set.class})
final class ParametersCommand extends GroupCommand {
  static final String CONFIGURE = "/0.2/configure";

  @Command(name = "list", description = "List parameters with their values.")
  static final class ListParameters extends ApiCommand {
    @Override
    int run(RestClient client) {
      var document = client.get(CONFIGURE).document();
      if (json()) {
        printJson(document);
        return ExitCode.OK;
      }
      var table = new Table("ID", "VALUE", "DESCRIPTION");
      for (Object item : document.get("params") instanceof List<?> list ? list : List.of()) {
        if (item instanceof Map<?, ?> p) {
          table.row(p.get("id"), p.get("value"), p.get("description"));
        }
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "get", description = "Print a parameter's value (nothing when it is not set).")
  static final class Get extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(RestClient client) {
      var document = client.get(CONFIGURE + "/" + segment(id)).document();
      if (json()) {
        printJson(document);
      } else if (document.get("param") instanceof Map<?, ?> param && param.get("value") != null) {
        out().println(param.get("value"));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "set", description = "Set a parameter, or unset it with --unset.")
  static final class Set extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1") String value;
    @Option(names = "--unset", description = "Remove the value (the parameter's default applies).") boolean unset;

    @Override
    int run(RestClient client) {
      if (unset == (value != null)) {
        throw new CliFailure(ExitCode.USAGE, "parameters set " + id + ": give a VALUE, or --unset");
      }
      // provd /0.2: values are strings (NAT too: "0" or "1"); null unsets.
      var param = new HashMap<String, Object>();
      param.put("value", value);
      client.put(CONFIGURE + "/" + segment(id), Map.of("param", param));
      if (!json()) {
        out().println(id + (unset ? " unset" : " set"));
      }
      return ExitCode.OK;
    }
  }
}
