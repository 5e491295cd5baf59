package io.autoprovd.server.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Fetches plugin archives, indexes and package files over HTTP(S), through the configured proxies,
 * streaming to disk while it counts and hashes, so a large firmware is never held in memory and a
 * download that grows past its limit is cut off at once. Thread-safe: each download uses its own
 * client, built from the settings in force when it starts.
 */
public final class Downloader {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

  /** Told the bytes received so far and the total expected (0 when unknown); called often, must be fast. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (current, total) -> {};

    void update(long current, long total);
  }

  /** A finished download: where it is, how many bytes, their SHA-256. */
  public record Download(Path file, long size, String sha256) {}

  private final Supplier<DownloadSettings> settings;

  public Downloader(Supplier<DownloadSettings> settings) {
    this.settings = settings;
  }

  public DownloadSettings settings() {
    return settings.get();
  }

  /**
   * Downloads {@code url} into {@code target} (created or replaced).
   *
   * @param expectedSize the size announced for the file, or -1; used for progress, and more bytes
   *     than announced are refused
   * @param maxBytes refuse anything larger
   * @throws InstallException on an HTTP error, a network failure, or too many bytes
   */
  public Download fetch(URI url, Path target, long expectedSize, long maxBytes, Progress progress) {
    long limit = expectedSize >= 0 ? Math.min(expectedSize, maxBytes) : maxBytes;
    DownloadSettings current = settings.get();
    var proxy = current.proxyFor(url);
    var builder = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        // NORMAL never follows an https URL to plain http.
        .followRedirects(HttpClient.Redirect.NORMAL);
    proxy.ifPresent(address -> builder.proxy(ProxySelector.of(address)));
    try (HttpClient client = builder.build()) {
      var request = HttpRequest.newBuilder(url).timeout(HEADERS_TIMEOUT)
          .header("User-Agent", "autoprovd").GET().build();
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new InstallException("download of " + url + " failed: HTTP " + response.statusCode());
        }
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced > limit) {
          throw new InstallException("download of " + url + " refused: " + announced + " bytes, more than the "
              + limit + " expected");
        }
        long total = expectedSize >= 0 ? expectedSize : Math.max(announced, 0);
        return copy(url, body, target, limit, total, progress);
      }
    } catch (IOException e) {
      throw new InstallException("download of " + url + " failed: " + describe(e)
          + proxy.map(p -> " (through proxy " + p.getHostString() + ":" + p.getPort() + ")").orElse(""), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstallException("download of " + url + " interrupted", e);
    }
  }

  private static Download copy(URI url, InputStream body, Path target, long limit, long total, Progress progress)
      throws IOException {
    MessageDigest digest = Checksums.sha256();
    long count = 0;
    byte[] buffer = new byte[1 << 16];
    progress.update(0, total);
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int n; (n = body.read(buffer)) > 0; ) {
        count += n;
        if (count > limit) {
          throw new InstallException("download of " + url + " refused: more than the " + limit + " bytes expected");
        }
        digest.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        progress.update(count, total);
      }
    }
    return new Download(target, count, Checksums.hex(digest));
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
