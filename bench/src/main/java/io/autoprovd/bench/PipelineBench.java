package io.autoprovd.bench;

import io.autoprovd.core.device.Mac;
import io.autoprovd.core.provisioning.Delivery;
import io.autoprovd.core.provisioning.Pipeline;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import io.autoprovd.core.provisioning.Transport;
import io.autoprovd.server.app.Autoprovd;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The phone pipeline's hot path in-process, no sockets: a known phone fetches its own
 * {@code <mac>.cfg} (guard → identify → resolve on SQLite → update, nothing to write → serve from
 * the render cache). {@code subset} phones took first contact in the setup and are fetched in turn;
 * {@code stored} is how many devices the store holds (the rest are filler rows).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar PipelineBench -p stored=1000,100000
 * </pre>
 *
 * The pipeline is wired as {@code Autoprovd.start} wires it, except that events go nowhere: the
 * security log's INFO line per sensitive file is measured by the HTTP scenario, not here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PipelineBench {
  @Param("1000")
  int stored;

  @Param("1000")
  int subset;

  private Autoprovd server;
  private Pipeline pipeline;
  private ProvisioningRequest[] requests;
  private Mac[] macs;

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void setUp() {
    server = Fleet.start(Fleet.tempDir("jmh"),
        Map.of("http.enabled", "false", "tftp.enabled", "false", "rest.enabled", "false"));
    pipeline = server.pipeline();
    Fleet.insertDirectly(server, subset, stored, 8);
    requests = new ProvisioningRequest[subset];
    macs = new Mac[subset];
    for (int i = 0; i < subset; i++) {
      macs[i] = Mac.parse(Fleet.mac(i));
      requests[i] = new ProvisioningRequest("jmh" + i, Transport.HTTP, Fleet.ip(i), "/" + Fleet.file(i),
          Map.of("user-agent", Fleet.userAgent(i)), Instant.now());
    }
    Fleet.forEach(0, subset, 8, i -> {
      if (!(pipeline.handle(requests[i]) instanceof Delivery.Content)) {
        throw new IllegalStateException("first contact of " + Fleet.file(i) + " served no content");
      }
    });
  }

  @TearDown
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public Delivery fetchKnownPhone(Cursor cursor) {
    int i = cursor.next;
    cursor.next = i + 1 == requests.length ? 0 : i + 1;
    return pipeline.handle(requests[i]);
  }

  /** The store read every fetch makes (resolve by MAC), alone: SQLite, Jdbi and the row's JSON columns. */
  @Benchmark
  public Object findByMac(Cursor cursor) {
    int i = cursor.next;
    cursor.next = i + 1 == macs.length ? 0 : i + 1;
    return server.store().devices().findByMac(macs[i]);
  }
}
