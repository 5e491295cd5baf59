package io.autoprovd.tftp.internal;

import io.autoprovd.tftp.TftpSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RFC 2347 option negotiation for a read request: which options are granted, with which values. */
final class Negotiation {

  static final int DEFAULT_BLOCK_SIZE = 512;

  private Negotiation() {}

  sealed interface Outcome {
    /** The transfer may go ahead with {@code terms}. */
    record Agreed(Terms terms) implements Outcome {}

    /** RFC 2347 §3: an option value the server cannot accept ends the request with ERROR 8. */
    record Refused(String reason) implements Outcome {}
  }

  /**
   * The parameters of one transfer and the options to acknowledge.
   *
   * @param granted options to echo in the OACK, in request order, without {@code tsize}
   * @param tsize   the client's {@code tsize} option, or null; its value is only known once the
   *                file is open
   */
  record Terms(int blockSize, int windowSize, Duration timeout, List<Option> granted, Option tsize) {
    Terms {
      granted = List.copyOf(granted);
    }

    /**
     * RFC 2349: answer {@code tsize} with the size when known; otherwise leave it out. It is also
     * left out for an empty file: curl (lib/tftp.c) fails a download whose OACK says tsize 0, and
     * the single empty DATA block tells every client the size anyway.
     */
    List<Option> optionAck(long size) {
      var options = new ArrayList<>(granted);
      if (tsize != null && size > 0) {
        options.add(new Option(tsize.name(), Long.toString(size)));
      }
      return options;
    }
  }

  static Outcome negotiate(List<Option> requested, TftpSettings settings) {
    int blockSize = DEFAULT_BLOCK_SIZE;
    int windowSize = 1;
    Duration timeout = settings.retransmitTimeout();
    Option tsize = null;
    var granted = new ArrayList<Option>();
    for (Option option : requested) {
      String name = option.name().toLowerCase(Locale.ROOT);
      long value = switch (name) {
        case "blksize", "windowsize", "timeout", "tsize" -> decimal(option.value());
        default -> 0;
      };
      switch (name) {
        case "blksize" -> {
          // RFC 2348: 8-65464. A larger value is granted as our maximum (the server may answer
          // a smaller block size), which helps clients that ask for more than the RFC allows.
          if (value < TftpSettings.SMALLEST_BLOCK_SIZE) {
            return new Outcome.Refused("blksize must be 8-65464");
          }
          blockSize = (int) Math.min(value, settings.maxBlockSize());
          granted.add(new Option(option.name(), Integer.toString(blockSize)));
        }
        case "windowsize" -> {
          // RFC 7440 §3: 1-65535; the server may answer a smaller window.
          if (value < 1) {
            return new Outcome.Refused("windowsize must be 1-65535");
          }
          windowSize = (int) Math.min(value, settings.maxWindowSize());
          granted.add(new Option(option.name(), Integer.toString(windowSize)));
        }
        case "timeout" -> {
          // RFC 2349 §2: 1-255 seconds, and the server must answer the same value or refuse.
          if (value < 1 || value > 255) {
            return new Outcome.Refused("timeout must be 1-255");
          }
          timeout = Duration.ofSeconds(value);
          granted.add(new Option(option.name(), Long.toString(value)));
        }
        case "tsize" -> {
          // RFC 2349 §4: a read request carries 0; any number is tolerated, the answer is the size.
          if (value < 0) {
            return new Outcome.Refused("tsize must be a number");
          }
          tsize = option;
        }
        // RFC 2347 §3: options the server does not know are left out of the OACK.
        default -> { }
      }
    }
    return new Outcome.Agreed(new Terms(blockSize, windowSize, timeout, granted, tsize));
  }

  /** A non-negative decimal; -1 if the text is not one. Values too big for a long saturate. */
  static long decimal(String text) {
    if (text.isEmpty() || text.length() > 40) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
    }
    return value;
  }
}
