package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.TftpRequest.Mode;
import java.util.List;

/** A decoded TFTP packet (RFC 1350 §5, RFC 2347 for OACK). Payloads the server never reads are left out. */
sealed interface Packet {

  record ReadRequest(String filename, Mode mode, List<Option> options) implements Packet {
    public ReadRequest {
      options = List.copyOf(options);
    }
  }

  record WriteRequest() implements Packet {}

  record Data(int block) implements Packet {}

  record Ack(int block) implements Packet {}

  record Error(int code, String message) implements Packet {}

  record OptionAck() implements Packet {}
}
