package io.autoprovd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * REST load as wazo-confd makes it: one request per device, each with the admin token, on
 * {@code clients} concurrent keep-alive connections. Every non-2xx answer fails the run.
 */
final class RestLoad {
  private static final String MEDIA = "application/vnd.proformatique.provd+json";

  private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private final String base;
  private final String token;

  String token() {
    return token;
  }

  RestLoad(int port, String token) {
    this.base = "http://127.0.0.1:" + port + "/0.2";
    this.token = token;
  }

  /** Latencies (ns, sorted) and wall time of a run. */
  record Timings(long[] sortedNanos, double seconds) {
    double perSecond() {
      return sortedNanos.length / seconds;
    }
  }

  /** {@code POST /dev_mgr/devices} for phones {@code from..to-1} of the synthetic fleet. */
  Timings createDevices(int from, int to, int clients) {
    return run(from, to, clients, i -> HttpRequest.newBuilder(URI.create(base + "/dev_mgr/devices"))
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"device": {"mac": "%s", "ip": "%s", "vendor": "Yealink", "model": "T46S", "version": "66.86.0.15",
             "plugin": "yealink", "description": "bench %d"}}""".formatted(Fleet.mac(i), Fleet.ip(i), i))), 201);
  }

  /** {@code count} times {@code GET /dev_mgr/devices?<query>}. */
  Timings list(String query, int count, int clients) {
    URI uri = URI.create(base + "/dev_mgr/devices?" + query);
    return run(0, count, clients, i -> HttpRequest.newBuilder(uri).GET(), 200);
  }

  static String param(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private interface RequestOf {
    HttpRequest.Builder request(int index);
  }

  private Timings run(int from, int to, int clients, RequestOf requestOf, int expected) {
    long[] nanos = new long[to - from];
    var filled = new AtomicInteger();
    long start = System.nanoTime();
    Fleet.forEach(from, to, clients, i -> {
      HttpRequest request = requestOf.request(i).header("X-Auth-Token", token)
          .header("Content-Type", MEDIA).header("Accept", MEDIA).build();
      long t0 = System.nanoTime();
      try {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
          throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP "
              + response.statusCode() + " " + response.body());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      nanos[filled.getAndIncrement()] = System.nanoTime() - t0;
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(nanos, filled.get());
    Arrays.sort(sorted);
    return new Timings(sorted, seconds);
  }
}
