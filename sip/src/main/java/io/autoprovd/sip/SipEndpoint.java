package io.autoprovd.sip;

import io.autoprovd.sip.internal.ClientTransaction;
import io.autoprovd.sip.internal.ServerTransaction;
import io.autoprovd.sip.internal.TcpChannel;
import io.autoprovd.sip.internal.UdpChannel;
import io.autoprovd.sip.internal.Wire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * autoprovd's SIP endpoint: UDP and TCP sockets on one port, the transaction layer of RFC 3261
 * §17, and the bits of the UAS core every request needs (§8.2: Require, mandatory headers).
 *
 * <pre>
 * bytes ─▶ SipParser ─▶ response ─▶ client transaction (Via branch + CSeq method, §17.1.3)
 *                   └─▶ request  ─▶ top Via stamped received/rport (RFC 3581)
 *                                   ├ malformed headers ─▶ 400 (stateless)
 *                                   ├ ACK ─▶ its INVITE transaction, or the 2xx awaiting it
 *                                   ├ retransmission ─▶ its server transaction resends the last response
 *                                   ├ CANCEL ─▶ 200, and 487 to the INVITE if still unanswered
 *                                   ├ table full ─▶ 503 Retry-After (stateless)
 *                                   └ new ─▶ server transaction ─▶ RequestHandler (own virtual thread)
 * </pre>
 *
 * Responses go back where the request came from: over its TCP connection, or over UDP to its
 * source address and port (RFC 3581 symmetric response routing, what a phone behind NAT needs).
 * Requests autoprovd sends ({@link #send}) leave from the listening UDP socket, or over the open
 * TCP connection to the peer when there is one. No global lock: transactions are in concurrent
 * maps, each guarded by its own lock.
 */
public final class SipEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SipSettings settings;
  private final RequestHandler handler;
  private final Scheduler scheduler;
  private final ConcurrentHashMap<String, ServerTransaction> servers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ClientTransaction> clients = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AwaitingAck> awaitingAck = new ConcurrentHashMap<>();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong overloaded = new AtomicLong();
  // Admission counts here, not servers.size(): packets are handled concurrently, and a size check
  // followed by an insert let more than maxTransactions in at once.
  private final java.util.concurrent.atomic.AtomicInteger activeServers = new java.util.concurrent.atomic.AtomicInteger();
  private UdpChannel udp;
  private TcpChannel tcp;

  private SipEndpoint(SipSettings settings, RequestHandler handler, Scheduler scheduler) {
    this.settings = settings;
    this.handler = handler;
    this.scheduler = scheduler;
  }

  /**
   * Opens the sockets. With port 0, UDP picks a free port and TCP binds the same one; when that
   * number is taken on TCP (another process's connection may hold it), a new pair is tried.
   *
   * @throws IOException when a socket cannot be bound (the port is taken, or below 1024 without
   *     the right to bind it)
   */
  public static SipEndpoint start(SipSettings settings, RequestHandler handler, Scheduler scheduler)
      throws IOException {
    int attempts = settings.port() == 0 && settings.udp() && settings.tcp() ? 8 : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return open(settings, handler, scheduler);
      } catch (java.net.BindException e) {
        if (attempt >= attempts) {
          throw e;
        }
      }
    }
  }

  private static SipEndpoint open(SipSettings settings, RequestHandler handler, Scheduler scheduler)
      throws IOException {
    var endpoint = new SipEndpoint(settings, handler, scheduler);
    InetAddress bind = InetAddress.getByName(settings.bind());
    int port = settings.port();
    try {
      if (settings.udp()) {
        endpoint.udp = UdpChannel.open(bind, port, endpoint::receive, Math.max(64, settings.maxTransactions()));
        port = endpoint.udp.port();
      }
      if (settings.tcp()) {
        endpoint.tcp = TcpChannel.open(bind, port, endpoint::receive, settings.maxConnections(),
            settings.connectionIdle());
      }
    } catch (IOException e) {
      endpoint.close();
      String message = "cannot bind SIP " + settings.bind() + ":" + port + ": " + e.getMessage();
      if (e instanceof java.net.BindException) {
        var bindFailure = new java.net.BindException(message);
        bindFailure.initCause(e);
        throw bindFailure;
      }
      throw new IOException(message, e);
    }
    return endpoint;
  }

  /** The bound port (UDP's, and TCP's which is the same). */
  public int port() {
    return udp != null ? udp.port() : tcp.port();
  }

  public SipSettings settings() {
    return settings;
  }

  /** What a {@code Via} or {@code Contact} of ours says: the advertised host and the bound port. */
  public String sentBy() {
    return settings.advertisedHost() + ":" + port();
  }

  /** Counters for health and metrics. */
  public record Stats(int serverTransactions, int clientTransactions, long malformed, long overloaded,
      long udpDropped, int tcpConnections) {}

  public Stats stats() {
    return new Stats(servers.size(), clients.size(), malformed.get(), overloaded.get(),
        udp == null ? 0 : udp.dropped(), tcp == null ? 0 : tcp.openConnections());
  }

  // ---------------------------------------------------------------------------------- sending

  /**
   * Sends a request through a new client transaction and returns its outcome, blocking until the
   * final response, Timer F (B for an INVITE), or a transport error. The request's Via is replaced
   * by ours, with a fresh branch (§8.1.1.7); Max-Forwards is added when missing.
   */
  public ClientResult send(SipRequest request, Flow destination) {
    return sendAsync(request, destination).join();
  }

  public CompletableFuture<ClientResult> sendAsync(SipRequest request, Flow destination) {
    if (request.is("ACK")) {
      throw new IllegalArgumentException("an ACK has no transaction: use sendAck");
    }
    Transport transport = requireTransport(destination.transport());
    if (transport == null) {
      return CompletableFuture.completedFuture(new ClientResult.TransportFailed(
          destination.transport() + " is not enabled on this endpoint"));
    }
    String branch = Via.MAGIC_COOKIE + token(12);
    var via = new Via(transport.name(), settings.advertisedHost(), port(),
        java.util.Map.of("branch", branch, "rport", ""));
    SipHeaders headers = request.headers().without("Via").prepend("Via", via.toString());
    if (!headers.has("Max-Forwards")) {
      headers = headers.add("Max-Forwards", "70");
    }
    SipRequest outgoing = request.withHeaders(headers);
    String key = branch + " " + request.method();
    var tx = new ClientTransaction(outgoing, wire(destination), transport, scheduler, settings.timers(),
        () -> clients.remove(key));
    clients.put(key, tx);
    tx.start();
    return tx.result();
  }

  /** Sends an ACK for a 2xx (its own transaction-less request, §13.2.2.4). */
  public void sendAck(SipRequest ack, Flow destination) throws IOException {
    wire(destination).send(ack.encode());
  }

  /** A fresh token for tags, Call-IDs and branches: 2×{@code bytes} hex characters. */
  public static String token(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private Transport requireTransport(Transport t) {
    return switch (t) {
      case UDP -> udp != null ? t : null;
      case TCP -> tcp != null ? t : null;
    };
  }

  private Wire wire(Flow flow) {
    return switch (flow.transport()) {
      case UDP -> bytes -> {
        if (udp == null) {
          throw new IOException("UDP is not enabled");
        }
        udp.send(bytes, flow.remote());
      };
      case TCP -> bytes -> {
        if (tcp == null) {
          throw new IOException("TCP is not enabled");
        }
        tcp.send(bytes, flow.remote());
      };
    };
  }

  // -------------------------------------------------------------------------------- receiving

  private void receive(byte[] data, int length, Flow flow) {
    switch (SipParser.parse(data, length, flow.transport().reliable())) {
      case SipParser.Parse.KeepAlive k -> { }
      case SipParser.Parse.Malformed m -> {
        malformed.incrementAndGet();
        LOG.debug("SIP {}: malformed message dropped: {}", flow, m.reason());
        if (m.partial() != null) {
          answerMalformed(m.partial(), flow, m.reason());
        }
      }
      case SipParser.Parse.Parsed p -> {
        switch (p.message()) {
          case SipResponse r -> onResponse(r, flow);
          case SipRequest q -> onRequest(q, flow);
        }
      }
    }
  }

  private void answerMalformed(SipRequest partial, Flow flow, String reason) {
    try {
      SipRequest stamped = stamp(partial, flow);
      if (stamped != null && !partial.is("ACK")) {
        sendStateless(stamped, flow, 400, "Bad Request (" + reason + ")");
      }
    } catch (IllegalArgumentException e) {
      // not even its Via can be read: nothing to answer
    }
  }

  private void onResponse(SipResponse response, Flow flow) {
    Via via;
    SipMessage.CSeq cseq;
    try {
      via = response.topVia();
      cseq = response.cseq();
    } catch (IllegalArgumentException e) {
      malformed.incrementAndGet();
      LOG.debug("SIP {}: response with a bad Via or CSeq dropped: {}", flow, e.getMessage());
      return;
    }
    if (via == null || cseq == null || via.branch() == null) {
      malformed.incrementAndGet();
      return;
    }
    ClientTransaction tx = clients.get(via.branch() + " " + cseq.method());
    if (tx == null) {
      LOG.debug("SIP {}: stray response {} dropped", flow, response.startLine());
      return;
    }
    tx.onResponse(response);
  }

  private void onRequest(SipRequest raw, Flow flow) {
    SipRequest stamped;
    try {
      stamped = stamp(raw, flow);
    } catch (IllegalArgumentException e) {
      stamped = null;
    }
    if (stamped == null) {
      malformed.incrementAndGet();
      LOG.debug("SIP {}: request without a usable Via dropped", flow);
      return;
    }
    final SipRequest request = stamped;
    String problem = mandatoryHeaderProblem(request);
    if (problem != null) {
      malformed.incrementAndGet();
      if (!request.is("ACK")) {
        sendStateless(request, flow, 400, "Bad Request (" + problem + ")");
      }
      return;
    }
    Via via = request.topVia();
    if (request.is("ACK")) {
      onAck(request, via);
      return;
    }
    String key = serverKey(request, via, request.method());
    ServerTransaction existing = servers.get(key);
    if (existing != null) {
      existing.onRetransmission();
      return;
    }
    if (request.is("INVITE")) {
      // §13.3.1.4 / §17.2.1: the INVITE transaction ended with its 2xx; a retransmission of the
      // INVITE is the UAS core's to absorb, by sending the 2xx again.
      AwaitingAck waiting = awaitingAck.get(request.callId() + " " + request.cseq().number());
      if (waiting != null) {
        waiting.resendNow();
        return;
      }
    }
    if (!admitServerTransaction()) {
      overloaded.incrementAndGet();
      // RFC 3261 §21.5.4: 503 with Retry-After; stateless, so the flood costs no memory.
      sendStateless(request, flow, 503, "Service Unavailable", "Retry-After", "5");
      return;
    }
    var self = new java.util.concurrent.atomic.AtomicReference<ServerTransaction>();
    var tx = new ServerTransaction(request, wire(flow), flow.transport(), scheduler, settings.timers(), () -> {
      if (servers.remove(key, self.get())) {
        activeServers.decrementAndGet();
      }
    });
    self.set(tx);
    ServerTransaction raced = servers.putIfAbsent(key, tx);
    if (raced != null) {
      activeServers.decrementAndGet();
      raced.onRetransmission();
      return;
    }
    if (request.is("CANCEL")) {
      onCancel(tx, request, via);
      return;
    }
    var serverRequest = new ServerRequest(this, tx, request, flow, token(8));
    Thread.ofVirtual().name("sip-" + request.method().toLowerCase(Locale.ROOT)).start(() -> {
      try {
        handler.handle(serverRequest);
      } catch (RuntimeException e) {
        LOG.error("SIP {} from {} failed", request.method(), flow, e);
        tx.respond(serverRequest.response(500, "Server Internal Error"));
      }
      if (!serverRequest.answered() && !request.is("INVITE")) {
        LOG.error("SIP {} from {}: the handler gave no final response; answering 500", request.method(), flow);
        tx.respond(serverRequest.response(500, "Server Internal Error"));
      }
    });
  }

  /** §9.2: CANCEL gets 200 when it matches an INVITE transaction, which then ends with 487. */
  private void onCancel(ServerTransaction cancelTx, SipRequest cancel, Via via) {
    ServerTransaction invite = servers.get(serverKey(cancel, via, "INVITE"));
    if (invite == null) {
      cancelTx.respond(Responses.to(cancel, 481, "Call/Transaction Does Not Exist", token(8)));
      return;
    }
    cancelTx.respond(Responses.to(cancel, 200, "OK", token(8)));
    if (!invite.answered()) {
      invite.respond(Responses.to(invite.request(), 487, "Request Terminated", token(8)));
    }
  }

  private void onAck(SipRequest ack, Via via) {
    ServerTransaction invite = servers.get(serverKey(ack, via, "INVITE"));
    if (invite != null) {
      invite.onAck();
      return;
    }
    AwaitingAck waiting = awaitingAck.get(ack.callId() + " " + ack.cseq().number());
    if (waiting != null) {
      waiting.acked();
      return;
    }
    // RFC 2543 peers may give the ACK of a non-2xx a new branch: match on Call-ID and CSeq number.
    for (ServerTransaction tx : servers.values()) {
      SipRequest q = tx.request();
      if (q.is("INVITE") && q.callId().equals(ack.callId()) && q.cseq().number() == ack.cseq().number()) {
        tx.onAck();
        return;
      }
    }
    LOG.debug("SIP: ACK matching nothing dropped (Call-ID {})", ack.callId());
  }

  /**
   * §17.2.3: with an RFC 3261 branch, the transaction is branch + sent-by + method (ACK is matched
   * as its INVITE). Older peers' requests are matched on Call-ID, CSeq, From tag and sent-by.
   */
  private static String serverKey(SipRequest request, Via via, String method) {
    if (via.rfc3261Branch()) {
      return via.branch() + " " + via.sentBy().toLowerCase(Locale.ROOT) + " " + method;
    }
    NameAddress from = request.from();
    return "2543 " + request.callId() + " " + request.cseq().number() + " " + (from == null ? "" : from.tag()) + " "
        + via.sentBy() + " " + method;
  }

  /**
   * The request with its top Via stamped: {@code received} with the source address when it differs
   * from sent-by, and {@code rport} with the source port when the client asked (RFC 3581 §4). Null
   * without a Via.
   */
  private static SipRequest stamp(SipRequest request, Flow flow) {
    List<String> vias = request.headers().all("Via");
    if (vias.isEmpty()) {
      return null;
    }
    Via top = Via.parse(vias.getFirst());
    String source = flow.remote().getAddress().getHostAddress();
    if (!top.host().equals(source)) {
      top = top.withParam("received", source);
    }
    if (top.params().containsKey("rport")) {
      top = top.withParam("rport", Integer.toString(flow.remote().getPort()));
    }
    SipHeaders headers = request.headers().without("Via");
    for (int i = vias.size() - 1; i >= 1; i--) {
      headers = headers.prepend("Via", vias.get(i));
    }
    headers = headers.prepend("Via", top.toString());
    return request.withHeaders(headers);
  }

  /** §8.1.1: the headers every request carries; null when all are there and readable. */
  private static String mandatoryHeaderProblem(SipRequest request) {
    for (String name : new String[] {"From", "To", "Call-ID", "CSeq"}) {
      if (request.header(name).isEmpty()) {
        return "missing " + name;
      }
    }
    try {
      request.from();
      request.to();
    } catch (IllegalArgumentException e) {
      return "From or To: " + e.getMessage();
    }
    SipMessage.CSeq cseq;
    try {
      cseq = request.cseq();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (!cseq.method().equals(request.method())) {
      return "CSeq method " + cseq.method() + " differs from " + request.method();
    }
    return null;
  }

  private void sendStateless(SipRequest request, Flow flow, int status, String reason, String... extra) {
    SipResponse response = Responses.to(request, status, reason, token(8));
    for (int i = 0; i + 1 < extra.length; i += 2) {
      response = response.withHeaders(response.headers().add(extra[i], extra[i + 1]));
    }
    try {
      wire(flow).send(response.encode());
    } catch (IOException e) {
      LOG.debug("SIP {}: cannot send {}: {}", flow, status, e.getMessage());
    }
  }

  // ------------------------------------------------------------------ 2xx retransmission (§13.3.1.4)

  CompletableFuture<Boolean> sendUntilAcked(ServerTransaction tx, SipRequest invite, SipResponse ok, Flow flow) {
    String key = invite.callId() + " " + invite.cseq().number();
    var waiting = new AwaitingAck(key, ok.encode(), wire(flow), flow.transport());
    if (awaitingAck.putIfAbsent(key, waiting) != null || !tx.respond(ok)) {
      awaitingAck.remove(key, waiting);
      return CompletableFuture.completedFuture(false);
    }
    waiting.start();
    return waiting.result;
  }

  private final class AwaitingAck {
    private final String key;
    private final byte[] bytes;
    private final Wire out;
    private final Transport transport;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private Duration interval;
    private Scheduler.Cancellable retransmit = Scheduler.Cancellable.NONE;
    private Scheduler.Cancellable giveUp = Scheduler.Cancellable.NONE;

    AwaitingAck(String key, byte[] bytes, Wire out, Transport transport) {
      this.key = key;
      this.bytes = bytes;
      this.out = out;
      this.transport = transport;
    }

    void start() {
      lock.lock();
      try {
        interval = settings.timers().t1();
        if (!transport.reliable()) {
          retransmit = scheduler.schedule(interval, this::resend);
        }
        giveUp = scheduler.schedule(settings.timers().transactionTimeout(), () -> finish(false));
      } finally {
        lock.unlock();
      }
    }

    private void resend() {
      lock.lock();
      try {
        if (result.isDone()) {
          return;
        }
        try {
          out.send(bytes);
        } catch (IOException e) {
          LOG.debug("SIP: 2xx retransmission failed: {}", e.getMessage());
        }
        interval = settings.timers().backoffCapped(interval);
        retransmit = scheduler.schedule(interval, this::resend);
      } finally {
        lock.unlock();
      }
    }

    void resendNow() {
      try {
        out.send(bytes);
      } catch (IOException e) {
        LOG.debug("SIP: 2xx retransmission failed: {}", e.getMessage());
      }
    }

    void acked() {
      finish(true);
    }

    private void finish(boolean acked) {
      lock.lock();
      try {
        retransmit.cancel();
        giveUp.cancel();
        awaitingAck.remove(key, this);
      } finally {
        lock.unlock();
      }
      result.complete(acked);
    }
  }

  @Override
  public void close() {
    if (udp != null) {
      udp.close();
    }
    if (tcp != null) {
      tcp.close();
    }
  }

  /** The peer address a {@link Flow} names, for logs. */
  static String describe(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** Takes a slot in the server transaction table, if one is free. */
  private boolean admitServerTransaction() {
    while (true) {
      int active = activeServers.get();
      if (active >= settings.maxTransactions()) {
        return false;
      }
      if (activeServers.compareAndSet(active, active + 1)) {
        return true;
      }
    }
  }
}
