package io.autoprovd.tftp;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * Decides what a read request gets. The server's only link to the rest of the application.
 *
 * <p><b>Threading.</b> {@link #open} is called once per read request, on that transfer's own
 * virtual thread, concurrently for many requests. Implementations must be thread-safe and may block
 * (render a template, read a database): only the calling transfer waits.
 *
 * <p><b>Failure.</b> An exception thrown by {@code open}, or a {@code null} result, is a bug: the
 * server logs it at ERROR, answers the client ERROR 0 "internal error" and keeps serving. Expected
 * outcomes are values: {@link Result.NotFound} becomes ERROR 1, {@link Result.Denied} ERROR 2. The
 * messages are sent to the client, so they must not reveal internal paths.
 *
 * <p><b>Ownership.</b> The server closes the channel of a {@link Result.Found} exactly once, when the
 * transfer ends for any reason, including when option negotiation fails after {@code open}.
 */
@FunctionalInterface
public interface FileSource {

  /**
   * Answers one read request.
   *
   * @param request the request; never null
   * @return found, not found or denied; never null
   */
  Result open(TftpRequest request);

  /** What a request gets. */
  sealed interface Result {

    /**
     * The content to send.
     *
     * @param content a blocking channel read from start to end of stream, closed by the server
     * @param size    the exact number of bytes {@code content} yields, reported to clients that ask
     *                for RFC 2349 {@code tsize}; {@link #UNKNOWN_SIZE} if not known, in which case
     *                {@code tsize} is not acknowledged
     */
    record Found(ReadableByteChannel content, long size) implements Result {
      public static final long UNKNOWN_SIZE = -1;

      public Found {
        Objects.requireNonNull(content, "content");
        if (size < UNKNOWN_SIZE) {
          throw new IllegalArgumentException("size must be >= 0 or UNKNOWN_SIZE, got " + size);
        }
      }

      /** Serves a byte array; the array is not copied and must not change afterwards. */
      public static Found of(byte[] bytes) {
        return new Found(Channels.newChannel(new ByteArrayInputStream(bytes)), bytes.length);
      }
    }

    /** Nothing by that name: ERROR 1 with {@code message}. */
    record NotFound(String message) implements Result {
      public NotFound {
        Objects.requireNonNull(message, "message");
      }
    }

    /** The name exists or might, but this client may not have it: ERROR 2 with {@code message}. */
    record Denied(String message) implements Result {
      public Denied {
        Objects.requireNonNull(message, "message");
      }
    }
  }
}
