package io.autoprovd.tftp;

import static io.autoprovd.tftp.TestFiles.loopbackSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class RoundTripPropertyTest {

  private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static TftpServer server;

  @BeforeContainer
  static void startServer() {
    server = TftpServer.start(loopbackSettings(), request -> {
      byte[] content = FILES.get(request.filename());
      return content == null
          ? new FileSource.Result.NotFound("file not found")
          : FileSource.Result.Found.of(content);
    });
  }

  @AfterContainer
  static void stopServer() {
    server.close();
  }

  @Property(tries = 60)
  void anyContentArrivesIntact_atAnyBlockAndWindowSize(
      @ForAll @Size(max = 6000) byte[] content,
      @ForAll @IntRange(min = 8, max = 2048) int blockSize,
      @ForAll @IntRange(min = 1, max = 32) int windowSize) {
    String name = "file-" + NAMES.incrementAndGet();
    FILES.put(name, content);

    byte[] received;
    try (var client = new TestClient(server.localAddress())) {
      received = client.download(name,
          "blksize", Integer.toString(blockSize), "windowsize", Integer.toString(windowSize));
    } finally {
      FILES.remove(name);
    }

    assertThat(received).isEqualTo(content);
  }
}
