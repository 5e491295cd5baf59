package io.autoprovd.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code autoprovd plugin build}: packs folders into a repository folder that any static HTTP(S)
 * server can publish as a {@code plugin_server}: one archive per pack and {@code index.json}.
 * Packs already listed in the folder's index stay listed; a rebuilt pack replaces its entry
 * (older archives stay on disk, so phones' admins can still fetch them by name).
 */
public final class RepositoryBuilder {
  private RepositoryBuilder() {}

  /** One pack published: its id, version, archive and checksum. */
  public record Published(String id, String version, Path archive, long size, String sha256) {}

  public static List<Published> build(List<Path> packDirs, Path repositoryDir) {
    try {
      Files.createDirectories(repositoryDir);
      Path indexFile = repositoryDir.resolve(PluginRepository.INDEX);
      RepositoryIndex index = Files.isRegularFile(indexFile)
          ? RepositoryIndex.parse(Files.readString(indexFile, StandardCharsets.UTF_8)) : RepositoryIndex.EMPTY;
      var published = new ArrayList<Published>();
      for (Path dir : packDirs) {
        PackArchive.Built built = PackArchive.build(dir, repositoryDir);
        index = index.with(RepositoryIndex.Entry.of(built.pack(), built.size(), built.sha256(),
            built.file().getFileName().toString()));
        published.add(new Published(built.pack().id(), built.pack().version(), built.file(), built.size(),
            built.sha256()));
      }
      Path temp = Files.createTempFile(repositoryDir, ".index-", ".json");
      Files.writeString(temp, index.toJson(), StandardCharsets.UTF_8);
      Files.move(temp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return published;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
