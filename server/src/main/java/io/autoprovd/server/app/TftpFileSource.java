package io.autoprovd.server.app;

import io.autoprovd.core.provisioning.Delivery;
import io.autoprovd.core.provisioning.Pipeline;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import io.autoprovd.core.provisioning.Transport;
import io.autoprovd.tftp.FileSource;
import io.autoprovd.tftp.TftpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** TFTP's side of the spine: a read request becomes a {@link ProvisioningRequest}. */
public final class TftpFileSource implements FileSource {
  private static final Logger LOG = LoggerFactory.getLogger(TftpFileSource.class);
  private final Pipeline pipeline;
  private final InstantSource clock;
  private final AtomicLong ids = new AtomicLong();

  public TftpFileSource(Pipeline pipeline, InstantSource clock) {
    this.pipeline = pipeline;
    this.clock = clock;
  }

  @Override
  public Result open(TftpRequest request) {
    var provisioningRequest = new ProvisioningRequest("t" + ids.incrementAndGet(), Transport.TFTP,
        request.peer().getAddress().getHostAddress(), request.filename(), Map.of(), clock.instant());
    return switch (pipeline.handle(provisioningRequest)) {
      case Delivery.Content c -> Result.Found.of(c.bytes());
      case Delivery.StaticFile f -> {
        try {
          yield new Result.Found(FileChannel.open(f.path()), f.size());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case Delivery.NotFound n -> {
        LOG.debug("{} {} {}: not found: {}", provisioningRequest.requestId(), provisioningRequest.peerIp(),
            request.filename(), n.reason());
        yield new Result.NotFound("File not found");
      }
      case Delivery.Denied d -> new Result.Denied("Access violation");
    };
  }
}
