package io.autoprovd.server.plugin;

import io.autoprovd.core.plugin.PluginPack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A pack folder as a distributable archive: {@code <id>-<version>.tar.gz} whose one top folder is
 * the pack id. Reproducible: entries sorted by name, fixed times, owners and modes, so building
 * the same folder twice gives the same bytes and the same SHA-256. The {@code tests/} folder (the
 * golden-test skeleton) and dot files stay out; links are refused, as the installer would.
 */
final class PackArchive {
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private PackArchive() {}

  /** What {@link #build} made. */
  record Built(PluginPack pack, Path file, long size, String sha256) {}

  /** Validates the pack in {@code packDir} and writes its archive into {@code outDir}. */
  static Built build(Path packDir, Path outDir) {
    PluginPack pack = PluginPack.load(packDir);
    String fileName = pack.id() + "-" + pack.version() + ".tar.gz";
    try {
      Files.createDirectories(outDir);
      Path temp = Files.createTempFile(outDir, "." + fileName, ".part");
      try {
        try (OutputStream file = Files.newOutputStream(temp);
            var gzip = new GzipCompressorOutputStream(file, gzipParameters());
            var tar = new TarArchiveOutputStream(gzip)) {
          tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
          for (Path p : members(packDir)) {
            String rel = packDir.relativize(p).toString().replace('\\', '/');
            String name = pack.id() + (rel.isEmpty() ? "" : "/" + rel);
            boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            var entry = new TarArchiveEntry(dir ? name + "/" : name);
            entry.setModTime(EPOCH);
            entry.setUserId(0);
            entry.setGroupId(0);
            entry.setUserName("");
            entry.setGroupName("");
            entry.setMode(dir ? 040755 : 0100644);
            if (!dir) {
              entry.setSize(Files.size(p));
            }
            tar.putArchiveEntry(entry);
            if (!dir) {
              Files.copy(p, tar);
            }
            tar.closeArchiveEntry();
          }
        }
        Path target = outDir.resolve(fileName);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Built(pack, target, Files.size(target), Checksums.sha256(target));
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive of " + packDir + " into " + outDir, e);
    }
  }

  private static GzipParameters gzipParameters() {
    var parameters = new GzipParameters();
    parameters.setModificationTime(0);
    parameters.setOperatingSystem(3); // Unix, whatever the build machine
    return parameters;
  }

  /** The folder and everything in it worth shipping, sorted so the archive is reproducible. */
  private static List<Path> members(Path packDir) throws IOException {
    var members = new ArrayList<Path>();
    try (Stream<Path> walk = Files.walk(packDir)) {
      for (Path p : walk.sorted().toList()) {
        Path rel = packDir.relativize(p);
        if (!rel.toString().isEmpty() && (rel.getName(0).toString().equals("tests") || hidden(rel))) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          throw new IllegalArgumentException(p + ": links are not allowed in a pack");
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new IllegalArgumentException(p + ": only folders and regular files can be packed");
        }
        members.add(p);
      }
    }
    return members;
  }

  private static boolean hidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
