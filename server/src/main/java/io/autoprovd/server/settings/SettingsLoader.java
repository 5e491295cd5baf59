package io.autoprovd.server.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.autoprovd.core.provisioning.ProvisioningPolicy;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link ServerSettings} from four layers, each overriding the one before: built-in
 * defaults, the YAML file, environment variables ({@code AUTOPROVD_HTTP_PORT} for {@code
 * http.port}: upper case, dots become underscores) and command-line flags. Reports every problem
 * at once. Keys are dotted paths; the table of keys is {@link #DEFAULTS}.
 */
public final class SettingsLoader {
  /** Every key and its default; a key not in this table is an error. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    var d = new LinkedHashMap<String, String>();
    d.put("data_dir", "data");
    d.put("http.enabled", "true");
    d.put("http.bind", "0.0.0.0");
    d.put("http.port", "8667");
    d.put("http.trusted_proxies", "");
    d.put("tftp.enabled", "true");
    d.put("tftp.bind", "0.0.0.0");
    d.put("tftp.port", "69");
    d.put("rest.enabled", "true");
    d.put("rest.bind", "127.0.0.1");
    d.put("rest.port", "8666");
    d.put("sip.enabled", "true");
    d.put("sip.bind", "0.0.0.0");
    d.put("sip.port", "5060");
    d.put("sip.transports", "udp,tcp");
    d.put("sip.realm", "autoprovd");
    d.put("sip.t1", "500ms");
    d.put("sip.t2", "4s");
    d.put("sip.t4", "5s");
    d.put("sip.code_length", "6");
    d.put("sip.max_wrong_codes", "5");
    d.put("sip.wrong_codes_window", "10m");
    d.put("advertised.host", "");
    d.put("advertised.http_url", "");
    d.put("database.url", "");
    d.put("database.username", "");
    d.put("database.password", "");
    d.put("provisioning.autocreate", "true");
    d.put("provisioning.nat", "false");
    d.put("provisioning.last_seen_resolution", "60s");
    d.put("auth.wazo_auth_url", "");
    d.put("auth.cache_ttl", "10s");
    d.put("sync.strategy", "direct");
    d.put("sync.via_autoprov", "true");
    d.put("sync.transport", "udp");
    d.put("sync.direct_port", "5060");
    d.put("sync.proxy.host", "");
    d.put("sync.proxy.port", "5060");
    d.put("sync.proxy.domain", "");
    d.put("sync.proxy.username", "");
    d.put("sync.proxy.password", "");
    d.put("sync.ami.host", "127.0.0.1");
    d.put("sync.ami.port", "5038");
    d.put("sync.ami.username", "");
    d.put("sync.ami.secret", "");
    d.put("sync.ami.target", "endpoint");
    return Collections.unmodifiableMap(d);
  }

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public SettingsLoader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * @param configFile an explicit file ({@code --config}); when null, {@code autoprovd.yml} is
   *     read from the data directory, then from the working directory, if present
   * @param flags dotted keys given on the command line
   */
  public ServerSettings load(Path configFile, Map<String, String> flags) {
    var values = new LinkedHashMap<>(DEFAULTS);
    var fromEnv = fromEnvironment();
    Path dataDir = Path.of(first(flags.get("data_dir"), fromEnv.get("data_dir"), DEFAULTS.get("data_dir")));
    Path file = configFile != null ? configFile : findFile(dataDir).orElse(null);
    if (file != null) {
      values.putAll(fromFile(file));
    }
    values.putAll(fromEnv);
    values.putAll(checkKeys(flags, "flag"));
    ServerSettings settings = build(values);
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return settings;
  }

  private static String first(String... candidates) {
    return Arrays.stream(candidates).filter(c -> c != null && !c.isBlank()).findFirst().orElse(null);
  }

  private static Optional<Path> findFile(Path dataDir) {
    return List.of(dataDir.resolve("autoprovd.yml"), Path.of("autoprovd.yml")).stream()
        .filter(Files::isRegularFile).findFirst();
  }

  private Map<String, String> fromEnvironment() {
    var values = new LinkedHashMap<String, String>();
    for (String key : DEFAULTS.keySet()) {
      String name = "AUTOPROVD_" + key.toUpperCase().replace('.', '_');
      String value = env.get(name);
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  private Map<String, String> fromFile(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      problems.add(file + ": " + e.getMessage());
      return Map.of();
    }
    var flat = new LinkedHashMap<String, String>();
    if (root != null && !root.isObject()) {
      problems.add(file + ": must be a YAML mapping");
    } else if (root != null) {
      flatten("", root, flat);
    }
    return checkKeys(flat, file.toString());
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(prefix + e.getKey() + ".", e.getValue(), out));
    } else if (node.isArray()) {
      var items = new ArrayList<String>();
      node.forEach(n -> items.add(n.asText()));
      out.put(prefix.substring(0, prefix.length() - 1), String.join(",", items));
    } else {
      out.put(prefix.substring(0, prefix.length() - 1), node.isNull() ? "" : node.asText());
    }
  }

  private Map<String, String> checkKeys(Map<String, String> values, String origin) {
    var known = new LinkedHashMap<String, String>();
    values.forEach((k, v) -> {
      if (DEFAULTS.containsKey(k)) {
        known.put(k, v);
      } else {
        problems.add(origin + ": unknown setting " + k);
      }
    });
    return known;
  }

  private ServerSettings build(Map<String, String> v) {
    var http = listener(v, "http");
    var tftp = listener(v, "tftp");
    var rest = listener(v, "rest");
    var sip = sip(v);
    String host = v.get("advertised.host").isBlank() ? detectHost() : v.get("advertised.host");
    String url = blankToNull(v.get("advertised.http_url"));
    if (url != null && !url.matches("https?://[^/\\s]+(/\\S*)?")) {
      problems.add("advertised.http_url: must be an http:// or https:// URL, got " + url);
    }
    var proxies = v.get("http.trusted_proxies").isBlank() ? List.<String>of()
        : Arrays.stream(v.get("http.trusted_proxies").split(",")).map(String::strip).toList();
    for (String cidr : proxies) {
      if (!Cidr.isValid(cidr)) {
        problems.add("http.trusted_proxies: not an address or CIDR: " + cidr);
      }
    }
    var database = new ServerSettings.Database(blankToNull(v.get("database.url")),
        blankToNull(v.get("database.username")), blankToNull(v.get("database.password")));
    if (!database.embedded() && !database.url().startsWith("jdbc:postgresql:")) {
      problems.add("database.url: only jdbc:postgresql: URLs are supported (empty = SQLite in the data dir)");
    }
    var policy = new ProvisioningPolicy(bool(v, "provisioning.autocreate"), bool(v, "provisioning.nat"),
        duration(v, "provisioning.last_seen_resolution"));
    var auth = new ServerSettings.Auth(wazoAuthUrl(v.get("auth.wazo_auth_url")), duration(v, "auth.cache_ttl"));
    return new ServerSettings(Path.of(v.get("data_dir")), http, tftp, rest, sip, host, url, proxies,
        database, policy, auth, sync(v));
  }

  private ServerSettings.Sip sip(Map<String, String> v) {
    var transports = Arrays.stream(v.get("sip.transports").toLowerCase().split(",")).map(String::strip)
        .filter(t -> !t.isEmpty()).toList();
    for (String t : transports) {
      if (!t.equals("udp") && !t.equals("tcp")) {
        problems.add("sip.transports: udp, tcp or both, got " + t);
      }
    }
    if (transports.isEmpty()) {
      problems.add("sip.transports: udp, tcp or both, got nothing");
    }
    Duration t1 = duration(v, "sip.t1");
    Duration t2 = duration(v, "sip.t2");
    if (t1.isZero()) {
      problems.add("sip.t1: must be more than 0");
    }
    if (t2.compareTo(t1) < 0) {
      problems.add("sip.t2: must be at least sip.t1");
    }
    int codeLength = integer(v, "sip.code_length", 4, 16);
    int maxWrong = integer(v, "sip.max_wrong_codes", 1, 1000);
    String realm = v.get("sip.realm").strip();
    if (realm.isEmpty() || realm.contains("\"")) {
      problems.add("sip.realm: must be a non-empty name without quotes");
    }
    return new ServerSettings.Sip(bool(v, "sip.enabled"), v.get("sip.bind").strip(), port(v, "sip.port", false),
        transports.contains("udp"), transports.contains("tcp"), realm, t1, t2, duration(v, "sip.t4"), codeLength,
        maxWrong, duration(v, "sip.wrong_codes_window"));
  }

  private ServerSettings.Sync sync(Map<String, String> v) {
    ServerSettings.Sync.Strategy strategy = switch (v.get("sync.strategy").strip().toLowerCase()) {
      case "direct" -> ServerSettings.Sync.Strategy.DIRECT;
      case "proxy" -> ServerSettings.Sync.Strategy.PROXY;
      case "ami" -> ServerSettings.Sync.Strategy.AMI;
      case "none" -> ServerSettings.Sync.Strategy.NONE;
      default -> {
        problems.add("sync.strategy: direct, proxy, ami or none, got " + v.get("sync.strategy"));
        yield ServerSettings.Sync.Strategy.NONE;
      }
    };
    String transport = v.get("sync.transport").strip().toLowerCase();
    if (!transport.equals("udp") && !transport.equals("tcp")) {
      problems.add("sync.transport: udp or tcp, got " + transport);
    }
    var proxy = new ServerSettings.Sync.Proxy(v.get("sync.proxy.host").strip(), port(v, "sync.proxy.port", false),
        v.get("sync.proxy.domain").strip(), blankToNull(v.get("sync.proxy.username")),
        blankToNull(v.get("sync.proxy.password")));
    if (strategy == ServerSettings.Sync.Strategy.PROXY && proxy.host().isEmpty()) {
      problems.add("sync.proxy.host: required with sync.strategy proxy");
    }
    String target = v.get("sync.ami.target").strip().toLowerCase();
    if (!target.equals("endpoint") && !target.equals("uri")) {
      problems.add("sync.ami.target: endpoint or uri, got " + target);
    }
    var ami = new ServerSettings.Sync.Ami(v.get("sync.ami.host").strip(), port(v, "sync.ami.port", false),
        blankToNull(v.get("sync.ami.username")), blankToNull(v.get("sync.ami.secret")), target.equals("uri"));
    if (strategy == ServerSettings.Sync.Strategy.AMI && (ami.username() == null || ami.secret() == null)) {
      problems.add("sync.ami.username and sync.ami.secret: required with sync.strategy ami");
    }
    return new ServerSettings.Sync(strategy, bool(v, "sync.via_autoprov"), transport,
        port(v, "sync.direct_port", false), proxy, ami);
  }

  private int integer(Map<String, String> v, String key, int min, int max) {
    try {
      int n = Integer.parseInt(v.get(key).strip());
      if (n < min || n > max) {
        problems.add(key + ": must be " + min + ".." + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(key + ": must be a number, got " + v.get(key));
      return min;
    }
  }

  /** Empty = autoprovd's own tokens; else wazo-auth's base URL: http(s), a host, no query. */
  private java.net.URI wazoAuthUrl(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      var uri = new java.net.URI(value.strip());
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        problems.add("auth.wazo_auth_url: must be http(s)://host[:port][/path], got " + value);
        return null;
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      problems.add("auth.wazo_auth_url: not a URL: " + value);
      return null;
    }
  }

  private ServerSettings.Listener listener(Map<String, String> v, String name) {
    return new ServerSettings.Listener(bool(v, name + ".enabled"), v.get(name + ".bind"), port(v, name + ".port", true));
  }

  private int port(Map<String, String> v, String key, boolean zeroAllowed) {
    try {
      int port = Integer.parseInt(v.get(key).strip());
      if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
        problems.add(key + ": must be " + (zeroAllowed ? 0 : 1) + "..65535, got " + port);
      }
      return port;
    } catch (NumberFormatException e) {
      problems.add(key + ": must be a port number, got " + v.get(key));
      return 0;
    }
  }

  private boolean bool(Map<String, String> v, String key) {
    String value = v.get(key).strip().toLowerCase();
    return switch (value) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> {
        problems.add(key + ": must be true or false, got " + value);
        yield false;
      }
    };
  }

  /** Durations as {@code 90s}, {@code 5m}, {@code 2h}, {@code 250ms}, like Caffeine's spec strings. */
  private Duration duration(Map<String, String> v, String key) {
    String value = v.get(key).strip();
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
    if (!m.matches()) {
      problems.add(key + ": must be a duration such as 250ms, 60s, 5m, 2h, got " + value);
      return Duration.ZERO;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The first non-loopback IPv4 address, so phones on the LAN are told a reachable one. */
  static String detectHost() {
    try {
      var interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
      for (NetworkInterface nic : interfaces) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback: the server still works for local tests
    }
    return "127.0.0.1";
  }
}
