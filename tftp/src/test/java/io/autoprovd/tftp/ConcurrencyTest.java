package io.autoprovd.tftp;

import static io.autoprovd.tftp.TestFiles.loopbackSettings;
import static io.autoprovd.tftp.TestFiles.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  private static final int CLIENTS = 200;
  private static final Path OPEN_FILES = Path.of("/proc/self/fd");

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(OPEN_FILES)) {
      return fds.count();
    }
  }

  @Test
  void manySimultaneousTransfers_eachGetTheirOwnFile_andLeaveNoSocketBehind() throws Exception {
    assumeTrue(Files.isDirectory(OPEN_FILES), "needs /proc to count open sockets (Linux)");
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < CLIENTS; i++) {
      files.put("f" + i, randomBytes(1000 + i * 37));
    }
    try (TftpServer server = TftpServer.start(loopbackSettings(), FileSources.ofBytes(files))) {
      downloadAll(server, 16);
      // Measured after a first round: the JDK opens its socket pollers' descriptors once, lazily.
      long before = openFileDescriptors();

      List<Future<byte[]>> downloads = downloadAll(server, CLIENTS);

      for (int i = 0; i < CLIENTS; i++) {
        assertThat(downloads.get(i).get()).as("f" + i).isEqualTo(files.get("f" + i));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> server.check().activeTransfers() == 0);
      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(openFileDescriptors()).isLessThanOrEqualTo(before));
    }
  }

  private static List<Future<byte[]>> downloadAll(
      TftpServer server, int clients) {
    List<Future<byte[]>> downloads = new ArrayList<>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        String name = "f" + i;
        String[] options = i % 2 == 0
            ? new String[] {"blksize", "64", "windowsize", Integer.toString(1 + i % 8)}
            : new String[0];
        downloads.add(executor.submit(() -> {
          try (var client = new TestClient(server.localAddress())) {
            return client.download(name, options);
          }
        }));
      }
    }
    return downloads;
  }
}
