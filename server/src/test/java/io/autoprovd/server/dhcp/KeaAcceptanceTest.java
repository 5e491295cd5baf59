package io.autoprovd.server.dhcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real Kea ({@code kea-dhcp4}, package kea-dhcp4-server) with its run_script hook. Kea reports no
 * client option to its hook, so autoprovd knows these Yealinks by their MAC prefix.
 */
class KeaAcceptanceTest extends DhcpAcceptance {
  @Override
  void assumeServerInstalled() {
    Peers.assumeInstalled("kea-dhcp4", "kea-dhcp4-server");
    Peers.keaHooksDir();
  }

  @Override
  String format() {
    return "kea";
  }

  @Override
  Map<String, String> serverParameters(Path serverDir) {
    return Map.of("interface", "br0", "lease_file", serverDir.resolve("kea-leases4.csv").toString(),
        "kea_hooks_dir", Peers.keaHooksDir());
  }

  @Override
  void startServer(String configuration, Path serverDir) throws Exception {
    Path file = serverDir.resolve("kea-dhcp4.conf");
    Files.writeString(file, configuration);
    lab.startServer(List.of("kea-dhcp4", "-c", file.toString()), Peers.keaEnvironment(serverDir),
        serverDir.resolve("kea.log"), "DHCP4_STARTED");
  }

  @Override
  String yealinkOui() {
    return "80:5e:c0";
  }
}
