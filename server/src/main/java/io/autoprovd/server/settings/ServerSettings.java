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
    Sip sip,
    String advertisedHost,
    String advertisedHttpUrl,
    List<String> trustedProxies,
    Database database,
    ProvisioningPolicy policy,
    Auth auth,
    Sync sync) {

  public ServerSettings {
    Objects.requireNonNull(dataDir, "data_dir");
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** The port of the autoprov SIP service, written into autoprov lines. */
  public int sipPort() {
    return sip.port();
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

  /**
   * The autoprov SIP service (docs/sip-and-codes.md): where it listens, its Digest realm, the RFC
   * 3261 timer base values, and the provisioning-code rules it shares with the REST claim.
   *
   * @param codeLength digits of a generated provisioning code
   * @param maxWrongCodes wrong codes a device may dial within {@code wrongCodesWindow} before it is refused
   */
  public record Sip(boolean enabled, String bind, int port, boolean udp, boolean tcp, String realm,
      java.time.Duration t1, java.time.Duration t2, java.time.Duration t4, int codeLength, int maxWrongCodes,
      java.time.Duration wrongCodesWindow) {}

  /**
   * How phones are told to resync (ARCHITECTURE §7).
   *
   * @param viaAutoprov a device registered to the autoprov SIP service is reached through that
   *     registration first, whatever the strategy
   * @param transport udp or tcp, for the direct and proxy strategies
   * @param directPort the port the direct strategy sends to on the device's address
   */
  public record Sync(Strategy strategy, boolean viaAutoprov, String transport, int directPort, Proxy proxy, Ami ami) {
    public enum Strategy { DIRECT, PROXY, AMI, NONE }

    /** The outbound proxy / registrar of strategy 2; {@code domain} empty = the line's registrar. */
    public record Proxy(String host, int port, String domain, String username, String password) {
      @Override
      public String toString() {
        return "Proxy[host=" + host + ", port=" + port + ", domain=" + domain + ", username=" + username
            + ", password=" + (password == null ? "null" : "***") + "]";
      }
    }

    /** The Asterisk manager of strategy 3; {@code byUri} sends to the device's address instead of its endpoint. */
    public record Ami(String host, int port, String username, String secret, boolean byUri) {
      @Override
      public String toString() {
        return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", secret="
            + (secret == null ? "null" : "***") + ", byUri=" + byUri + "]";
      }
    }
  }
}
