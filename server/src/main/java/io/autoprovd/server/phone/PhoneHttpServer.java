package io.autoprovd.server.phone;

import io.autoprovd.core.provisioning.Delivery;
import io.autoprovd.core.provisioning.Pipeline;
import io.autoprovd.core.provisioning.ProvisioningEvents;
import io.autoprovd.core.provisioning.ProvisioningRequest;
import io.autoprovd.core.provisioning.Transport;
import io.autoprovd.server.settings.ServerSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone-facing HTTP listener: a bare Jetty 12 handler (no servlet layer, no router) that turns
 * each GET into a {@link ProvisioningRequest} and the pipeline's {@link Delivery} into a response.
 * Handlers run on virtual threads. URI compliance is relaxed on purpose: Jetty would answer 400 to
 * {@code ..} or encoded separators before we see them, while the product answers every hostile
 * name with the same 404 and a security-log line, whatever its spelling.
 */
public final class PhoneHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PhoneHttpServer.class);
  private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "Internal error\n".getBytes(StandardCharsets.US_ASCII);

  private final Server server;
  private final ServerConnector connector;

  private PhoneHttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  public static PhoneHttpServer start(
      ServerSettings.Listener listener, ClientAddress clientAddress, Pipeline pipeline, InstantSource clock,
      ProvisioningEvents events) {
    var threads = new QueuedThreadPool();
    threads.setName("phone-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    var server = new Server(threads);
    var http = new HttpConfiguration();
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    var connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(listener.bind());
    connector.setPort(listener.port());
    server.addConnector(connector);
    server.setHandler(new PhoneHandler(clientAddress, pipeline, clock));
    server.setErrorHandler(new RefusalHandler(events));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the phone HTTP listener on " + listener.bind() + ":"
          + listener.port() + ": " + e.getMessage(), e);
    }
    return new PhoneHttpServer(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static final class PhoneHandler extends Handler.Abstract {
    private final ClientAddress clientAddress;
    private final Pipeline pipeline;
    private final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();

    PhoneHandler(ClientAddress clientAddress, Pipeline pipeline, InstantSource clock) {
      this.clientAddress = clientAddress;
      this.pipeline = pipeline;
      this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String method = request.getMethod();
      if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
        response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        callback.succeeded();
        return true;
      }
      String peer = Request.getRemoteAddr(request);
      var headers = new HashMap<String, String>();
      for (HttpField field : request.getHeaders()) {
        headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
      }
      String ip = clientAddress.resolve(peer, headers.get("x-forwarded-for"));
      String path = decode(request.getHttpURI().getPath());
      var provisioningRequest = new ProvisioningRequest("h" + ids.incrementAndGet(), Transport.HTTP,
          ip, path == null ? "" : path, headers, clock.instant());
      boolean head = HttpMethod.HEAD.is(method);
      try {
        switch (pipeline.handle(provisioningRequest)) {
          case Delivery.Content c -> send(response, callback, HttpStatus.OK_200, contentType(c.file()), c.bytes(), head);
          case Delivery.StaticFile f -> stream(response, callback, contentType(f.path().toString()), f, head);
          case Delivery.NotFound n -> {
            LOG.debug("{} {} {}: 404 {}", provisioningRequest.requestId(), ip, path, n.reason());
            send(response, callback, HttpStatus.NOT_FOUND_404, "text/plain", NOT_FOUND, head);
          }
          case Delivery.Denied d -> send(response, callback, HttpStatus.NOT_FOUND_404, "text/plain", NOT_FOUND, head);
        }
      } catch (Exception e) {
        LOG.error("{} {} {}: internal error", provisioningRequest.requestId(), ip, path, e);
        send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "text/plain", ERROR, head);
      }
      return true;
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body, boolean head) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      if (head) {
        callback.succeeded();
      } else {
        response.write(true, ByteBuffer.wrap(body), callback);
      }
    }

    /**
     * Streams a file from disk (firmware can be hundreds of MB: never read it into memory). The
     * length is the size the pipeline saw; a file replaced meanwhile fails the response, not the server.
     */
    private static void stream(Response response, Callback callback, String type, Delivery.StaticFile file,
        boolean head) {
      response.setStatus(HttpStatus.OK_200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, file.size());
      if (head) {
        callback.succeeded();
      } else {
        org.eclipse.jetty.io.Content.copy(org.eclipse.jetty.io.Content.Source.from(file.path(), 0, file.size()),
            response, callback);
      }
    }

    /** Percent-decodes once; a malformed escape makes the name hostile (null). */
    static String decode(String raw) {
      if (raw == null || raw.indexOf('%') < 0) {
        return raw;
      }
      try {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static String contentType(String name) {
      if (name.endsWith(".xml")) {
        return "application/xml";
      }
      if (name.endsWith(".cfg") || name.endsWith(".txt") || name.endsWith(".htm") || name.endsWith(".ini")) {
        return "text/plain";
      }
      return "application/octet-stream";
    }
  }

  /**
   * Jetty refuses some names itself, before any handler runs: a path that climbs above the root
   * ({@code /../x}, {@code /%2e%2e/x}) has no canonical form and gets 400 "Bad URI". The product
   * answers every hostile name alike, so that refusal becomes the same bodiless 404, logged.
   */
  private static final class RefusalHandler extends ErrorHandler {
    private final ProvisioningEvents events;

    RefusalHandler(ProvisioningEvents events) {
      this.events = events;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus();
      if (status == HttpStatus.BAD_REQUEST_400) {
        String peer = Request.getRemoteAddr(request);
        String path = request.getHttpURI() == null ? "" : String.valueOf(request.getHttpURI().getPath());
        events.denied(new ProvisioningRequest("h-bad", Transport.HTTP, peer, path, Map.of(),
            java.time.Instant.now()), "malformed or hostile URI");
        status = HttpStatus.NOT_FOUND_404;
      }
      byte[] body = status == HttpStatus.NOT_FOUND_404 ? NOT_FOUND : new byte[0];
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port());
  }
}
