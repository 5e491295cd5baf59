package io.autoprovd.bench;

import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.auth.AdminToken;
import io.autoprovd.tftp.FileSources;
import io.autoprovd.tftp.TftpServer;
import io.autoprovd.tftp.TftpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Load scenarios against a real server on loopback; see docs/benchmarks.md and bench/run.sh.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.autoprovd.bench.Scenarios COMMAND [--key value ...]
 *   http         10,000 phones stored, wrk fetches rotating over all of them (--devices --seconds --runs)
 *   tftp         2 KiB over TFTP, 64 concurrent clients: standalone server, then a rendered phone file
 *   tftp-window  10 MiB, blksize 1428, lock-step vs windowsize 16 (--mib --delays-us --runs)
 *   fleet        fetches over 1,000 phones with 1,000 vs 100,000 stored (--sizes --subset --seconds --runs)
 *   rest         REST: create 10,000 devices one by one, then list 100,000 stored with a selector
 *                and limit=100 (--creates --clients 16,64 --stored --queries --runs)
 * </pre>
 *
 * Each measurement is one tab-separated row on stderr and appended to {@code --results FILE};
 * the server's own log goes to stdout.
 */
public final class Scenarios {
  private final Map<String, String> options;
  private final Path results;

  private Scenarios(Map<String, String> options) {
    this.options = options;
    this.results = options.containsKey("results") ? Path.of(options.get("results")) : null;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: Scenarios http|tftp|tftp-window|fleet|rest [--key value ...]");
      System.exit(2);
    }
    var options = new HashMap<String, String>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    var scenarios = new Scenarios(options);
    switch (args[0]) {
      case "http" -> scenarios.http();
      case "tftp" -> scenarios.tftp();
      case "tftp-window" -> scenarios.tftpWindow();
      case "fleet" -> scenarios.fleet();
      case "rest" -> scenarios.rest();
      default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
    }
    System.exit(0);
  }

  // ---- a. HTTP fetch with 10,000 devices stored

  private void http() {
    int devices = number("devices", 10_000);
    try (Autoprovd server = Fleet.start(Fleet.tempDir("http"), Map.of())) {
      long start = System.nanoTime();
      Fleet.firstFetch(server.httpPort(), 0, devices, number("parallel", 32), Fleet::ip);
      double seconds = (System.nanoTime() - start) / 1e9;
      row("http", "first contact (create+render), 32 parallel", 1, devices / seconds, "phones/s", Double.NaN,
          Double.NaN, devices + " phones in " + "%.1f s".formatted(seconds));
      wrkRuns("http", devices + " stored, rotating over all", server, 0, devices);
    }
  }

  // ---- d. Fleet-size independence

  private void fleet() {
    int subset = number("subset", 1_000);
    for (String size : options.getOrDefault("sizes", "1000,100000").split(",")) {
      int stored = Integer.parseInt(size.strip());
      try (Autoprovd server = Fleet.start(Fleet.tempDir("fleet" + stored), Map.of())) {
        long start = System.nanoTime();
        Fleet.insertDirectly(server, subset, stored, 8);
        Fleet.firstFetch(server.httpPort(), 0, subset, 16, Fleet::ip);
        System.err.printf("fleet: %d devices stored in %.1f s%n", server.store().devices().count(),
            (System.nanoTime() - start) / 1e9);
        wrkRuns("fleet", stored + " stored, fetching " + subset, server, 0, subset);
      }
    }
  }

  // ---- e. REST: create one by one, list a big fleet

  private void rest() throws IOException {
    int creates = number("creates", 10_000);
    int stored = number("stored", 100_000);
    int queries = number("queries", 2_000);
    int runs = number("runs", 2);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Path dir = Fleet.tempDir("rest");
    try (Autoprovd server = Fleet.start(dir, Map.of())) {
      var rest = new RestLoad(server.restPort(), AdminToken.read(AdminToken.file(dir.toAbsolutePath())));
      rest.createDevices(stored, stored + 1_000, 16); // warm-up, not reported
      int next = 0;
      for (String clientCount : options.getOrDefault("clients", "16,64").split(",")) {
        int clients = Integer.parseInt(clientCount.strip());
        for (int run = 1; run <= runs; run++) {
          double load = loadAverage();
          long cpu = os.getProcessCpuTime();
          var t = rest.createDevices(next, next + creates, clients);
          next += creates;
          row("rest", "POST /dev_mgr/devices one by one, " + clients + " JDK HttpClient clients", run, t.perSecond(),
              "devices/s", percentileMs(t.sortedNanos(), 0.50), percentileMs(t.sortedNanos(), 0.99),
              "%d devices in %.1f s; CPU %.0f us/device (server + client, one JVM); load %.2f before".formatted(
                  t.sortedNanos().length, t.seconds(), (os.getProcessCpuTime() - cpu) / 1e3 / creates, load));
        }
      }
      // The same with wrk as the client: the server alone in this JVM, so its own CPU per device shows.
      Path createScript = Path.of(options.getOrDefault("wrk-script", "bench/wrk/fetch.lua")).resolveSibling("create.lua");
      int wrkSeconds = number("create-seconds", 8);
      for (int run = 1; run <= runs; run++) {
        double load = loadAverage();
        long before = server.store().devices().count();
        long cpu = os.getProcessCpuTime();
        var r = Wrk.run(createScript, server.restPort(), List.of(rest.token(), Integer.toString(run)), 2, 64, wrkSeconds);
        long created = server.store().devices().count() - before;
        row("rest", "POST /dev_mgr/devices one by one, wrk -t2 -c64", run, r.requestsPerSecond(), "devices/s",
            r.p50Ms(), r.p99Ms(), "%d devices created in %d s; non-2xx %d; server CPU %.0f us/device; %s; load %.2f before"
                .formatted(created, wrkSeconds, r.non2xx(), (os.getProcessCpuTime() - cpu) / 1e3 / Math.max(1, created),
                    r.errors().isEmpty() ? "no socket errors" : r.errors(), load));
      }
      long start = System.nanoTime();
      Fleet.insertDirectly(server, next, Math.max(next, stored - (int) server.store().devices().count() + next), 8);
      System.err.printf("rest: %d devices stored (filled in %.1f s)%n", server.store().devices().count(),
          (System.nanoTime() - start) / 1e9);
      var selectors = new LinkedHashMap<String, String>();
      selectors.put("plugin (every device matches)", "{\"plugin\": \"yealink\"}");
      selectors.put("mac (one device)", "{\"mac\": \"" + Fleet.mac(stored / 2) + "\"}");
      selectors.put("vendor + model (every device)", "{\"vendor\": \"Yealink\", \"model\": \"T46S\"}");
      for (var selector : selectors.entrySet()) {
        String query = RestLoad.param("q", selector.getValue()) + "&limit=100";
        rest.list(query, queries / 4, 1); // warm-up
        for (int run = 1; run <= runs; run++) {
          double load = loadAverage();
          var t = rest.list(query, queries, 1);
          row("rest", "GET /dev_mgr/devices?q=" + selector.getKey() + "&limit=100, 1 client, " + stored + " stored",
              run, t.perSecond(), "req/s", percentileMs(t.sortedNanos(), 0.50), percentileMs(t.sortedNanos(), 0.99),
              "%d requests; load %.2f before".formatted(t.sortedNanos().length, load));
        }
      }
    }
  }

  /** A warm-up wrk run (not reported: JIT, caches, last-seen writes), then {@code runs} measured ones. */
  private void wrkRuns(String scenario, String variant, Autoprovd server, int from, int to) {
    Path targets = Fleet.writeTargets(Fleet.tempDir("targets").resolve("targets.tsv"), from, to);
    Path script = Path.of(options.getOrDefault("wrk-script", "bench/wrk/fetch.lua"));
    int threads = number("threads", 2);
    int connections = number("connections", 64);
    Wrk.run(script, server.httpPort(), targets, threads, connections, number("warmup", 15));
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int run = 1; run <= number("runs", 2); run++) {
      double load = loadAverage();
      long cpu = os.getProcessCpuTime();
      var r = Wrk.run(script, server.httpPort(), targets, threads, connections, number("seconds", 20));
      double cpuPerRequestUs = (os.getProcessCpuTime() - cpu) / 1e3 / Math.max(1, r.requests());
      row(scenario, variant + ", wrk -t" + threads + " -c" + connections, run, r.requestsPerSecond(), "req/s",
          r.p50Ms(), r.p99Ms(), "server CPU %.0f us/req; p90 %.2f ms; non-2xx %d; %s; load %.2f before".formatted(
              cpuPerRequestUs, r.p90Ms(), r.non2xx(), r.errors().isEmpty() ? "no socket errors" : r.errors(), load));
    }
  }

  // ---- b. TFTP, 2 KiB, 64 concurrent clients

  private void tftp() throws IOException {
    int clients = number("clients", 64);
    var duration = Duration.ofSeconds(number("seconds", 10));
    byte[] file = new byte[2048];
    new Random(1).nextBytes(file);
    try (var server = TftpServer.start(TftpSettings.defaults().withBindAddress(loopback()).withPort(0),
        FileSources.ofBytes(Map.of("bench.bin", file)))) {
      var address = server.localAddress();
      for (int blksize : new int[] {0, 1428}) {
        tftpRuns("standalone TftpServer, FileSources.ofBytes 2048 B", clients, duration, blksize,
            k -> new TftpClient(address, loopback(), blksize, 1, Duration.ZERO), k -> "bench.bin", file.length);
      }
    }
    try (Autoprovd server = Fleet.start(Fleet.tempDir("tftp"), Map.of())) {
      // Phone k sits on 127.0.0.(10+k): created over HTTP from that address (X-Forwarded-For), it then
      // fetches over TFTP from the same address, so no request moves an address between devices.
      IntFunction<String> ip = k -> "127.0.0." + (10 + k);
      Fleet.firstFetch(server.httpPort(), 0, clients, clients, ip);
      var address = new InetSocketAddress(loopback(), server.tftpPort());
      int size = TftpClient.plain(address, InetAddress.getByName(ip.apply(0))).read(Fleet.file(0)).length;
      for (int blksize : new int[] {0, 1428}) {
        tftpRuns("autoprovd, rendered <mac>.cfg " + size + " B, one phone per client", clients, duration, blksize,
            k -> new TftpClient(address, inet(ip.apply(k)), blksize, 1, Duration.ZERO), Fleet::file, -1);
      }
    }
  }

  private void tftpRuns(String variant, int clients, Duration duration, int blksize, IntFunction<TftpClient> client,
      IntFunction<String> fileOf, int expectedSize) {
    String label = variant + ", " + clients + " clients, " + (blksize == 0 ? "no options (512 B lock-step)"
        : "blksize " + blksize);
    tftpLoad(clients, Duration.ofSeconds(3), client, fileOf, expectedSize); // warm-up
    for (int run = 1; run <= number("runs", 2); run++) {
      double load = loadAverage();
      var r = tftpLoad(clients, duration, client, fileOf, expectedSize);
      row("tftp", label, run, r.perSecond, "transfers/s", r.p50Ms, r.p99Ms,
          "%d transfers, %d failed; load %.2f before".formatted(r.count, r.failures, load));
    }
  }

  private record Load(long count, long failures, double perSecond, double p50Ms, double p99Ms) {}

  /** {@code clients} virtual threads, each fetching its file again and again until the time is up. */
  private static Load tftpLoad(int clients, Duration duration, IntFunction<TftpClient> clientOf,
      IntFunction<String> fileOf, int expectedSize) {
    var failures = new AtomicLong();
    var latencies = new ArrayList<long[]>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<java.util.concurrent.Future<long[]>>();
      for (int k = 0; k < clients; k++) {
        TftpClient client = clientOf.apply(k);
        String file = fileOf.apply(k);
        futures.add(executor.submit(() -> {
          long[] mine = new long[1024];
          int n = 0;
          while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            try {
              byte[] bytes = client.read(file);
              if (expectedSize >= 0 && bytes.length != expectedSize) {
                throw new IOException("got " + bytes.length + " bytes");
              }
              if (n == mine.length) {
                mine = Arrays.copyOf(mine, n * 2);
              }
              mine[n++] = System.nanoTime() - t0;
            } catch (IOException e) {
              failures.incrementAndGet();
            }
          }
          return Arrays.copyOf(mine, n);
        }));
      }
      for (var f : futures) {
        latencies.add(f.get());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Load(all.length, failures.get(), all.length / seconds, percentileMs(all, 0.50), percentileMs(all, 0.99));
  }

  // ---- c. TFTP 10 MiB, windowsize 16 vs lock-step

  private void tftpWindow() throws IOException {
    byte[] file = new byte[number("mib", 10) << 20];
    new Random(2).nextBytes(file);
    try (var server = TftpServer.start(TftpSettings.defaults().withBindAddress(loopback()).withPort(0),
        FileSources.ofBytes(Map.of("image.bin", file)))) {
      var address = server.localAddress();
      for (String delay : options.getOrDefault("delays-us", "0,200,1000").split(",")) {
        var ackDelay = Duration.ofNanos(Long.parseLong(delay.strip()) * 1000);
        var lockStep = new TftpClient(address, loopback(), 1428, 1, ackDelay);
        var windowed = new TftpClient(address, loopback(), 1428, 16, ackDelay);
        timeTransfer(windowed, file); // warm-up
        for (int run = 1; run <= number("runs", 2); run++) {
          double load = loadAverage();
          double tLock = timeTransfer(lockStep, file);
          double tWindow = timeTransfer(windowed, file);
          String rtt = ackDelay.isZero() ? "loopback" : "ACK delayed " + delay.strip() + " us (simulated RTT)";
          row("tftp-window", file.length + " B, blksize 1428, lock-step, " + rtt, run, file.length / tLock / 1e6,
              "MB/s", tLock * 1000, Double.NaN, "load %.2f before".formatted(load));
          row("tftp-window", file.length + " B, blksize 1428, windowsize 16, " + rtt, run,
              file.length / tWindow / 1e6, "MB/s", tWindow * 1000, Double.NaN,
              "speed-up %.2fx over lock-step".formatted(tLock / tWindow));
        }
      }
    }
  }

  /** Seconds for one verified transfer. */
  private static double timeTransfer(TftpClient client, byte[] expected) throws IOException {
    long t0 = System.nanoTime();
    byte[] got = client.read("image.bin");
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!Arrays.equals(got, expected)) {
      throw new IOException("transfer differs from the file (" + got.length + " bytes)");
    }
    return seconds;
  }

  // ---- helpers

  private int number(String key, int fallback) {
    return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
  }

  /** One result row; for a transfer time the "p50" column holds the time of that one transfer. */
  private void row(String scenario, String variant, int run, double value, String unit, double p50Ms, double p99Ms,
      String notes) {
    String amount = Double.isNaN(value) ? "-" : (value >= 100 ? "%.0f" : "%.1f").formatted(value);
    String line = String.join("\t", scenario, variant, Integer.toString(run), amount, unit, ms(p50Ms), ms(p99Ms), notes);
    System.err.println("RESULT\t" + line);
    if (results != null) {
      try {
        Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "-" : "%.2f".formatted(value);
  }

  private static double percentileMs(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static InetAddress loopback() {
    return inet("127.0.0.1");
  }

  private static InetAddress inet(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }
}
