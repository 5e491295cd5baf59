package io.autoprovd.bench;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.Autoprovd;
import io.autoprovd.server.settings.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * A synthetic fleet of Yealink T46S phones: phone {@code i} has MAC {@code 00:15:65} plus {@code i}
 * on three bytes, and its own address {@code 10.x.y.z}, sent in {@code X-Forwarded-For} (the server
 * trusts 127.0.0.1 as a proxy), so no two phones share an address, as in a real network.
 */
final class Fleet {
  static final String OUI = "00:15:65";

  private Fleet() {}

  static String mac(int i) {
    return "%s:%02x:%02x:%02x".formatted(OUI, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  }

  static String file(int i) {
    return mac(i).replace(":", "") + ".cfg";
  }

  static String userAgent(int i) {
    return "Yealink SIP-T46S 66.86.0.15 " + mac(i);
  }

  static String ip(int i) {
    return "10.%d.%d.%d".formatted((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  }

  /** A server on ephemeral loopback ports over {@code dataDir} (SQLite), with 127.0.0.1 a trusted proxy. */
  static Autoprovd start(Path dataDir, Map<String, String> extra) {
    var flags = new LinkedHashMap<String, String>();
    flags.put("data_dir", dataDir.toString());
    flags.put("http.port", "0");
    flags.put("http.bind", "127.0.0.1");
    flags.put("http.trusted_proxies", "127.0.0.1");
    flags.put("tftp.port", "0");
    flags.put("tftp.bind", "127.0.0.1");
    flags.put("rest.port", "0");
    flags.put("advertised.host", "127.0.0.1");
    flags.putAll(extra);
    return Autoprovd.start(new SettingsLoader(Map.of()).load(null, flags));
  }

  static Path tempDir(String name) {
    try {
      return Files.createTempDirectory("autoprovd-bench-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The phone's first contact for phones {@code from..to-1}, {@code parallel} at a time: each
   * fetch creates the device and its autoprov config and renders its file. Fails on any non-200.
   * {@code ipOf} gives each phone's address (sent as X-Forwarded-For).
   */
  static void firstFetch(int port, int from, int to, int parallel, IntFunction<String> ipOf) {
    var http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    forEach(from, to, parallel, i -> {
      var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + file(i)))
          .header("User-Agent", userAgent(i)).header("X-Forwarded-For", ipOf.apply(i)).build();
      try {
        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("first fetch of " + file(i) + ": HTTP " + response.statusCode());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * Stores phones {@code from..to-1} directly, as devices a phone created earlier would look
   * (plugin, address, last seen), without configs: filler that makes the tables and indexes big.
   */
  static void insertDirectly(Autoprovd server, int from, int to, int parallel) {
    var devices = server.store().devices();
    var now = Instant.now();
    forEach(from, to, parallel, i -> devices.insertIfAbsent(
        Device.newBuilder(HexFormat.of().toHexDigits((long) i) + "filler", Tenant.MASTER_UUID)
            .mac(Mac.parse(mac(i))).ip(ip(i)).vendor("Yealink").model("T46S").version("66.86.0.15")
            .plugin("yealink").isNew(true).added("auto").lastSeen(now)
            .configured(false, "no config").build()));
  }

  /** Runs {@code action} for every index on virtual threads, at most {@code parallel} at once. */
  static void forEach(int from, int to, int parallel, IntConsumer action) {
    var permits = new Semaphore(parallel);
    var failures = new ArrayList<Throwable>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = from; i < to; i++) {
        int index = i;
        permits.acquireUninterruptibly();
        executor.submit(() -> {
          try {
            action.accept(index);
          } catch (Throwable t) {
            synchronized (failures) {
              failures.add(t);
            }
          } finally {
            permits.release();
          }
        });
        synchronized (failures) {
          if (!failures.isEmpty()) {
            break;
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " failures, first: " + failures.getFirst(), failures.getFirst());
    }
  }

  /** The wrk target list: one "file ua ip" line per phone, for bench/wrk/fetch.lua. */
  static Path writeTargets(Path file, int from, int to) {
    var lines = new ArrayList<String>(to - from);
    for (int i = from; i < to; i++) {
      lines.add(file(i) + "\t" + userAgent(i) + "\t" + ip(i));
    }
    try {
      return Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
