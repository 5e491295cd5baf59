package io.autoprovd.sip;

import java.util.regex.Pattern;

/**
 * The NOTIFY that tells a phone to fetch its configuration again (ARCHITECTURE §7): an
 * unsolicited NOTIFY (no subscription; phones accept it for {@code check-sync}) whose {@code
 * Event} is the plugin's sync event: {@code check-sync}, {@code check-sync;reboot=false}, {@code
 * service-control}, …
 */
public final class Notify {
  /** An event package token with optional parameters, on one line (RFC 6665 §8.2.1). */
  private static final Pattern EVENT = Pattern.compile("[A-Za-z0-9._!%*+`'~-]+(;[A-Za-z0-9._!%*+`'~=\"-]+)*");

  private Notify() {}

  /**
   * @param target the Request-URI: the phone's registered contact, or its address of record when
   *     a proxy routes it
   * @param to the To URI: the address of record
   * @param from our host (advertised host and port) for From and Contact
   * @throws IllegalArgumentException when {@code event} is not an event token with parameters
   */
  public static SipRequest resync(SipUri target, SipUri to, String event, String from) {
    if (event == null || !EVENT.matcher(event).matches()) {
      throw new IllegalArgumentException("sync event: not an Event header value: " + event);
    }
    String host = from.contains(":") && !from.startsWith("[") ? from.substring(0, from.lastIndexOf(':')) : from;
    var headers = SipHeaders.EMPTY
        .add("Max-Forwards", "70")
        .add("From", "<sip:autoprovd@" + host + ">;tag=" + SipEndpoint.token(6))
        .add("To", "<" + to + ">")
        .add("Call-ID", SipEndpoint.token(12) + "@" + host)
        .add("CSeq", "1 NOTIFY")
        .add("Contact", "<sip:autoprovd@" + from + ">")
        .add("Event", event)
        // RFC 6665 §8.2.3: every NOTIFY carries it; there is no subscription to keep.
        .add("Subscription-State", "terminated")
        .add("User-Agent", "autoprovd");
    return new SipRequest("NOTIFY", target.toString(), headers, new byte[0]);
  }
}
