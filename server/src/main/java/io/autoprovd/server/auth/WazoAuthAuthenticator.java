package io.autoprovd.server.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.autoprovd.core.document.Documents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks tokens against an external wazo-auth: {@code GET {url}/0.1/token/{token}}, whose 200
 * answer is {@code {"data": {"acl": [...], "metadata": {"tenant_uuid": ...}, "auth_id": ...,
 * "utc_expires_at": ...}}} (wazo-auth's {@code Token.to_dict}). A valid token is remembered for
 * {@code cacheTtl}, never beyond its own expiry; concurrent requests with one token make one call.
 *
 * <p>Never hangs and never throws: an unknown token (404), a refusal, an answer it cannot read, a
 * wazo-auth that is down or slower than {@code timeout} all give empty (the caller answers 401),
 * and only a valid answer is cached, so the next request asks again. Failures to reach wazo-auth
 * are logged, at most once per {@link #LOG_EVERY} with the count in between. Thread-safe.
 */
public final class WazoAuthAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(WazoAuthAuthenticator.class);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration LOG_EVERY = Duration.ofMinutes(1);
  // wazo-auth tokens are UUIDs; anything outside URL-unreserved characters could change the path.
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,512}");
  private static final Pattern DOTS = Pattern.compile("\\.+"); // "..", as a path segment, climbs
  private static final long MAX_CACHED = 10_000;

  private final String baseUrl;
  private final URI tokenBase;
  private final Duration cacheTtl;
  private final Duration timeout;
  private final HttpClient http;
  private final InstantSource clock;
  private final Ticker ticker;
  private final AsyncCache<String, Verified> byHash;
  private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong unloggedFailures = new AtomicLong();

  /** A principal and how long it may be remembered. */
  private record Verified(Principal principal, Duration keep) {}

  public static WazoAuthAuthenticator create(URI url, Duration cacheTtl) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(DEFAULT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        // wazo-auth speaks HTTP/1.1; an h2c upgrade attempt on http:// buys nothing.
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    return new WazoAuthAuthenticator(url, cacheTtl, DEFAULT_TIMEOUT, http, InstantSource.system(),
        Ticker.systemTicker());
  }

  /**
   * @param url wazo-auth's base URL, e.g. {@code https://wazo.example.com:9497}; a path prefix is
   *     kept ({@code https://host/api/auth})
   * @param timeout the longest a check may take, from sending to the whole answer
   */
  public WazoAuthAuthenticator(URI url, Duration cacheTtl, Duration timeout, HttpClient http, InstantSource clock,
      Ticker ticker) {
    this.baseUrl = Objects.requireNonNull(url, "url").toString().replaceAll("/+$", "");
    this.tokenBase = URI.create(baseUrl + "/0.1/token/");
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.byHash = Caffeine.newBuilder()
        .maximumSize(MAX_CACHED)
        .ticker(ticker)
        .expireAfter(Expiry.<String, Verified>creating((hash, verified) -> verified.keep()))
        .buildAsync();
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    if (token == null || !TOKEN.matcher(token).matches() || DOTS.matcher(token).matches()) {
      return Optional.empty();
    }
    // The async cache holds no lock while wazo-auth answers; a future completing with null caches
    // nothing. The check bounds its own time, so join() cannot wait longer than the timeout.
    Verified verified = byHash.get(TokenSecret.hash(token), (hash, executor) -> check(token)).join();
    return verified == null ? Optional.empty() : Optional.of(verified.principal());
  }

  private CompletableFuture<Verified> check(String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(tokenBase + token))
        .timeout(timeout)
        .header("Accept", "application/json")
        .GET()
        .build();
    CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    // The request timeout covers the headers only; a body that trickles in is cut here.
    return call.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
      if (failure != null) {
        call.cancel(true);
        unreachable(failure);
        return null;
      }
      return read(response);
    });
  }

  private Verified read(HttpResponse<String> response) {
    return switch (response.statusCode()) {
      case 200 -> parse(response.body());
      case 401, 403, 404 -> null; // unknown, expired or not allowed: the token is not valid
      default -> {
        failed("wazo-auth at " + baseUrl + " answered " + response.statusCode());
        yield null;
      }
    };
  }

  @SuppressWarnings("unchecked")
  private Verified parse(String body) {
    Map<String, Object> data;
    try {
      data = Documents.parseObject(body).get("data") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    } catch (IllegalArgumentException e) {
      data = null;
    }
    if (data == null) {
      failed("wazo-auth answered 200 without a {\"data\": {...}} object");
      return null;
    }
    Object tenant = data.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("tenant_uuid") : null;
    if (!(tenant instanceof String tenantUuid) || tenantUuid.isBlank()) {
      failed("wazo-auth answered a token without metadata.tenant_uuid; it cannot be used here");
      return null;
    }
    List<String> acls = data.get("acl") instanceof List<?> list
        ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
        : List.of();
    String subject = "wazo-auth " + (data.get("auth_id") instanceof String id ? id : "token");
    return new Verified(new Principal(subject, tenantUuid, acls), keep(data.get("utc_expires_at")));
  }

  /** The cache TTL, shortened to the token's remaining life when wazo-auth gives its expiry. */
  private Duration keep(Object utcExpiresAt) {
    if (!(utcExpiresAt instanceof String text)) {
      return cacheTtl;
    }
    try {
      // Python's datetime.isoformat() of a UTC time, without an offset.
      Instant expires = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      Duration left = Duration.between(clock.instant(), expires);
      return left.isNegative() ? Duration.ZERO : (left.compareTo(cacheTtl) < 0 ? left : cacheTtl);
    } catch (DateTimeParseException e) {
      return cacheTtl;
    }
  }

  private void unreachable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String why = cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException
        ? "no answer within " + timeout.toMillis() + " ms"
        : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    failed("wazo-auth at " + baseUrl + " unreachable (" + why + ")");
  }

  /** Logs a failure, at most once per {@link #LOG_EVERY}; the ones in between are counted. */
  private void failed(String message) {
    long now = ticker.read();
    long last = lastFailureLog.get();
    if (last != Long.MIN_VALUE && now - last < LOG_EVERY.toNanos()) {
      unloggedFailures.incrementAndGet();
      return;
    }
    if (lastFailureLog.compareAndSet(last, now)) {
      long skipped = unloggedFailures.getAndSet(0);
      LOG.warn("{}: token refused{}", message, skipped == 0 ? "" : " (" + skipped + " more failures not logged)");
    } else {
      unloggedFailures.incrementAndGet();
    }
  }
}
