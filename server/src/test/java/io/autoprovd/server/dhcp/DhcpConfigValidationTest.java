package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated configuration as the real servers read it: {@code dhcpd -t} (isc-dhcp-server) and
 * {@code kea-dhcp4 -t} (kea-dhcp4-server), which also loads the run_script hook library. Skipped, naming the package, where a server is not installed.
 */
class DhcpConfigValidationTest {
  static final Path CONTRIB = Path.of("..", "contrib", "dhcp").toAbsolutePath().normalize();

  @TempDir Path dir;

  static String generate(String format, String tftpHost, String parameters) {
    var multi = new LinkedHashMap<String, List<String>>();
    multi.put("format", List.of(format));
    multi.put("hook_dir", List.of(CONTRIB.toString()));
    if (parameters != null) {
      for (String pair : parameters.split(" ")) {
        String[] kv = pair.split("=", 2);
        multi.put(kv[0], List.of(kv[1]));
      }
    }
    var parsed = DhcpConfigRequest.parse(multi);
    assertThat(parsed).isInstanceOf(DhcpConfigRequest.Parsed.Valid.class);
    var targets = new DhcpTargets("http://" + tftpHost + ":8667", tftpHost, 69);
    return DhcpConfigGenerator.generate(((DhcpConfigRequest.Parsed.Valid) parsed).request(), targets, null);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "10.0.0.254 | -",
      "10.0.0.254 | subnet=10.0.0.0/24 range=10.0.0.100-10.0.0.199 router=10.0.0.1 device=00:15:65:aa:bb:01",
      "10.0.0.254 | device=0c:38:3e:00:00:01",
      "prov.example.com | subnet=192.168.10.0/23 range=192.168.10.10-192.168.11.200 router=192.168.10.1"})
  void dhcpd_acceptsTheIscConfiguration(String tftpHost, String parameters) throws Exception {
    // given
    Peers.assumeInstalled("dhcpd", "isc-dhcp-server");
    Path file = dir.resolve("autoprovd.conf");
    Files.writeString(file, generate("isc", tftpHost, parameters));

    // when
    var result = Peers.run(List.of("dhcpd", "-4", "-t", "-cf", file.toString()));

    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "10.0.0.254 | -",
      "10.0.0.254 | subnet=10.0.0.0/24 range=10.0.0.100-10.0.0.199 router=10.0.0.1 device=00:15:65:aa:bb:01",
      "10.0.0.254 | device=0c:38:3e:00:00:01",
      "prov.example.com | subnet=192.168.10.0/23 range=192.168.10.10-192.168.11.200 router=192.168.10.1 interface=lo"})
  void kea_acceptsTheKeaConfiguration_andLoadsTheHookWithTheShippedScript(String tftpHost, String parameters)
      throws Exception {
    // given
    Peers.assumeInstalled("kea-dhcp4", "kea-dhcp4-server");
    Path file = dir.resolve("kea-dhcp4.conf");
    String config = generate("kea", tftpHost, (parameters == null ? "" : parameters + " ")
        + "lease_file=" + dir.resolve("leases.csv") + " kea_hooks_dir=" + Peers.keaHooksDir());
    Files.writeString(file, config);

    // when
    var result = Peers.run(List.of("kea-dhcp4", "-t", file.toString()), Peers.keaEnvironment(dir));

    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    // -t loads the hook libraries to check their parameters, then closes them
    assertThat(result.output()).contains("hooks library " + Peers.keaHooksDir() + "/libdhcp_run_script.so successfully closed");
  }
}
