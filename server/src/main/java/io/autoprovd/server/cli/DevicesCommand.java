package io.autoprovd.server.cli;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code autoprovd devices …}: the device manager ({@code /0.2/dev_mgr}). */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List, show, add, edit, delete and resync devices.",
    subcommands = {DevicesCommand.ListDevices.class, DevicesCommand.Show.class, DevicesCommand.Add.class,
        DevicesCommand.Edit.class, DevicesCommand.Delete.class, DevicesCommand.Sync.class,
        DevicesCommand.Reconfigure.class, DeviceClaimCommand.class, DeviceResetCommand.class})
final class DevicesCommand extends GroupCommand {
  static final String DEVICES = "/0.2/dev_mgr/devices";

  static String device(String id) {
    return DEVICES + "/" + ApiCommand.segment(id);
  }

  /** The fields people set most; anything else through --set / --set-json / --data. */
  static final class Fields {
    @Option(names = "--mac", paramLabel = "MAC", description = "Its MAC address, aa:bb:cc:dd:ee:ff.") String mac;
    @Option(names = "--ip", paramLabel = "IP", description = "Its IPv4 address.") String ip;
    @Option(names = "--vendor", paramLabel = "VENDOR", description = "Its vendor (Yealink…).") String vendor;
    @Option(names = "--model", paramLabel = "MODEL", description = "Its model (T46S…).") String model;
    @Option(names = "--plugin", paramLabel = "PLUGIN", description = "The plugin pack that renders its files.") String plugin;
    @Option(names = "--config", paramLabel = "CONFIG", description = "The config it is provisioned from.") String config;
    @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description;

    boolean isEmpty() {
      return mac == null && ip == null && vendor == null && model == null && plugin == null && config == null
          && description == null;
    }

    void applyTo(Map<String, Object> device) {
      putIfSet(device, "mac", mac);
      putIfSet(device, "ip", ip);
      putIfSet(device, "vendor", vendor);
      putIfSet(device, "model", model);
      putIfSet(device, "plugin", plugin);
      putIfSet(device, "config", config);
      putIfSet(device, "description", description);
    }
  }

  static void putIfSet(Map<String, Object> document, String key, String value) {
    if (value != null) {
      document.put(key, value);
    }
  }

  @Command(name = "list", description = "List devices (a table; --json for the document).")
  static final class ListDevices extends ApiCommand {
    @Option(names = "--where", paramLabel = "FIELD=VALUE",
        description = "Only devices whose FIELD equals VALUE (the q selector); repeatable.")
    List<String> where = new ArrayList<>();

    @Option(names = "--recurse", description = "Include the sub-tenants' devices.")
    boolean recurse;

    @Override
    int run(RestClient client) {
      var query = new ArrayList<String>();
      if (!where.isEmpty()) {
        var selector = new LinkedHashMap<String, Object>();
        for (String condition : where) {
          int eq = condition.indexOf('=');
          if (eq <= 0) {
            throw new CliFailure(ExitCode.USAGE, "--where: expected FIELD=VALUE, got " + condition);
          }
          selector.put(condition.substring(0, eq), condition.substring(eq + 1));
        }
        query.add("q=" + segment(io.autoprovd.core.document.Documents.toJson(selector)));
      }
      if (recurse) {
        query.add("recurse=true");
      }
      var response = client.get(DEVICES + (query.isEmpty() ? "" : "?" + String.join("&", query)));
      var document = response.document();
      if (json()) {
        printJson(document);
        return ExitCode.OK;
      }
      var table = new Table("ID", "MAC", "IP", "VENDOR", "MODEL", "PLUGIN", "CONFIG", "CONFIGURED");
      for (Object item : document.get("devices") instanceof List<?> list ? list : List.of()) {
        if (item instanceof Map<?, ?> d) {
          table.row(d.get("id"), d.get("mac"), d.get("ip"), d.get("vendor"), d.get("model"), d.get("plugin"),
              d.get("config"), d.get("configured"));
        }
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "Show one device.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(RestClient client) {
      var document = client.get(device(id)).document();
      if (json()) {
        printJson(document);
      } else if (document.get("device") instanceof Map<?, ?> d) {
        @SuppressWarnings("unchecked")
        Map<String, ?> fields = (Map<String, ?>) d;
        printFlat(fields);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "add", description = "Add a device; prints its id.")
  static final class Add extends ApiCommand {
    @Option(names = "--id", paramLabel = "ID", description = "Its id (default: the server draws one).") String id;
    @Mixin Fields fields;
    @Mixin DocumentEdits edits;

    @Override
    int run(RestClient client) {
      Map<String, Object> device = edits.data(System.in);
      putIfSet(device, "id", id);
      fields.applyTo(device);
      edits.applyPaths(device);
      var created = client.post(DEVICES, Map.of("device", device)).document();
      if (json()) {
        printJson(created);
      } else {
        out().println(created.get("id"));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "edit", description = "Change some fields of a device (read, changed, written back whole).")
  static final class Edit extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;
    @Mixin Fields fields;
    @Mixin DocumentEdits edits;

    @Override
    @SuppressWarnings("unchecked")
    int run(RestClient client) {
      if (fields.isEmpty() && edits.isEmpty()) {
        throw new CliFailure(ExitCode.USAGE, "devices edit " + id + ": nothing to change (--mac, --config, --set…)");
      }
      var current = client.get(device(id)).document();
      if (!(current.get("device") instanceof Map<?, ?> stored)) {
        throw new CliFailure(ExitCode.FAILURE, "GET " + device(id) + ": no device in the answer");
      }
      // provd's PUT replaces the whole device: start from what is stored.
      Map<String, Object> device = io.autoprovd.core.document.Documents.mutableCopy((Map<String, Object>) stored);
      device.putAll(edits.data(System.in));
      fields.applyTo(device);
      edits.applyPaths(device);
      client.put(device(id), Map.of("device", device));
      if (!json()) {
        out().println("device " + id + " updated");
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "delete", description = "Delete a device.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(RestClient client) {
      client.delete(device(id));
      if (!json()) {
        out().println("device " + id + " deleted");
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "sync", description = "Tell a device to fetch its files again (SIP NOTIFY…) and follow the operation.")
  static final class Sync extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;
    @Mixin Waiting waiting;

    @Override
    int run(RestClient client) {
      var response = client.post("/0.2/dev_mgr/synchronize", Map.of("id", id));
      return waiting.follow(this, client, "synchronize " + id, location(response, "synchronize"));
    }
  }

  @Command(name = "reconfigure", description = "Render a device's files again from its config.")
  static final class Reconfigure extends ApiCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(RestClient client) {
      client.post("/0.2/dev_mgr/reconfigure", Map.of("id", id));
      if (!json()) {
        out().println("device " + id + " reconfigured");
      }
      return ExitCode.OK;
    }
  }

  /** Options of commands that start an asynchronous operation. */
  static final class Waiting {
    @Option(names = "--no-wait", description = "Print the operation's location and return without following it.")
    boolean noWait;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600",
        description = "Follow the operation at most this long (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    int follow(ApiCommand command, RestClient client, String what, String location) {
      if (noWait) {
        if (command.json()) {
          command.printJson(Map.of("location", location));
        } else {
          command.out().println(location);
        }
        return ExitCode.OK;
      }
      return new OperationWatch(client, command.out(), command.json(), Duration.ofSeconds(waitSeconds),
          InstantSource.system()).follow(what, location);
    }
  }
}
