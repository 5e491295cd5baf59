package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.FileSource;
import io.autoprovd.tftp.TftpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Serves the regular files under a directory, refusing every name that could reach outside it.
 * Not API: use {@link io.autoprovd.tftp.FileSources#directory}.
 */
public final class DirectorySource implements FileSource {

  /** Longest name served; a longer one is a probe, not a phone's file. */
  static final int MAX_NAME_BYTES = 255;
  private static final Result DENIED = new Result.Denied("access violation");
  private static final Result NOT_FOUND = new Result.NotFound("file not found");

  private final Path root;

  public DirectorySource(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("TFTP root " + root + " is not readable", e);
    }
    if (!Files.isDirectory(this.root)) {
      throw new IllegalArgumentException("TFTP root " + root + " is not a directory");
    }
  }

  @Override
  public Result open(TftpRequest request) {
    Optional<Path> candidate = relativePath(request.filename()).map(root::resolve);
    if (candidate.isEmpty()) {
      return DENIED;
    }
    Path real;
    try {
      real = candidate.get().toRealPath();
    } catch (NoSuchFileException e) {
      return NOT_FOUND;
    } catch (IOException e) {
      return DENIED;
    }
    // A symbolic link inside the root may point anywhere: judge where it really leads.
    if (!real.startsWith(root)) {
      return DENIED;
    }
    if (!Files.isRegularFile(real)) {
      return NOT_FOUND;
    }
    try {
      FileChannel channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      return new Result.Found(channel, channel.size());
    } catch (NoSuchFileException e) {
      return NOT_FOUND;
    } catch (IOException e) {
      return DENIED;
    }
  }

  /**
   * The name as a path relative to the root, or empty if it is not a plain relative name: only
   * {@code /} separates, and no segment may be empty, {@code .} or {@code ..}.
   */
  static Optional<Path> relativePath(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_BYTES || name.startsWith("/")) {
      return Optional.empty();
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // Backslash is a separator for Windows-minded clients; control characters are never names.
      if (c == '\\' || c < 0x20 || c == 0x7F) {
        return Optional.empty();
      }
      // Names are never percent-decoded; one that carries an escape (%2e%2e) is a probe.
      if (c == '%' && i + 2 < name.length()
          && isHex(name.charAt(i + 1)) && isHex(name.charAt(i + 2))) {
        return Optional.empty();
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Path.of(name));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }
}
