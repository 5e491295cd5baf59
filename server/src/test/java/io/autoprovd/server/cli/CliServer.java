package io.autoprovd.server.cli;

import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.auth.AdminToken;
import io.autoprovd.server.settings.SettingsLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real server (REST only, ephemeral port) over a temporary data directory, for CLI tests. */
final class CliServer implements AutoCloseable {
  final Autoprovd server;
  final Path dataDir;

  private CliServer(Autoprovd server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  static CliServer start(Path dataDir) {
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    flags.put("http.enabled", "false");
    flags.put("tftp.enabled", "false");
    flags.put("rest.port", "0");
    flags.put("rest.bind", "127.0.0.1");
    flags.put("advertised.host", "127.0.0.1");
    return new CliServer(Autoprovd.start(new SettingsLoader(Map.of()).load(null, flags)), dataDir);
  }

  String url() {
    return "http://127.0.0.1:" + server.restPort();
  }

  String adminToken() throws IOException {
    return AdminToken.read(AdminToken.file(dataDir));
  }

  @Override
  public void close() {
    server.close();
  }
}
