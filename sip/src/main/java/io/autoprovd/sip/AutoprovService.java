package io.autoprovd.sip;

import io.autoprovd.core.code.ClaimResult;
import io.autoprovd.sip.internal.Nonces;
import io.autoprovd.sip.internal.Sdp;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoprov SIP service (ARCHITECTURE §8): the user-agent server phones in autoprov talk to.
 *
 * <ul>
 *   <li>{@code REGISTER}: Digest-authenticated against the device's own autoprov account, then
 *       the {@link Registrar}. Wrong credentials get 403 and register nothing.
 *   <li>{@code INVITE} to a code ({@code sip:123456@autoprovd}): authenticated the same way, then
 *       the code is claimed for the account's device. Success: 200 OK (every media stream
 *       rejected), the ACK awaited, the call ended with a BYE, then the phone resyncs. Failure: a
 *       final response that says why (404 Unknown Code, 403 Code Already Claimed, …; see {@link
 *       #failure}).
 *   <li>{@code OPTIONS}: 200 (a keep-alive for many phones). {@code BYE} in a claim call: 200.
 *   <li>Other methods: 405 with {@code Allow}, or 501 for unknown ones (§8.2.1).
 * </ul>
 *
 * The device is known only from the authenticated account, never from the source address.
 * Thread-safe.
 */
public final class AutoprovService implements RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AutoprovService.class);
  static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER";
  private static final Set<String> KNOWN = Set.of("SUBSCRIBE", "NOTIFY", "MESSAGE", "INFO", "UPDATE", "PRACK",
      "REFER", "PUBLISH");
  private static final int MAX_CALLS = 10_000;

  private final AccountDirectory accounts;
  private final CodeDialing codes;
  private final Registrar registrar;
  private final Nonces nonces;
  private final String realm;
  /** Claim calls answered and not yet hung up: Call-ID → our To tag. */
  private final ConcurrentHashMap<String, String> calls = new ConcurrentHashMap<>();

  public AutoprovService(AccountDirectory accounts, CodeDialing codes, Registrar registrar, String realm,
      InstantSource clock) {
    this.accounts = accounts;
    this.codes = codes;
    this.registrar = registrar;
    this.realm = realm;
    this.nonces = new Nonces(Duration.ofMinutes(5), clock);
  }

  public Registrar registrar() {
    return registrar;
  }

  @Override
  public void handle(ServerRequest request) {
    SipRequest q = request.request();
    // §8.2.2.3: this UAS supports no extension; anything required of it is refused by name.
    var required = q.headers().all("Require");
    if (!required.isEmpty() && !q.is("CANCEL")) {
      SipResponse bad = request.response(420, "Bad Extension");
      request.respond(bad.withHeaders(bad.headers().add("Unsupported", String.join(", ", required))));
      return;
    }
    try {
      q.uri();
    } catch (SipUri.UnsupportedSchemeException e) {
      request.respond(416, "Unsupported URI Scheme"); // §8.2.2.1
      return;
    } catch (IllegalArgumentException e) {
      request.respond(400, "Bad Request (Request-URI: " + e.getMessage() + ")");
      return;
    }
    switch (q.method()) {
      case "REGISTER" -> register(request);
      case "INVITE" -> invite(request);
      case "OPTIONS" -> {
        SipResponse ok = request.response(200, "OK");
        request.respond(ok.withHeaders(ok.headers().add("Allow", ALLOW).add("Accept", "application/sdp")));
      }
      case "BYE" -> {
        String tag = calls.remove(q.callId());
        String toTag = q.to().tag();
        request.respond(tag != null && tag.equals(toTag) ? request.response(200, "OK")
            : request.response(481, "Call/Transaction Does Not Exist"));
      }
      default -> {
        if (KNOWN.contains(q.method().toUpperCase(Locale.ROOT))) {
          SipResponse no = request.response(405, "Method Not Allowed");
          request.respond(no.withHeaders(no.headers().add("Allow", ALLOW)));
        } else {
          request.respond(501, "Not Implemented");
        }
      }
    }
  }

  private void register(ServerRequest request) {
    switch (authenticate(request)) {
      case Auth.Answered a -> { }
      case Auth.Ok ok -> {
        SipResponse response = registrar.register(request, ok.account());
        if (response.success()) {
          LOG.debug("SIP REGISTER {} from {}: {} contact(s)", ok.account().username(), request.source(),
              response.headers().all("Contact").size());
        }
        request.respond(response);
      }
    }
  }

  private void invite(ServerRequest request) {
    SipRequest q = request.request();
    if (q.to().tag() != null) {
      request.respond(481, "Call/Transaction Does Not Exist"); // a re-INVITE: claim calls have no dialog to refresh
      return;
    }
    AccountDirectory.Account account;
    switch (authenticate(request)) {
      case Auth.Answered a -> {
        return;
      }
      case Auth.Ok ok -> account = ok.account();
    }
    request.respond(request.response(100, "Trying"));
    String dialed = Optional.ofNullable(q.uri().user()).orElse("");
    ClaimResult result = codes.claim(account.deviceId(), dialed);
    LOG.info("SIP INVITE {} from {} (device {}, {}): {}", dialed, account.username(), account.deviceId(),
        request.source(), result);
    if (result instanceof ClaimResult.Claimed claimed) {
      answerAndHangUp(request, claimed);
    } else if (!request.respond(failure(request, result))) {
      LOG.info("SIP INVITE {}: cancelled before its answer", dialed);
    }
  }

  /**
   * The final response for a claim that did not link the device. Exhaustive over {@link
   * ClaimResult}, so a new outcome breaks the build here.
   */
  static SipResponse failure(ServerRequest request, ClaimResult result) {
    return switch (result) {
      case ClaimResult.Claimed c -> throw new IllegalArgumentException("not a failure");
      case ClaimResult.UnknownCode u -> request.response(404, "Unknown Code");
      case ClaimResult.AlreadyClaimed a -> request.response(403, "Code Already Claimed");
      case ClaimResult.UnknownDevice u -> request.response(403, "Unknown Device");
      case ClaimResult.NotInAutoprov n -> request.response(403, "Device Not In Autoprov");
      case ClaimResult.WrongTenant w -> request.response(403, "Code Of Another Tenant");
      case ClaimResult.NoFreeLine n -> request.response(486, "No Free Line");
      case ClaimResult.LineMissing l -> request.response(410, "Line Of This Code No Longer Exists");
      case ClaimResult.RateLimited r -> {
        SipResponse limited = request.response(403, "Too Many Wrong Codes");
        long seconds = Math.max(1, (r.retryAfter().toMillis() + 999) / 1000);
        yield limited.withHeaders(limited.headers().add("Retry-After", Long.toString(seconds)));
      }
      case ClaimResult.Conflict c -> {
        SipResponse busy = request.response(500, "Device Busy, Retry");
        yield busy.withHeaders(busy.headers().add("Retry-After", "1"));
      }
    };
  }

  /**
   * 200 OK, wait for the ACK (§13.3.1.4), end the call with a BYE (§15.1.1), then hand over for
   * the resync. Asynchronous: nothing here blocks a thread while the phone answers.
   */
  private void answerAndHangUp(ServerRequest request, ClaimResult.Claimed claimed) {
    SipRequest invite = request.request();
    SipEndpoint endpoint = request.endpoint();
    String contact = "<sip:autoprovd@" + endpoint.sentBy()
        + (request.source().transport() == Transport.TCP ? ";transport=tcp" : "") + ">";
    SipResponse ok = request.response(200, "OK");
    ok = ok.withHeaders(ok.headers().add("Contact", contact).add("Allow", ALLOW))
        .withBody("application/sdp", Sdp.answer(invite.body(), endpoint.settings().advertisedHost(),
            System.currentTimeMillis() / 1000));
    if (calls.size() < MAX_CALLS) {
      calls.put(invite.callId(), request.localTag());
    }
    CompletableFuture<Boolean> acked = request.respondUntilAcked(ok);
    acked.thenCompose(gotAck -> {
      if (!gotAck) {
        LOG.info("SIP INVITE {}: no ACK for the 200; ending the call anyway", invite.callId());
      }
      if (calls.remove(invite.callId()) == null) {
        return CompletableFuture.completedFuture(null); // the phone hung up first
      }
      return endpoint.sendAsync(bye(request), request.source()).thenApply(r -> {
        LOG.debug("SIP BYE {}: {}", invite.callId(), r.describe());
        return null;
      });
    }).whenComplete((v, e) -> Thread.ofVirtual().name("sip-claimed").start(() -> codes.claimed(claimed)));
  }

  /** §12.2.1.1 / §15.1.1: the UAS's BYE, to the phone's Contact, over the flow the INVITE came on. */
  private static SipRequest bye(ServerRequest request) {
    SipRequest invite = request.request();
    NameAddress from = invite.from();
    NameAddress to = invite.to().withTag(request.localTag());
    String target = invite.headers().all("Contact").stream().findFirst()
        .map(c -> {
          try {
            return NameAddress.parse(c).uri().toString();
          } catch (IllegalArgumentException e) {
            return null;
          }
        })
        .orElse(from.uri().toString());
    var h = SipHeaders.EMPTY
        .add("From", to.toString())
        .add("To", from.toString())
        .add("Call-ID", invite.callId())
        .add("CSeq", "1 BYE")
        .add("User-Agent", "autoprovd");
    for (String route : invite.headers().all("Record-Route")) {
      h = h.add("Route", route);
    }
    return new SipRequest("BYE", target, h, new byte[0]);
  }

  // ----------------------------------------------------------------------- authentication

  private sealed interface Auth {
    record Ok(AccountDirectory.Account account) implements Auth {}

    /** A challenge or a refusal was sent. */
    record Answered() implements Auth {}
  }

  /**
   * RFC 3261 §22.4 as a UAS: no or stale credentials → 401 with a fresh challenge; credentials for
   * an unknown account or with a wrong response → 403, so a phone with a wrong password stops
   * instead of retrying (and an unknown user name looks like a wrong password).
   */
  private Auth authenticate(ServerRequest request) {
    SipRequest q = request.request();
    Optional<String> header = q.header("Authorization");
    if (header.isEmpty()) {
      return challenge(request, false);
    }
    Digest.Credentials credentials;
    try {
      credentials = Digest.Credentials.parse(header.get());
    } catch (IllegalArgumentException e) {
      request.respond(400, "Bad Request (Authorization: " + e.getMessage() + ")");
      return new Auth.Answered();
    }
    if (!realm.equals(credentials.realm())) {
      return challenge(request, false);
    }
    if (nonces.check(credentials.nonce()) == Nonces.Check.STALE) {
      return challenge(request, true);
    }
    Optional<AccountDirectory.Account> account = accounts.find(credentials.username());
    if (account.isEmpty() || !credentials.verify(q.method(), account.get().password())) {
      LOG.info("SIP {} from {}: wrong credentials for {}", q.method(), request.source(), credentials.username());
      request.respond(403, "Forbidden (Wrong Credentials)");
      return new Auth.Answered();
    }
    return new Auth.Ok(account.get());
  }

  private Auth challenge(ServerRequest request, boolean stale) {
    var challenge = new Digest.Challenge(realm, nonces.issue(), null, "MD5", "auth", stale);
    SipResponse unauthorized = request.response(401, "Unauthorized");
    request.respond(unauthorized.withHeaders(unauthorized.headers().add("WWW-Authenticate", challenge.toString())));
    return new Auth.Answered();
  }

  /** For tests and health: claim calls still open. */
  Map<String, String> openCalls() {
    return Map.copyOf(calls);
  }
}
