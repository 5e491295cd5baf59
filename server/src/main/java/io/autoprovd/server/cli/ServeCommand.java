package io.autoprovd.server.cli;

import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.server.settings.SettingsException;
import io.autoprovd.server.settings.SettingsLoader;
import java.net.BindException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code autoprovd serve}: starts every listener and runs until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the server (phone HTTP, TFTP, REST API). Settings: flags > environment > autoprovd.yml > defaults.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Settings file (default: <data-dir>/autoprovd.yml, then ./autoprovd.yml).")
  Path config;

  @Option(names = "--data-dir", description = "Data directory (default: ./data; env AUTOPROVD_DATA_DIR).")
  String dataDir;

  @Option(names = "--http-port", description = "Phone-facing HTTP port (default: 8667; env AUTOPROVD_HTTP_PORT).")
  Integer httpPort;

  @Option(names = "--tftp-port", description = "TFTP port (default: 69; env AUTOPROVD_TFTP_PORT).")
  Integer tftpPort;

  @Option(names = "--rest-port", description = "REST API port (default: 8666; env AUTOPROVD_REST_PORT).")
  Integer restPort;

  @Override
  public Integer call() {
    var flags = new LinkedHashMap<String, String>();
    if (dataDir != null) {
      flags.put("data_dir", dataDir);
    }
    if (httpPort != null) {
      flags.put("http.port", httpPort.toString());
    }
    if (tftpPort != null) {
      flags.put("tftp.port", tftpPort.toString());
    }
    if (restPort != null) {
      flags.put("rest.port", restPort.toString());
    }
    ServerSettings settings;
    try {
      settings = new SettingsLoader(System.getenv()).load(config, flags);
    } catch (SettingsException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try {
      Autoprovd server = Autoprovd.start(settings);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
      return 0;
    } catch (RuntimeException e) {
      System.err.println("autoprovd: " + explain(e, settings));
      return 1;
    }
  }

  private static String explain(RuntimeException e, ServerSettings settings) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Permission denied"))) {
        return e.getMessage() + "\n  A port below 1024 (TFTP uses 69) needs root or the CAP_NET_BIND_SERVICE "
            + "capability (setcap 'cap_net_bind_service=+ep' on the java binary), or choose another port: "
            + "--tftp-port 6969 (or AUTOPROVD_TFTP_PORT, or tftp.port in autoprovd.yml), and redirect 69 to it "
            + "with a firewall rule. A port already in use means another server (tftpd-hpa?) holds it.";
      }
    }
    return e.getMessage();
  }
}
