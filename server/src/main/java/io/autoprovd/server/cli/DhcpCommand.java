package io.autoprovd.server.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code autoprovd dhcp …}: the site's DHCP server and autoprovd (docs/dhcp.md). */
@Command(name = "dhcp", mixinStandardHelpOptions = true,
    description = "Configure the site's DHCP server (ISC dhcpd or Kea) to point phones at autoprovd.",
    subcommands = {DhcpCommand.Config.class})
final class DhcpCommand extends GroupCommand {

  /** {@code autoprovd dhcp config}: {@code GET /0.2/dhcp/config}, printed as the server wrote it. */
  @Command(name = "config", mixinStandardHelpOptions = true,
      description = {
          "Print the DHCP configuration that points phones at this server: one class per vendor with the option it "
              + "reads (66, 67, 150, 43, 114, 160), the hooks that report leases to autoprovd, and optionally a "
              + "subnet and one phone's host declaration.",
          "The hooks need the scripts of contrib/dhcp installed in --hook-dir, with their dhcp-hook.conf."},
      footer = {"", "Examples:",
          "  autoprovd dhcp config --format isc > /etc/dhcp/autoprovd.conf",
          "  autoprovd dhcp config --format kea --subnet 10.0.0.0/24 --range 10.0.0.100-10.0.0.199 "
              + "--router 10.0.0.1 --interface eth1 -o /etc/kea/kea-dhcp4.conf",
          "  autoprovd dhcp config --format isc --device 00:15:65:12:34:56"})
  static final class Config extends ApiCommand {
    @Option(names = "--format", required = true, paramLabel = "isc|kea", description = "ISC dhcpd (an include file) or Kea (a whole kea-dhcp4 configuration).")
    String format;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "The phones' subnet, e.g. 10.0.0.0/24 (with --range and --router).")
    String subnet;

    @Option(names = "--range", paramLabel = "A-B", description = "Addresses handed out, e.g. 10.0.0.100-10.0.0.199.")
    String range;

    @Option(names = "--router", paramLabel = "IP", description = "The subnet's router.")
    String router;

    @Option(names = "--device", paramLabel = "MAC", description = "Add this phone's host declaration (its vendor's options, else option 66).")
    String device;

    @Option(names = "--hook-dir", paramLabel = "DIR",
        description = "Where contrib/dhcp's scripts are installed (default: /usr/local/lib/autoprovd/dhcp).")
    String hookDir;

    @Option(names = "--interface", paramLabel = "NAME", description = "Kea: an interface to serve (repeatable; default: *).")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "--lease-file", paramLabel = "FILE", description = "Kea: its lease file (default: /var/lib/kea/kea-leases4.csv).")
    String leaseFile;

    @Option(names = "--kea-hooks-dir", paramLabel = "DIR",
        description = "Kea: where libdhcp_run_script.so is (default: /usr/lib/x86_64-linux-gnu/kea/hooks).")
    String keaHooksDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path output;

    @Override
    int run(RestClient client) {
      var query = new ArrayList<String>();
      add(query, "format", format);
      add(query, "subnet", subnet);
      add(query, "range", range);
      add(query, "router", router);
      add(query, "device", device);
      add(query, "hook_dir", hookDir);
      interfaces.forEach(i -> add(query, "interface", i));
      add(query, "lease_file", leaseFile);
      add(query, "kea_hooks_dir", keaHooksDir);
      // The server checks the options and answers 400 naming each problem (exit code 4).
      String text = client.get("/0.2/dhcp/config?" + String.join("&", query)).body();
      if (output == null) {
        out().print(text);
        out().flush();
        return ExitCode.OK;
      }
      try {
        Files.writeString(output, text);
      } catch (IOException e) {
        throw new CliFailure(ExitCode.FAILURE, "cannot write " + output + ": " + e.getMessage());
      }
      return ExitCode.OK;
    }

    private static void add(List<String> query, String name, String value) {
      if (value != null) {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
  }
}
