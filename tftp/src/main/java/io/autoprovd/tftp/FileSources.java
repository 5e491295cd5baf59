package io.autoprovd.tftp;

import io.autoprovd.tftp.internal.BytesSource;
import io.autoprovd.tftp.internal.DirectorySource;
import java.nio.file.Path;
import java.util.Map;

/** Stock {@link FileSource}s. */
public final class FileSources {

  private FileSources() {}

  /**
   * Serves fixed contents by exact filename; any other name is not found. The map and arrays are
   * copied. Meant for tests and small embedded files.
   */
  public static FileSource ofBytes(Map<String, byte[]> files) {
    return new BytesSource(files);
  }

  /**
   * Serves the regular files under {@code root}. A filename is a relative path with {@code /}
   * separators. Denied, without touching the disk: absolute names, {@code .} or {@code ..} or empty
   * segments, backslashes, control characters (NUL included), percent escapes such as
   * {@code %2e%2e}, and names longer than 255 bytes. Also denied: a name whose real path, after
   * following symbolic links, leaves {@code root}. Names that are missing or not regular files are
   * not found.
   *
   * @throws java.io.UncheckedIOException if {@code root} does not exist
   * @throws IllegalArgumentException     if {@code root} is not a directory
   */
  public static FileSource directory(Path root) {
    return new DirectorySource(root);
  }
}
