package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on the embedded store keeps every device and config, serves the same file, and does
 * not duplicate the standard configs or reinstall packs. (The same durability on PostgreSQL, and
 * SIGKILL during 1,000 writes on both stores, are the store module's StoreContract tests.)
 */
class RestartTest {
  @TempDir Path dataDir;
  // Port 0 binds another port each start; a fixed advertised URL keeps the rendered file comparable.
  private static final Map<String, String> FIXED_URL = Map.of("advertised.http_url", "http://192.0.2.1:8667");

  @Test
  void afterARestart_devicesConfigsAndServedFiles_areAllThere() throws Exception {
    byte[] before;
    List<Map<String, Object>> devicesBefore;
    String configsBefore;
    try (var server = TestServer.start(dataDir, FIXED_URL)) {
      server.fetch("/001565123456.cfg", TestServer.YEALINK_UA);
      server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of("id", "bob",
          "parent_ids", List.of("base"), "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", "1002"))))));
      before = server.fetch("/001565123456.cfg", TestServer.YEALINK_UA).body();
      devicesBefore = server.devices();
      configsBefore = server.rest("GET", "/0.2/cfg_mgr/configs", null).body();
    }

    try (var server = TestServer.start(dataDir, FIXED_URL)) {
      assertThat(server.devices()).isEqualTo(devicesBefore);
      assertThat(server.rest("GET", "/0.2/cfg_mgr/configs", null).body()).isEqualTo(configsBefore);
      assertThat(server.fetch("/001565123456.cfg", TestServer.YEALINK_UA).body()).isEqualTo(before);
    }
  }
}
