package io.autoprovd.server.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code autoprovd devices reset ID}: back to autoprov with a fresh autoprov account; the device
 * keeps its tenant and the codes it held become free.
 */
@Command(name = "reset", description = "Reset a device to autoprov (new autoprov account, same tenant), then resync it.")
final class DeviceResetCommand extends ApiCommand {
  @Parameters(paramLabel = "ID", description = "The device.") String id;

  @Override
  int run(RestClient client) {
    var document = client.post("/0.2/dev_mgr/reset_autoprov", Map.of("id", id)).document();
    if (json()) {
      printJson(document);
    } else if (document.get("reset") instanceof Map<?, ?> r) {
      out().println("device " + r.get("device") + " reset to autoprov (config " + r.get("config") + ", tenant "
          + r.get("tenant_uuid") + ", codes freed: " + r.get("released_codes") + "); resync sent");
    }
    return ExitCode.OK;
  }
}
