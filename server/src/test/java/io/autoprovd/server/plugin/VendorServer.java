package io.autoprovd.server.plugin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The test's "vendor internet": a real HTTP server (the JDK's) serving the files of a folder, as a
 * plugin repository or a firmware host would. It also answers as a forward proxy (requests whose
 * target is an absolute URL), which is how the tests see that downloads went through the proxy.
 * {@code throttle} slows bodies down so a poller can watch a download's progress.
 */
final class VendorServer implements AutoCloseable {
  final Path root;
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  volatile int throttleBytesPerChunk;
  volatile long throttleMillis;

  VendorServer(Path root) throws IOException {
    this.root = root;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::serve);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** {@code host:port} of this server used as a proxy. */
  String proxy() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void throttle(int bytesPerChunk, long millis) {
    throttleBytesPerChunk = bytesPerChunk;
    throttleMillis = millis;
  }

  private void serve(HttpExchange exchange) throws IOException {
    URI target = exchange.getRequestURI();
    // A proxied request names the whole URL; the test's repository is the same folder either way.
    requests.add(target.isAbsolute() ? "proxy " + target : target.getPath());
    Path file = root.resolve(target.getPath().substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    long size = Files.size(file);
    exchange.sendResponseHeaders(200, size);
    try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
      int chunk = throttleBytesPerChunk > 0 ? throttleBytesPerChunk : 1 << 16;
      byte[] buffer = new byte[chunk];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        out.flush();
        if (throttleMillis > 0) {
          try {
            Thread.sleep(throttleMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    } catch (IOException e) {
      // the client went away (a refused download): nothing to do
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
