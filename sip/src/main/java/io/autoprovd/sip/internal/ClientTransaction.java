package io.autoprovd.sip.internal;

import io.autoprovd.sip.ClientResult;
import io.autoprovd.sip.Scheduler;
import io.autoprovd.sip.SipHeaders;
import io.autoprovd.sip.SipRequest;
import io.autoprovd.sip.SipResponse;
import io.autoprovd.sip.SipTimers;
import io.autoprovd.sip.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client transaction (RFC 3261 §17.1): sends one request, retransmits it over UDP, and reports
 * its final response or timeout once.
 *
 * <pre>
 * non-INVITE (§17.1.2.2)                       INVITE (§17.1.1.2)
 *   Trying --1xx--> Proceeding                    Calling --1xx--> Proceeding
 *     E: retransmit at T1, 2T1, … ≤ T2 (UDP)        A: retransmit at T1, 2T1, 4T1 … (UDP)
 *     F: 64×T1 → timeout                            B: 64×T1 → timeout (Calling only)
 *   --final--> Completed --K (T4 UDP, 0 TCP)-->   --2xx--> Terminated (the TU acknowledges)
 *   Terminated                                    --300-699--> Completed: ACK sent, resent for each
 *                                                   retransmitted final; D (32 s UDP, 0 TCP) → Terminated
 * </pre>
 *
 * Thread-safe: responses, timers and transport errors may arrive on different threads; one lock
 * per transaction orders them.
 */
public final class ClientTransaction {
  enum State { CALLING, TRYING, PROCEEDING, COMPLETED, TERMINATED }

  private final SipRequest request;
  private final byte[] wire;
  private final Wire out;
  private final Transport transport;
  private final Scheduler scheduler;
  private final SipTimers timers;
  private final Runnable onTerminated;
  private final boolean invite;
  private final CompletableFuture<ClientResult> result = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();

  private State state;
  private Duration interval;
  private Scheduler.Cancellable retransmit = Scheduler.Cancellable.NONE;
  private Scheduler.Cancellable timeout = Scheduler.Cancellable.NONE;
  private byte[] ack;

  /** @param onTerminated called once when the transaction ends, to drop it from the table */
  public ClientTransaction(SipRequest request, Wire out, Transport transport, Scheduler scheduler, SipTimers timers,
      Runnable onTerminated) {
    this.request = request;
    this.wire = request.encode();
    this.out = out;
    this.transport = transport;
    this.scheduler = scheduler;
    this.timers = timers;
    this.onTerminated = onTerminated;
    this.invite = request.is("INVITE");
    this.state = invite ? State.CALLING : State.TRYING;
  }

  public CompletableFuture<ClientResult> result() {
    return result;
  }

  State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** Sends the request and starts the timers. */
  public void start() {
    lock.lock();
    try {
      if (!send(wire)) {
        return;
      }
      interval = timers.t1();
      if (!transport.reliable()) {
        retransmit = scheduler.schedule(interval, this::onRetransmitTimer); // Timer A or E
      }
      timeout = scheduler.schedule(timers.transactionTimeout(), this::onTimeoutTimer); // Timer B or F
    } finally {
      lock.unlock();
    }
  }

  private void onRetransmitTimer() {
    lock.lock();
    try {
      boolean active = invite ? state == State.CALLING : (state == State.TRYING || state == State.PROCEEDING);
      if (!active) {
        return;
      }
      if (!send(wire)) {
        return;
      }
      // §17.1.1.2: Timer A doubles without bound; §17.1.2.2: Timer E doubles up to T2, and is T2 in Proceeding.
      interval = invite ? interval.multipliedBy(2)
          : state == State.PROCEEDING ? timers.t2() : timers.backoffCapped(interval);
      retransmit = scheduler.schedule(interval, this::onRetransmitTimer);
    } finally {
      lock.unlock();
    }
  }

  private void onTimeoutTimer() {
    lock.lock();
    try {
      // Timer B only applies in Calling; an INVITE in Proceeding waits for its final response.
      boolean pending = invite ? state == State.CALLING : (state == State.TRYING || state == State.PROCEEDING);
      if (pending) {
        terminate(new ClientResult.TimedOut(timers.transactionTimeout()));
      }
    } finally {
      lock.unlock();
    }
  }

  /** A response whose top Via branch and CSeq method match this transaction (§17.1.3). */
  public void onResponse(SipResponse response) {
    lock.lock();
    try {
      switch (state) {
        case CALLING, TRYING, PROCEEDING -> {
          if (response.provisional()) {
            state = State.PROCEEDING;
            if (invite) {
              retransmit.cancel();
            }
            return;
          }
          retransmit.cancel();
          timeout.cancel();
          if (invite && response.success()) {
            terminate(new ClientResult.Final(response)); // §17.1.1.2: the TU sends the ACK for a 2xx
            return;
          }
          result.complete(new ClientResult.Final(response));
          state = State.COMPLETED;
          Duration linger;
          if (invite) {
            ack = ackFor(response).encode();
            send(ack);
            linger = timers.timerD(transport);
          } else {
            linger = timers.t4For(transport); // Timer K
          }
          if (linger.isZero()) {
            terminate(null);
          } else {
            scheduler.schedule(linger, this::onLingerTimer);
          }
        }
        case COMPLETED -> {
          if (invite && !response.provisional() && ack != null) {
            send(ack); // §17.1.1.2: each retransmitted final response gets the ACK again
          }
        }
        case TERMINATED -> { }
      }
    } finally {
      lock.unlock();
    }
  }

  private void onLingerTimer() {
    lock.lock();
    try {
      if (state == State.COMPLETED) {
        terminate(null);
      }
    } finally {
      lock.unlock();
    }
  }

  /** §17.1.1.3: the ACK for a non-2xx final response reuses the INVITE's branch and takes the response's To. */
  SipRequest ackFor(SipResponse response) {
    var h = SipHeaders.EMPTY
        .add("Via", request.headers().all("Via").getFirst())
        .add("Max-Forwards", "70")
        .add("From", request.header("From").orElseThrow())
        .add("To", response.header("To").orElse(request.header("To").orElseThrow()))
        .add("Call-ID", request.callId())
        .add("CSeq", request.cseq().number() + " ACK");
    for (String route : request.headers().all("Route")) {
      h = h.add("Route", route);
    }
    return new SipRequest("ACK", request.requestUri(), h, new byte[0]);
  }

  /** The transport reported the peer unreachable (ICMP, refused connection): §17.1.4. */
  public void onTransportError(String reason) {
    lock.lock();
    try {
      if (state != State.TERMINATED && !result.isDone()) {
        terminate(new ClientResult.TransportFailed(reason));
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean send(byte[] bytes) {
    try {
      out.send(bytes);
      return true;
    } catch (IOException e) {
      if (!result.isDone()) {
        terminate(new ClientResult.TransportFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
      return false;
    }
  }

  private void terminate(ClientResult outcome) {
    retransmit.cancel();
    timeout.cancel();
    boolean first = state != State.TERMINATED;
    state = State.TERMINATED;
    if (outcome != null) {
      result.complete(outcome);
    }
    if (first) {
      onTerminated.run();
    }
  }
}
