package io.autoprovd.store;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore.Insertion;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.tenant.Tenant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of the crash tests: inserts {@value #DEVICES} devices one by one and prints {@code
 * committed <id>} after each insert has returned, so the parent knows which writes the store
 * promised were durable before it kills this process with SIGKILL.
 *
 * <p>Arguments: data directory, JDBC URL and user name, each {@code -} when absent.
 */
public final class CrashingWriter {
  static final int DEVICES = 1_000;
  private static final String COMMITTED = "committed ";

  private CrashingWriter() {}

  public static void main(String[] args) {
    StoreSettings settings = new StoreSettings(
        args[0].equals("-") ? null : Path.of(args[0]),
        arg(args[1]), arg(args[2]), null, 2);
    try (Store store = Store.open(settings)) {
      for (int i = 0; i < DEVICES; i++) {
        Device device = Device.newBuilder("crash-%04d".formatted(i), Tenant.MASTER_UUID)
            .mac(Mac.parse("%012x".formatted(0x0004f2000000L + i)))
            .extra(Map.of("X_seq", i))
            .build();
        if (store.devices().insertIfAbsent(device) instanceof Insertion.Inserted inserted) {
          System.out.println(COMMITTED + inserted.device().id());
          System.out.flush();
        }
      }
    }
  }

  private static String arg(String value) {
    return value.equals("-") ? null : value;
  }

  /** Starts the child on this JVM's class path; its stderr goes to {@code log}. */
  static Process start(StoreSettings settings, Path log) throws IOException {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        // A short-lived child: start fast rather than run fast.
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        CrashingWriter.class.getName(),
        settings.dataDir() == null ? "-" : settings.dataDir().toString(),
        settings.jdbcUrl() == null ? "-" : settings.jdbcUrl(),
        settings.username() == null ? "-" : settings.username());
    return new ProcessBuilder(command)
        .redirectError(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  /**
   * Reads the ids the child reported committed until there are {@code count}; fewer when it ended
   * first.
   */
  static List<String> awaitCommitted(Process child, int count) throws IOException {
    var ids = new ArrayList<String>();
    var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while (ids.size() < count && (line = out.readLine()) != null) {
      if (line.startsWith(COMMITTED)) {
        ids.add(line.substring(COMMITTED.length()));
      }
    }
    return ids;
  }

  static String log(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
