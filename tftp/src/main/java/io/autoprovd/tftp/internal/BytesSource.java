package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.FileSource;
import io.autoprovd.tftp.TftpRequest;
import java.util.HashMap;
import java.util.Map;

/** Serves fixed byte arrays by exact name. Not API: use {@link io.autoprovd.tftp.FileSources}. */
public final class BytesSource implements FileSource {

  private final Map<String, byte[]> files;

  public BytesSource(Map<String, byte[]> files) {
    var copy = new HashMap<String, byte[]>();
    files.forEach((name, bytes) -> copy.put(name, bytes.clone()));
    this.files = Map.copyOf(copy);
  }

  @Override
  public Result open(TftpRequest request) {
    byte[] bytes = files.get(request.filename());
    return bytes == null ? new Result.NotFound("file not found") : Result.Found.of(bytes);
  }
}
