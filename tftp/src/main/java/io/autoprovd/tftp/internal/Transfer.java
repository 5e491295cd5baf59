package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.FileSource;
import io.autoprovd.tftp.FileSource.Result;
import io.autoprovd.tftp.TftpRequest;
import io.autoprovd.tftp.TftpRequest.Mode;
import io.autoprovd.tftp.TftpSettings;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.ReadableByteChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one read request on its own socket (a new transfer ID), on its own virtual thread. */
final class Transfer {

  private static final Logger log = LoggerFactory.getLogger(Transfer.class);

  private final Packet.ReadRequest request;
  private final InetSocketAddress peer;
  private final TftpSettings settings;
  private final FileSource source;

  Transfer(Packet.ReadRequest request, InetSocketAddress peer, TftpSettings settings,
      FileSource source) {
    this.request = request;
    this.peer = peer;
    this.settings = settings;
    this.source = source;
  }

  /** Runs the transfer to its end; I/O failures end it and are logged, never thrown. */
  void run(DatagramSocket socket) {
    var link = new Link(socket, peer);
    switch (Negotiation.negotiate(request.options(), settings)) {
      case Negotiation.Outcome.Refused refused -> {
        log.debug("refused options of {} from {}: {}", request.filename(), peer, refused.reason());
        link.sendError(ErrorCode.OPTION_REFUSED, refused.reason());
      }
      case Negotiation.Outcome.Agreed agreed -> serve(link, agreed.terms());
    }
  }

  private void serve(Link link, Negotiation.Terms terms) {
    Result result;
    try {
      result = source.open(tftpRequest());
      if (result == null) {
        throw new NullPointerException("FileSource.open returned null");
      }
    } catch (RuntimeException e) {
      log.error("FileSource failed on {} from {}", request.filename(), peer, e);
      link.sendError(ErrorCode.NOT_DEFINED, "internal error");
      return;
    }
    switch (result) {
      case Result.NotFound notFound -> link.sendError(ErrorCode.FILE_NOT_FOUND, notFound.message());
      case Result.Denied denied -> link.sendError(ErrorCode.ACCESS_VIOLATION, denied.message());
      case Result.Found found -> {
        try (ReadableByteChannel content = found.content()) {
          send(link, terms, content, found.size());
        } catch (IOException e) {
          if (Thread.currentThread().isInterrupted()) {
            // The server is closing: interrupting a virtual thread closes its socket.
            log.debug("transfer of {} to {} stopped: server closing", request.filename(), peer);
          } else {
            log.warn("transfer of {} to {} failed: {}", request.filename(), peer, e.toString());
            link.sendError(ErrorCode.NOT_DEFINED, "internal error");
          }
        }
      }
    }
  }

  private TftpRequest tftpRequest() {
    Map<String, String> options = new LinkedHashMap<>();
    for (Option option : request.options()) {
      options.put(option.name().toLowerCase(Locale.ROOT), option.value());
    }
    return new TftpRequest(peer, request.filename(), request.mode(), options);
  }

  private void send(Link link, Negotiation.Terms terms, ReadableByteChannel content, long size)
      throws IOException {
    boolean octet = request.mode() == Mode.OCTET;
    List<Option> acknowledged = terms.optionAck(octet ? size : Result.Found.UNKNOWN_SIZE);
    // RFC 2347 §3: with no option granted there is no OACK and DATA 1 answers the request.
    if (!acknowledged.isEmpty() && !awaitOptionAck(link, terms, Wire.optionAck(acknowledged))) {
      return;
    }
    var window = new BlockWindow(
        octet ? content : new NetasciiChannel(content), terms.blockSize(), terms.windowSize());
    long timeout = terms.timeout().toNanos();
    int retries = 0;
    window.fill();
    window.sendAll(link);
    long deadline = System.nanoTime() + timeout;
    while (true) {
      switch (link.await(deadline)) {
        case Link.Reply.Ack ack -> {
          if (window.acknowledge(ack.block())) {
            if (window.complete()) {
              log.debug("sent {} to {}: {} blocks", request.filename(), peer,
                  window.blocksAcknowledged());
              return;
            }
            retries = 0;
            window.fill();
            window.sendAll(link);
            deadline = System.nanoTime() + timeout;
          }
        }
        case Link.Reply.PeerError error -> {
          log.debug("{} ended the transfer of {}: error {} {}", peer, request.filename(),
              error.code(), error.message());
          return;
        }
        case Link.Reply.Timeout ignored -> {
          if (++retries > settings.maxRetries()) {
            log.info("gave up sending {} to {} after {} retries at block {}", request.filename(),
                peer, settings.maxRetries(), window.blocksAcknowledged() + 1);
            return;
          }
          // RFC 7440 §4: on timeout, send the window again from the first unacknowledged block.
          window.sendAll(link);
          deadline = System.nanoTime() + timeout;
        }
      }
    }
  }

  /** RFC 2347 §3: sends the OACK until the client ACKs block 0. False if the transfer ends here. */
  private boolean awaitOptionAck(Link link, Negotiation.Terms terms, byte[] oack)
      throws IOException {
    long timeout = terms.timeout().toNanos();
    link.send(oack, oack.length);
    long deadline = System.nanoTime() + timeout;
    int retries = 0;
    while (true) {
      switch (link.await(deadline)) {
        case Link.Reply.Ack ack -> {
          if (ack.block() == 0) {
            return true;
          }
        }
        // RFC 2347 §3: a client that dislikes the OACK answers ERROR 8; end without a reply.
        case Link.Reply.PeerError error -> {
          log.debug("{} refused the options for {}: error {} {}", peer, request.filename(),
              error.code(), error.message());
          return false;
        }
        case Link.Reply.Timeout ignored -> {
          if (++retries > settings.maxRetries()) {
            log.info("gave up on {} for {}: no ACK of the OACK", peer, request.filename());
            return false;
          }
          link.send(oack, oack.length);
          deadline = System.nanoTime() + timeout;
        }
      }
    }
  }
}
