package io.autoprovd.server.app;

import io.autoprovd.core.device.Device;

/**
 * Tells one phone to fetch its files again (ARCHITECTURE §7): a SIP NOTIFY check-sync sent
 * directly, through a proxy, or through Asterisk. {@code POST /0.2/dev_mgr/synchronize} runs it on
 * the operation's own virtual thread, so an implementation may block for the whole SIP
 * transaction (retransmissions included). Thread-safe: several devices may be synchronised at once.
 * A failure is a value; an exception is treated as a failure too.
 */
@FunctionalInterface
public interface DeviceSync {
  SyncResult sync(Device device);

  /** What became of one synchronisation; the REST monitor shows only success or fail. */
  sealed interface SyncResult {
    /** The phone (or the proxy on its behalf) accepted the request. */
    record Sent(String detail) implements SyncResult {}

    record Failed(String reason) implements SyncResult {}
  }

  /** Until a strategy is wired (issue 4): every synchronisation fails, saying why. */
  DeviceSync NONE = device -> new SyncResult.Failed("no sync strategy configured");
}
