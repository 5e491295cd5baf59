package io.autoprovd.server.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code autoprovd codes}: provisioning codes (docs/sip-and-codes.md). A code is attached to a line
 * config; dialing it from a phone in autoprov, or {@code autoprovd devices claim}, links the
 * phone to that line.
 */
@Command(name = "codes", mixinStandardHelpOptions = true, description = "List, create and revoke provisioning codes.",
    subcommands = {CodesCommand.ListCodes.class, CodesCommand.Create.class, CodesCommand.Revoke.class})
final class CodesCommand extends GroupCommand {
  static final String CODES = "/0.2/code_mgr/codes";

  @Command(name = "list", description = "List the codes of the tenant (a table; --json for the document).")
  static final class ListCodes extends ApiCommand {
    @Option(names = "--recurse", description = "Include the sub-tenants' codes.")
    boolean recurse;

    @Override
    int run(RestClient client) {
      var document = client.get(CODES + (recurse ? "?recurse=true" : "")).document();
      if (json()) {
        printJson(document);
        return ExitCode.OK;
      }
      var table = new Table("CODE", "CONFIG", "TENANT", "CLAIMED BY", "CLAIMED AT");
      for (Object item : document.get("codes") instanceof List<?> list ? list : List.of()) {
        if (item instanceof Map<?, ?> c) {
          table.row(c.get("code"), c.get("config"), c.get("tenant_uuid"), c.get("claimed_by"), c.get("claimed_at"));
        }
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "create", description = "Give a line config a provisioning code; prints the code.")
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "CONFIG", description = "The line config (its line 1 is what the code hands out).")
    String config;

    @Option(names = "--code", paramLabel = "DIGITS", description = "The code to use (default: random, sip.code_length digits).")
    String code;

    @Override
    int run(RestClient client) {
      var doc = new LinkedHashMap<String, Object>();
      doc.put("config", config);
      if (code != null) {
        doc.put("code", code);
      }
      var created = client.post(CODES, Map.of("code", doc)).document();
      if (json()) {
        printJson(created);
      } else if (created.get("code") instanceof Map<?, ?> c) {
        out().println(c.get("code"));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "revoke", description = "Delete a code (a device it linked stays linked).")
  static final class Revoke extends ApiCommand {
    @Parameters(paramLabel = "CODE") String code;

    @Override
    int run(RestClient client) {
      client.delete(CODES + "/" + segment(code));
      if (!json()) {
        out().println("code " + code + " revoked");
      }
      return ExitCode.OK;
    }
  }
}
