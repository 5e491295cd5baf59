package io.autoprovd.sip;

/** Builds responses from requests (RFC 3261 §8.2.6.2). */
public final class Responses {
  private Responses() {}

  /**
   * A response that copies the request's Via values (in order), From, To, Call-ID and CSeq. The To
   * tag is added when the request's To has none and {@code toTag} is given.
   */
  public static SipResponse to(SipRequest request, int status, String reason, String toTag) {
    var h = SipHeaders.EMPTY;
    for (String via : request.headers().all("Via")) {
      h = h.add("Via", via);
    }
    String to = request.header("To").orElse(null);
    if (to != null && toTag != null) {
      try {
        NameAddress address = NameAddress.parse(to);
        if (address.tag() == null) {
          to = address.withTag(toTag).toString();
        }
      } catch (IllegalArgumentException e) {
        // answer with the To as it came: a 400 for a bad To must still go out
      }
    }
    h = copy(h, request, "From");
    if (to != null) {
      h = h.add("To", to);
    }
    h = copy(h, request, "Call-ID");
    h = copy(h, request, "CSeq");
    h = h.add("Server", "autoprovd");
    return new SipResponse(status, reason, h, new byte[0]);
  }

  private static SipHeaders copy(SipHeaders h, SipRequest request, String name) {
    var value = request.header(name);
    return value.isPresent() ? h.add(name, value.get()) : h;
  }
}
