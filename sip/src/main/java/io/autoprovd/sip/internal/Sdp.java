package io.autoprovd.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The session description of the code-claim call: autoprovd has no media, so it answers every
 * offered stream with port 0, which rejects it (RFC 3264 §6), keeping the m-lines in order as the
 * answer must. An INVITE without an offer gets an offer of one inactive audio stream.
 */
public final class Sdp {
  private Sdp() {}

  public static byte[] answer(byte[] offer, String host, long session) {
    var media = new ArrayList<String>();
    for (String line : new String(offer, StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.startsWith("m=")) {
        String[] parts = line.substring(2).strip().split("\\s+");
        if (parts.length >= 3) {
          var m = new StringBuilder("m=").append(parts[0]).append(" 0 ").append(parts[2]);
          for (int i = 3; i < parts.length; i++) {
            m.append(' ').append(parts[i]);
          }
          if (parts.length == 3) {
            m.append(" 0");
          }
          media.add(m.toString());
        }
      }
    }
    if (media.isEmpty()) {
      return description(host, session, List.of("m=audio 9 RTP/AVP 0", "a=inactive"));
    }
    return description(host, session, media);
  }

  private static byte[] description(String host, long session, List<String> media) {
    String ipVersion = host.contains(":") ? "IP6" : "IP4";
    var sb = new StringBuilder()
        .append("v=0\r\n")
        .append("o=autoprovd ").append(session).append(' ').append(session).append(" IN ").append(ipVersion).append(' ')
        .append(host).append("\r\n")
        .append("s=autoprovd\r\n")
        .append("c=IN ").append(ipVersion).append(' ').append(host).append("\r\n")
        .append("t=0 0\r\n");
    media.forEach(m -> sb.append(m).append("\r\n"));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
