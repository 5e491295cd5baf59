package io.autoprovd.server.settings;

import io.autoprovd.core.provisioning.ProvisioningPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a running server is told, as one immutable tree. Built by {@link SettingsLoader} from
 * defaults, {@code autoprovd.yml}, environment variables and command-line flags (later wins). Each
 * component receives only its own slice. Every default is listed in {@code docs/configuration.md}.
 *
 * @param advertisedHost the address phones reach this server at (NTP, SIP registrar of autoprov)
 * @param advertisedHttpUrl the provisioning URL phones are given ({@code http_base_url}); null to
 *     derive it from the advertised host and the HTTP port actually bound
 */
public record ServerSettings(
    Path dataDir,
    Listener http,
    Listener tftp,
    Listener rest,
    int sipPort,
    String advertisedHost,
    String advertisedHttpUrl,
    List<String> trustedProxies,
    Database database,
    ProvisioningPolicy policy,
    Auth auth) {

  public ServerSettings {
    Objects.requireNonNull(dataDir, "data_dir");
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** The provisioning URL, given the port the HTTP listener actually bound (differs when 0). */
  public String advertisedHttpUrl(int boundHttpPort) {
    return advertisedHttpUrl != null ? advertisedHttpUrl : "http://" + advertisedHost + ":" + boundHttpPort;
  }

  /** One listening socket; {@code enabled=false} leaves it closed, port 0 picks a free port. */
  public record Listener(boolean enabled, String bind, int port) {}

  /**
   * How REST tokens are checked: by autoprovd's own token store, or by wazo-auth when {@code
   * wazoAuthUrl} is set. {@code cacheTtl}: how long a valid token is trusted before it is checked
   * again (also how late a revocation made by another process takes effect).
   */
  public record Auth(java.net.URI wazoAuthUrl, java.time.Duration cacheTtl) {
    public java.util.Optional<java.net.URI> wazoAuth() {
      return java.util.Optional.ofNullable(wazoAuthUrl);
    }
  }

  /** Where the data lives: SQLite in the data directory unless a JDBC URL is given. */
  public record Database(String url, String username, String password) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }

    @Override
    public String toString() {
      return "Database[url=" + (embedded() ? "<sqlite in data dir>" : url) + ", username=" + username
          + ", password=" + (password == null ? "null" : "***") + "]";
    }
  }
}
