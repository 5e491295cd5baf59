package io.autoprovd.server.plugin;

import io.autoprovd.server.operation.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installable packs: the last index fetched from {@code <plugin_server>/index.json}, kept in
 * {@code <data-dir>/repository/index.json} so it survives a restart. {@link #update} replaces it
 * only with an index that downloaded and parsed completely; a failed update keeps the previous one.
 * Nothing refreshes it by itself (as the reference). Thread-safe.
 */
final class PluginRepository {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRepository.class);
  static final String INDEX = "index.json";
  private static final long MAX_INDEX_BYTES = 16L << 20;

  private final Path stored;
  private final Downloader downloader;
  private final AtomicReference<Optional<RepositoryIndex>> index = new AtomicReference<>(Optional.empty());

  PluginRepository(Path dir, Downloader downloader) {
    this.stored = dir.resolve(INDEX);
    this.downloader = downloader;
    if (Files.isRegularFile(stored)) {
      try {
        index.set(Optional.of(RepositoryIndex.parse(Files.readString(stored, StandardCharsets.UTF_8))));
      } catch (IOException | InstallException e) {
        LOG.warn("stored plugin index {} ignored: {}", stored, e.getMessage());
      }
    }
  }

  /** The index, or empty before the first successful update. */
  Optional<RepositoryIndex> index() {
    return index.get();
  }

  /** The plugin server in force now. */
  Optional<URI> server() {
    return Optional.ofNullable(downloader.settings().pluginServer());
  }

  /** Where an entry's archive is. */
  URI archiveUrl(URI server, RepositoryIndex.Entry entry) {
    return server.resolve(entry.filename());
  }

  /** Downloads and parses the index, then keeps it; the operation shows the bytes as they come. */
  void update(Operation operation) {
    URI server = server().orElseThrow(() -> new InstallException("no plugin server is configured"));
    try {
      Files.createDirectories(stored.getParent());
      Path part = Files.createTempFile(stored.getParent(), ".index-", ".part");
      try {
        downloader.fetch(server.resolve(INDEX), part, -1, MAX_INDEX_BYTES, (current, total) -> {});
        RepositoryIndex parsed = RepositoryIndex.parse(Files.readString(part, StandardCharsets.UTF_8));
        parsed.problems().forEach(p -> LOG.warn("plugin index entry left out: {}", p));
        Files.move(part, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        index.set(Optional.of(parsed));
        LOG.info("plugin index updated from {}: {} packs", server, parsed.entries().size());
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
