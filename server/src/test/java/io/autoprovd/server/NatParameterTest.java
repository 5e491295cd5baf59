package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NAT parameter (provd-rest-api.md §8.6) changes the phone path while the server runs: outside
 * NAT mode an address belongs to one device at a time (identification.md §10); in NAT mode several
 * phones share one (here, loopback).
 */
class NatParameterTest {
  static final String FIRST = "Yealink SIP-T46S 66.86.0.15 00:15:65:00:00:01";
  static final String SECOND = "Yealink SIP-T46S 66.86.0.15 00:15:65:00:00:02";

  @TempDir Path dataDir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private long devicesAt(String ip) throws Exception {
    return server.devices().stream().filter(d -> ip.equals(d.get("ip"))).count();
  }

  @Test
  void outsideNatMode_theAddressMovesToTheLastPhone_inNatMode_everyPhoneKeepsIt() throws Exception {
    assertThat(server.fetch("/001565000001.cfg", FIRST).statusCode()).isEqualTo(200);
    assertThat(server.fetch("/001565000002.cfg", SECOND).statusCode()).isEqualTo(200);
    assertThat(devicesAt("127.0.0.1")).isEqualTo(1);

    var put = server.rest("PUT", "/0.2/configure/NAT", Map.of("param", Map.of("value", "1")));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    assertThat(server.fetch("/001565000001.cfg", FIRST).statusCode()).isEqualTo(200);
    assertThat(server.fetch("/001565000002.cfg", SECOND).statusCode()).isEqualTo(200);

    assertThat(devicesAt("127.0.0.1")).isEqualTo(2);
  }
}
