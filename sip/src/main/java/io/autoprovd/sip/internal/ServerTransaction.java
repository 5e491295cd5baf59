package io.autoprovd.sip.internal;

import io.autoprovd.sip.Scheduler;
import io.autoprovd.sip.SipRequest;
import io.autoprovd.sip.SipResponse;
import io.autoprovd.sip.SipTimers;
import io.autoprovd.sip.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A server transaction (RFC 3261 §17.2): absorbs retransmitted requests by resending the last
 * response, and over UDP retransmits a non-2xx final response to an INVITE until the ACK.
 *
 * <pre>
 * INVITE (§17.2.1)                               non-INVITE (§17.2.2)
 *   Proceeding: request again → last 1xx again     Trying/Proceeding: request again → last 1xx again
 *   --2xx--> Terminated (the TU retransmits it,    --final--> Completed: request again → final again
 *            §13.3.1.4)                              J: 64×T1 (UDP), 0 (TCP) → Terminated
 *   --300-699--> Completed
 *     G: resend at T1, 2T1, … ≤ T2 (UDP)
 *     H: 64×T1 → Terminated (no ACK came)
 *   --ACK--> Confirmed, I: T4 (UDP), 0 (TCP) → Terminated
 * </pre>
 *
 * Thread-safe, one lock per transaction.
 */
public final class ServerTransaction {
  enum State { PROCEEDING, TRYING, COMPLETED, CONFIRMED, TERMINATED }

  private final SipRequest request;
  private final Wire out;
  private final Transport transport;
  private final Scheduler scheduler;
  private final SipTimers timers;
  private final Runnable onTerminated;
  private final boolean invite;
  private final ReentrantLock lock = new ReentrantLock();

  private State state;
  private byte[] lastResponse;
  private int lastStatus;
  private Duration interval;
  private Scheduler.Cancellable retransmit = Scheduler.Cancellable.NONE;
  private Scheduler.Cancellable giveUp = Scheduler.Cancellable.NONE;

  public ServerTransaction(SipRequest request, Wire out, Transport transport, Scheduler scheduler, SipTimers timers,
      Runnable onTerminated) {
    this.request = request;
    this.out = out;
    this.transport = transport;
    this.scheduler = scheduler;
    this.timers = timers;
    this.onTerminated = onTerminated;
    this.invite = request.is("INVITE");
    this.state = invite ? State.PROCEEDING : State.TRYING;
  }

  public SipRequest request() {
    return request;
  }

  State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** True once a final response was sent (or the transaction ended). */
  public boolean answered() {
    lock.lock();
    try {
      return lastStatus >= 200 || state == State.TERMINATED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends a response from the TU. Refused (false) after a final response: a transaction answers
   * once.
   */
  public boolean respond(SipResponse response) {
    lock.lock();
    try {
      if (state != State.PROCEEDING && state != State.TRYING) {
        return false;
      }
      if (lastStatus >= 200) {
        return false;
      }
      lastResponse = response.encode();
      lastStatus = response.status();
      send(lastResponse);
      if (response.provisional()) {
        state = State.PROCEEDING;
        return true;
      }
      if (invite && response.success()) {
        terminate();
        return true;
      }
      state = State.COMPLETED;
      if (invite) {
        interval = timers.t1();
        if (!transport.reliable()) {
          retransmit = scheduler.schedule(interval, this::onTimerG);
        }
        giveUp = scheduler.schedule(timers.transactionTimeout(), this::onTimerH);
      } else {
        Duration j = transport.reliable() ? Duration.ZERO : timers.transactionTimeout();
        if (j.isZero()) {
          terminate();
        } else {
          giveUp = scheduler.schedule(j, this::onTimerJ);
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The same request again (§17.2.1, §17.2.2): resend the last response, if any. */
  public void onRetransmission() {
    lock.lock();
    try {
      if (lastResponse != null && state != State.CONFIRMED && state != State.TERMINATED) {
        send(lastResponse);
      }
    } finally {
      lock.unlock();
    }
  }

  /** An ACK matched this INVITE transaction: the non-2xx final response arrived. */
  public void onAck() {
    lock.lock();
    try {
      if (state != State.COMPLETED) {
        return;
      }
      retransmit.cancel();
      giveUp.cancel();
      state = State.CONFIRMED;
      Duration i = timers.t4For(transport);
      if (i.isZero()) {
        terminate();
      } else {
        giveUp = scheduler.schedule(i, this::terminateLocked);
      }
    } finally {
      lock.unlock();
    }
  }

  private void onTimerG() {
    lock.lock();
    try {
      if (state != State.COMPLETED) {
        return;
      }
      send(lastResponse);
      interval = timers.backoffCapped(interval);
      retransmit = scheduler.schedule(interval, this::onTimerG);
    } finally {
      lock.unlock();
    }
  }

  private void onTimerH() {
    terminateLocked(); // §17.2.1: no ACK within 64×T1; the TU is not told, nothing depends on it here
  }

  private void onTimerJ() {
    terminateLocked();
  }

  private void terminateLocked() {
    lock.lock();
    try {
      terminate();
    } finally {
      lock.unlock();
    }
  }

  private void send(byte[] bytes) {
    try {
      out.send(bytes);
    } catch (IOException e) {
      // §17.2.4: a transport failure ends the transaction; the peer will retransmit or give up.
      terminate();
    }
  }

  private void terminate() {
    retransmit.cancel();
    giveUp.cancel();
    if (state != State.TERMINATED) {
      state = State.TERMINATED;
      onTerminated.run();
    }
  }
}
