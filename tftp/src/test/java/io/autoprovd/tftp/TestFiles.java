package io.autoprovd.tftp;

import java.net.InetAddress;
import java.util.Random;

/** Shared test data. */
final class TestFiles {

  private TestFiles() {}

  /** Reproducible pseudo-random content. */
  static byte[] randomBytes(int size) {
    var bytes = new byte[size];
    new Random(size * 31L + 7).nextBytes(bytes);
    return bytes;
  }

  /** Loopback, ephemeral port, and short waits so that retransmission tests stay quick. */
  static TftpSettings loopbackSettings() {
    return TftpSettings.defaults()
        .withBindAddress(InetAddress.getLoopbackAddress())
        .withPort(0);
  }
}
