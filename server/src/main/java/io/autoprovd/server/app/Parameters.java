package io.autoprovd.server.app;

import io.autoprovd.store.ParameterStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The server parameters of {@code /0.2/configure} (provd-rest-api.md §8.6), stored in the
 * database. Global parameters ({@code plugin_server}, proxies, {@code locale}, {@code NAT}) belong
 * to the installation; {@code provisioning_key} belongs to each tenant and is unique across them.
 * Values are text (or unset); {@code NAT} is shown as the integer 0 or 1, as the reference does.
 * Thread-safe: every read goes to the store, every write is one durable statement.
 */
public final class Parameters {
  public static final String PLUGIN_SERVER = "plugin_server";
  public static final String HTTP_PROXY = "http_proxy";
  public static final String FTP_PROXY = "ftp_proxy";
  public static final String HTTPS_PROXY = "https_proxy";
  public static final String LOCALE = "locale";
  public static final String NAT = "NAT";
  public static final String PROVISIONING_KEY = "provisioning_key";

  private static final int MAX_URL = 2048;
  private static final Pattern LOCALE_FORM = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,3})?");
  private static final Pattern KEY_FORM = Pattern.compile("[A-Za-z0-9\\-$~.]{8,256}");

  /**
   * One parameter: whether it is global or per tenant, its description for listings, and its
   * check, which returns the problem with a value or empty when it is acceptable.
   */
  public record Definition(String id, boolean global, String description, Function<String, Optional<String>> check) {}

  private static final List<Definition> DEFINITIONS = List.of(
      new Definition(PLUGIN_SERVER, true, "The plugins repository URL", Parameters::url),
      new Definition(HTTP_PROXY, true, "The proxy for HTTP requests. Format is \"http://[user:password@]host:port\"",
          Parameters::proxy),
      new Definition(FTP_PROXY, true, "The proxy for FTP requests. Format is \"http://[user:password@]host:port\"",
          Parameters::proxy),
      new Definition(HTTPS_PROXY, true, "The proxy for HTTPS requests. Format is \"host:port\"",
          Parameters::httpsProxy),
      new Definition(LOCALE, true, "The current locale. Example: fr_FR",
          v -> LOCALE_FORM.matcher(v).matches() ? Optional.empty() : Optional.of("must be ll or ll_CC, e.g. fr_FR")),
      new Definition(NAT, true, "Set to 1 if all the devices are behind a NAT",
          v -> v.equals("0") || v.equals("1") ? Optional.empty() : Optional.of("must be \"0\" or \"1\"")),
      new Definition(PROVISIONING_KEY, false, "The provisioning key of the tenant: the first segment of its phones' URLs",
          v -> KEY_FORM.matcher(v).matches() ? Optional.empty()
              : Optional.of("must be 8 to 256 characters among A-Z a-z 0-9 - $ ~ .")));

  private final ParameterStore store;
  private final Map<String, String> defaults;
  private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();

  /** @param defaults global values that apply while nothing is stored (e.g. NAT from the settings file) */
  public Parameters(ParameterStore store, Map<String, String> defaults) {
    this.store = store;
    this.defaults = Map.copyOf(defaults);
  }

  public static List<Definition> definitions() {
    return DEFINITIONS;
  }

  public static Optional<Definition> definition(String id) {
    return DEFINITIONS.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** The global values in force: stored ones over the defaults. */
  public Map<String, String> global() {
    var values = new LinkedHashMap<>(defaults);
    values.putAll(store.scope(ParameterStore.GLOBAL));
    return Map.copyOf(values);
  }

  /** The value as the API shows it ({@code NAT} as an integer); null when unset. */
  public Object value(String id, String tenant) {
    Definition d = definition(id).orElseThrow(() -> new IllegalArgumentException("unknown parameter " + id));
    String text = d.global() ? global().get(id) : store.scope(tenant).get(id);
    if (NAT.equals(id)) {
      return "1".equals(text) ? 1 : 0;
    }
    return text;
  }

  /**
   * Sets or (with null) unsets a parameter: global ones for the installation, the others for
   * {@code tenant}. Invalid values and a provisioning key held by another tenant are refused and
   * nothing is written.
   */
  public Outcome<Void> set(String id, String tenant, Object value) {
    Definition d = definition(id).orElse(null);
    if (d == null) {
      return new Outcome.Missing<>("parameter " + id);
    }
    if (value != null && !(value instanceof String)) {
      return new Outcome.Invalid<>(List.of("param.value: must be a string or null"));
    }
    String text = (String) value;
    if (text != null) {
      var problem = d.check().apply(text);
      if (problem.isPresent()) {
        return new Outcome.Invalid<>(List.of("param.value: " + problem.get()));
      }
    }
    return switch (store.put(d.global() ? ParameterStore.GLOBAL : tenant, id, text)) {
      case ParameterStore.Write.Stored s -> {
        if (d.global()) {
          Map<String, String> now = global();
          listeners.forEach(l -> l.accept(now));
        }
        yield new Outcome.Done<>(null);
      }
      case ParameterStore.Write.Duplicate dup -> new Outcome.Conflict<>(id + " is already used by another tenant");
    };
  }

  /**
   * Calls {@code listener} now with the global values, then after every change of one of them
   * (e.g. the plugin downloader's server and proxies). Listeners run on the writer's thread.
   */
  public void onGlobalChange(Consumer<Map<String, String>> listener) {
    listeners.add(listener);
    listener.accept(global());
  }

  private static Optional<String> url(String v) {
    return parse(v).flatMap(uri -> uri.getScheme() == null || uri.getHost() == null
        ? Optional.of("must be a URL with a scheme and a host") : Optional.empty());
  }

  private static Optional<String> proxy(String v) {
    return parse(v).flatMap(uri -> {
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.of("must be scheme://[user:password@]host:port");
      }
      boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/");
      return hasPath || uri.getRawQuery() != null ? Optional.of("must have no path") : Optional.empty();
    });
  }

  private static Optional<String> httpsProxy(String v) {
    if (v.isBlank() || v.length() > MAX_URL) {
      return Optional.of("must be host:port");
    }
    return v.contains("://") ? Optional.of("must be host:port, without a scheme") : Optional.empty();
  }

  private static Optional<URI> parseOrEmpty(String v) {
    try {
      return v.length() > MAX_URL ? Optional.empty() : Optional.of(new URI(v));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The URI, or a problem when the text is not one: empty means "parsed", carried as the value. */
  private static Optional<URI> parse(String v) {
    return parseOrEmpty(v).or(() -> Optional.of(URI.create("invalid:x")));
  }
}
