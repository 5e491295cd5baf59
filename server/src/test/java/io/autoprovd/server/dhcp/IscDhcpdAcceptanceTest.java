package io.autoprovd.server.dhcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real ISC dhcpd (package isc-dhcp-server) with its {@code on commit} / {@code on release} hooks,
 * which report the vendor class: these Yealinks have MACs of no vendor (locally administered), and
 * autoprovd knows them by the vendor class they send.
 */
class IscDhcpdAcceptanceTest extends DhcpAcceptance {
  @Override
  void assumeServerInstalled() {
    Peers.assumeInstalled("dhcpd", "isc-dhcp-server");
  }

  @Override
  String format() {
    return "isc";
  }

  @Override
  Map<String, String> serverParameters(Path serverDir) {
    return Map.of();
  }

  @Override
  void startServer(String configuration, Path serverDir) throws Exception {
    Path file = serverDir.resolve("dhcpd.conf");
    Files.writeString(file, configuration);
    Path leases = Files.createFile(serverDir.resolve("dhcpd.leases"));
    lab.startServer(List.of("dhcpd", "-4", "-f", "-d", "-cf", file.toString(), "-lf", leases.toString(),
        "-pf", serverDir.resolve("dhcpd.pid").toString(), "br0"), Map.of(), serverDir.resolve("dhcpd.log"),
        "Server starting service.");
  }

  @Override
  String yealinkOui() {
    return "02";
  }
}
