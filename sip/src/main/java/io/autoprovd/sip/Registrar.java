package io.autoprovd.sip;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrar of the autoprov accounts (RFC 3261 §10.3), in memory: a restart forgets the
 * bindings and phones register again within their expiry. Each binding remembers the flow the
 * REGISTER came over, so a request for the phone (the NOTIFY that resyncs it) goes back through
 * the phone's own NAT mapping or TCP connection rather than to an address that NAPT makes
 * ambiguous. Thread-safe: one atomic update per address of record.
 */
public final class Registrar {
  private static final DateTimeFormatter RFC1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final InstantSource clock;
  private final Duration minExpires;
  private final Duration maxExpires;
  private final int maxContacts;
  private final ConcurrentHashMap<String, List<Binding>> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> userOfDevice = new ConcurrentHashMap<>();

  /**
   * One contact of one address of record.
   *
   * @param user the account's user name (the AOR's user part)
   * @param flow where the REGISTER came from
   */
  public record Binding(String user, String deviceId, SipUri contact, Flow flow, Instant expires, String callId,
      long cseq) {

    /**
     * Where a request for this binding goes. Over TCP: the phone's connection. Over UDP: the
     * Contact's address when its host is the address the REGISTER came from (no NAT in between,
     * and the phone may listen on another port than it sent from); otherwise the REGISTER's
     * source address and port, the only way back through a NAT (as Kamailio's {@code
     * nat_uac_test} and {@code fix_nated_contact} decide).
     */
    public Flow target() {
      if (flow.transport() == Transport.TCP) {
        return flow;
      }
      String source = flow.remote().getAddress().getHostAddress();
      String host = contact.host().startsWith("[") ? contact.host().substring(1, contact.host().length() - 1)
          : contact.host();
      if (host.equals(source)) {
        return new Flow(Transport.UDP, new java.net.InetSocketAddress(flow.remote().getAddress(),
            contact.portOrDefault()));
      }
      return flow;
    }
  }

  /**
   * @param minExpires shorter requested expiries get 423 Interval Too Brief (§10.3 step 7)
   * @param maxExpires longer ones are shortened to this
   * @param maxContacts contacts kept per account; a new one beyond that replaces the oldest
   */
  public Registrar(InstantSource clock, Duration minExpires, Duration maxExpires, int maxContacts) {
    this.clock = clock;
    this.minExpires = minExpires;
    this.maxExpires = maxExpires;
    this.maxContacts = maxContacts;
  }

  /** 60 s minimum, 3600 s maximum (and default), 5 contacts per account. */
  public static Registrar withDefaults(InstantSource clock) {
    return new Registrar(clock, Duration.ofSeconds(60), Duration.ofSeconds(3600), 5);
  }

  /** The live binding of a device registered most recently, if any. */
  public Optional<Binding> bindingOf(String deviceId) {
    String user = userOfDevice.get(deviceId);
    if (user == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return byUser.getOrDefault(user, List.of()).stream()
        .filter(b -> b.deviceId().equals(deviceId) && b.expires().isAfter(now))
        .max(Comparator.comparing(Binding::expires));
  }

  public List<Binding> bindings(String user) {
    Instant now = clock.instant();
    return byUser.getOrDefault(user, List.of()).stream().filter(b -> b.expires().isAfter(now)).toList();
  }

  /** Drops expired bindings; returns how many went. */
  public int purge() {
    Instant now = clock.instant();
    int[] removed = {0};
    for (String user : byUser.keySet()) {
      byUser.computeIfPresent(user, (u, list) -> {
        var kept = list.stream().filter(b -> b.expires().isAfter(now)).toList();
        removed[0] += list.size() - kept.size();
        return kept.isEmpty() ? null : kept;
      });
    }
    userOfDevice.entrySet().removeIf(e -> !byUser.containsKey(e.getValue()));
    return removed[0];
  }

  /**
   * Processes an authenticated REGISTER (§10.3 steps 5 to 8) and returns the response to send.
   *
   * @param account the account the request authenticated as
   */
  public SipResponse register(ServerRequest request, AccountDirectory.Account account) {
    SipRequest q = request.request();
    NameAddress to = q.to();
    // §10.3 step 6: the authenticated user may change only its own address of record.
    if (to.uri().user() == null || !to.uri().user().equals(account.username())) {
      return request.response(403, "Forbidden (To is not the address of record of " + account.username() + ")");
    }
    List<String> contactValues = q.headers().all("Contact");
    Long headerExpires;
    try {
      headerExpires = q.header("Expires").map(v -> Long.parseLong(v.strip())).orElse(null);
    } catch (NumberFormatException e) {
      return request.response(400, "Bad Request (Expires is not a number)");
    }
    Instant now = clock.instant();
    String callId = q.callId();
    long cseq = q.cseq().number();

    if (contactValues.size() == 1 && contactValues.getFirst().equals("*")) {
      if (headerExpires == null || headerExpires != 0) {
        return request.response(400, "Bad Request (Contact: * needs Expires: 0)");
      }
      byUser.remove(account.username());
      userOfDevice.remove(account.deviceId(), account.username());
      return ok(request, List.of(), now);
    }
    var requested = new ArrayList<Requested>();
    for (String value : contactValues) {
      if (value.equals("*")) {
        return request.response(400, "Bad Request (Contact: * with other contacts)");
      }
      NameAddress contact;
      try {
        contact = NameAddress.parse(value);
      } catch (IllegalArgumentException e) {
        return request.response(400, "Bad Request (Contact: " + e.getMessage() + ")");
      }
      long seconds;
      try {
        seconds = contact.params().containsKey("expires") ? Long.parseLong(contact.params().get("expires"))
            : headerExpires != null ? headerExpires : maxExpires.toSeconds();
      } catch (NumberFormatException e) {
        return request.response(400, "Bad Request (Contact expires is not a number)");
      }
      if (seconds < 0) {
        return request.response(400, "Bad Request (negative expires)");
      }
      if (seconds != 0 && seconds < minExpires.toSeconds()) {
        SipResponse brief = request.response(423, "Interval Too Brief");
        return brief.withHeaders(brief.headers().add("Min-Expires", Long.toString(minExpires.toSeconds())));
      }
      requested.add(new Requested(contact.uri(), Math.min(seconds, maxExpires.toSeconds())));
    }

    List<Binding> current = byUser.compute(account.username(), (user, existing) -> {
      var list = new ArrayList<Binding>();
      if (existing != null) {
        existing.stream().filter(b -> b.expires().isAfter(now)).forEach(list::add);
      }
      for (Requested r : requested) {
        String key = r.contact().toString();
        Binding old = list.stream().filter(b -> b.contact().toString().equals(key)).findFirst().orElse(null);
        // §10.3 step 7: a REGISTER older than the one that made the binding changes nothing.
        if (old != null && old.callId().equals(callId) && old.cseq() > cseq) {
          continue;
        }
        if (old != null) {
          list.remove(old);
        }
        if (r.seconds() > 0) {
          list.add(new Binding(user, account.deviceId(), r.contact(), request.source(), now.plusSeconds(r.seconds()),
              callId, cseq));
        }
      }
      while (list.size() > maxContacts) {
        list.remove(list.stream().min(Comparator.comparing(Binding::expires)).orElseThrow());
      }
      return list.isEmpty() ? null : List.copyOf(list);
    });
    if (current == null) {
      userOfDevice.remove(account.deviceId(), account.username());
    } else {
      userOfDevice.put(account.deviceId(), account.username());
    }
    return ok(request, current == null ? List.of() : current, now);
  }

  private record Requested(SipUri contact, long seconds) {}

  /** §10.3 step 8: 200 listing every current binding with its remaining time. */
  private static SipResponse ok(ServerRequest request, List<Binding> bindings, Instant now) {
    SipResponse ok = request.response(200, "OK");
    var h = ok.headers();
    for (Binding b : bindings) {
      long left = Math.max(0, Duration.between(now, b.expires()).toSeconds());
      h = h.add("Contact", "<" + b.contact() + ">;expires=" + left);
    }
    h = h.add("Date", RFC1123.format(now));
    return ok.withHeaders(h);
  }
}
