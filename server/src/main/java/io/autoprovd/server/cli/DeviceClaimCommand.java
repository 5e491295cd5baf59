package io.autoprovd.server.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code autoprovd devices claim ID CODE}: what dialing the code from the phone does, over REST
 * (for a PBX dialplan, or by hand). The device is linked to the code's line, moves to its tenant
 * if it is still new, and is told to resync.
 */
@Command(name = "claim", description = "Link a device in autoprov to the line of a provisioning code, then resync it.")
final class DeviceClaimCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The device.") String id;
  @Parameters(index = "1", paramLabel = "CODE", description = "The provisioning code.") String code;

  @Override
  int run(RestClient client) {
    var document = client.post("/0.2/dev_mgr/claim", Map.of("id", id, "code", code)).document();
    if (json()) {
      printJson(document);
    } else if (document.get("claim") instanceof Map<?, ?> c) {
      out().println("device " + c.get("device") + ": line " + c.get("line") + " from code " + c.get("code")
          + " (config " + c.get("config") + ", tenant " + c.get("tenant_uuid")
          + (Boolean.TRUE.equals(c.get("tenant_moved")) ? ", moved" : "") + "); resync sent");
    }
    return ExitCode.OK;
  }
}
