package io.autoprovd.tftp.internal;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Locale;

/** Explains why the listening socket could not be bound, and what to do about it. */
final class BindFailure {

  private BindFailure() {}

  static BindException explain(InetSocketAddress address, SocketException cause) {
    String detail = String.valueOf(cause.getMessage());
    String lower = detail.toLowerCase(Locale.ROOT);
    String advice;
    if (lower.contains("permission") || lower.contains("denied")) {
      advice = address.getPort() < 1024
          ? "ports below 1024 need privileges: run as root, grant CAP_NET_BIND_SERVICE (systemd"
              + " AmbientCapabilities=CAP_NET_BIND_SERVICE, or setcap cap_net_bind_service=+ep on"
              + " the java binary), or set another TFTP port (e.g. 6969) and redirect UDP 69 to it"
              + " with a firewall rule"
          : "the operating system refused the port; check its security policy or choose another"
              + " port";
    } else if (lower.contains("in use")) {
      advice = "another process already listens there (tftpd-hpa, atftpd, dnsmasq, inetd?): stop"
          + " it, or set another TFTP port";
    } else if (lower.contains("assign")) {
      advice = "the bind address is not an address of this host: fix the TFTP bind address";
    } else {
      advice = "check the TFTP bind address and port";
    }
    var exception = new BindException(
        "cannot bind TFTP to " + address + ": " + detail + "; " + advice);
    exception.initCause(cause);
    return exception;
  }
}
