package io.autoprovd.tftp;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * A read request as the client sent it, handed to {@link FileSource#open}.
 *
 * @param peer     the client's address and port (its transfer ID)
 * @param filename the name exactly as sent, each byte decoded as one ISO-8859-1 character; never
 *                 empty, at most 512 characters, never containing NUL. It is not normalised: a
 *                 leading {@code /}, {@code ..} or a backslash reach the source unchanged.
 * @param mode     the transfer mode
 * @param options  every RFC 2347 option the client sent, including ones the server ignores, keyed
 *                 by lower-case name, values as sent
 */
public record TftpRequest(
    InetSocketAddress peer, String filename, Mode mode, Map<String, String> options) {

  /** RFC 1350 transfer modes; the obsolete {@code mail} mode is refused. */
  public enum Mode {
    /** Bytes as they are. */
    OCTET,
    /** RFC 1350/RFC 764: the server sends LF as CR LF and CR as CR NUL. */
    NETASCII
  }

  public TftpRequest {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(mode, "mode");
    options = Map.copyOf(options);
  }
}
