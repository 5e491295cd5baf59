package io.autoprovd.server.plugin;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where plugin packs come from and how to reach the internet: wazo-provd's {@code plugin_server},
 * {@code http_proxy} and {@code https_proxy} parameters (provd-rest-api.md §8.6). Read afresh for
 * every download, so a changed parameter applies to the next one.
 *
 * @param pluginServer base URL of the repository (its {@code index.json} and archives); null when
 *     none is set
 * @param httpProxy proxy for {@code http://} downloads, as {@code http://host:port}; null for none
 * @param httpsProxy proxy for {@code https://} downloads, as {@code host:port} (the reference's
 *     form) or {@code http://host:port}; null for none
 */
public record DownloadSettings(URI pluginServer, String httpProxy, String httpsProxy) {
  public static final DownloadSettings NONE = new DownloadSettings(null, null, null);

  public DownloadSettings {
    httpProxy = blankToNull(httpProxy);
    httpsProxy = blankToNull(httpsProxy);
  }

  /** From settings text, where empty means unset. */
  public static DownloadSettings of(String pluginServer, String httpProxy, String httpsProxy) {
    String server = blankToNull(pluginServer);
    return new DownloadSettings(server == null ? null : URI.create(server.endsWith("/") ? server : server + "/"),
        httpProxy, httpsProxy);
  }

  /** The proxy for a URL's scheme, if one is set. */
  public Optional<InetSocketAddress> proxyFor(URI url) {
    String proxy = "https".equals(url.getScheme()) ? httpsProxy : httpProxy;
    if (proxy == null) {
      return Optional.empty();
    }
    String hostPort = proxy.contains("://") ? URI.create(proxy).getRawAuthority() : proxy;
    if (hostPort.contains("@")) {
      // Credentials in a proxy URL are not supported: the JDK client would need them per scheme.
      hostPort = hostPort.substring(hostPort.lastIndexOf('@') + 1);
    }
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port = colon < 0 ? 3128 : Integer.parseInt(hostPort.substring(colon + 1));
    return Optional.of(InetSocketAddress.createUnresolved(host.toLowerCase(Locale.ROOT), port));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
