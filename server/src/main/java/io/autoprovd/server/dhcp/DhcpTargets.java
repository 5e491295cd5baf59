package io.autoprovd.server.dhcp;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the generated DHCP configuration sends phones: this server's provisioning URL and its TFTP
 * listener, as advertised.
 *
 * @param httpUrl the base provisioning URL ({@code http_base_url} of the base raw config), without
 *     a trailing slash
 * @param tftpHost the name or address phones reach the TFTP listener at ({@code advertised.host})
 * @param tftpPort the TFTP listener's port; phones that read a TFTP server from options 66, 150 or
 *     the BOOTP header always use port 69
 */
public record DhcpTargets(String httpUrl, String tftpHost, int tftpPort) {

  public DhcpTargets {
    Objects.requireNonNull(httpUrl, "httpUrl");
    Objects.requireNonNull(tftpHost, "tftpHost");
    while (httpUrl.endsWith("/")) {
      httpUrl = httpUrl.substring(0, httpUrl.length() - 1);
    }
  }

  /**
   * From the base raw config ({@code http_base_url}, {@code tftp_port}) and the advertised host;
   * without an advertised host, the provisioning URL's host serves for TFTP as well.
   */
  public static DhcpTargets from(Map<String, Object> baseRawConfig, String advertisedHost) {
    String url = String.valueOf(baseRawConfig.get("http_base_url"));
    String host = advertisedHost != null && !advertisedHost.isBlank() ? advertisedHost : URI.create(url).getHost();
    int tftpPort = baseRawConfig.get("tftp_port") instanceof Number n ? n.intValue() : 69;
    return new DhcpTargets(url, host, tftpPort);
  }

  /** The TFTP host as an IPv4 address, when it is one (options 150 and {@code next-server} need one). */
  public Optional<Ipv4> tftpAddress() {
    return Ipv4.parse(tftpHost);
  }

  /** A text value; empty for an address this server does not have (a host name where an IPv4 address is needed). */
  public Optional<String> text(Provision.Value value) {
    return switch (value) {
      case Provision.Value.HttpUrl url -> Optional.of(httpUrl + url.suffix());
      case Provision.Value.TftpHost host -> Optional.of(tftpHost);
      case Provision.Value.TftpAddress address -> tftpAddress().map(Ipv4::toString);
      case Provision.Value.Text text -> Optional.of(text.text());
      case Provision.Value.SubOptions subOptions -> Optional.empty();
    };
  }

  /**
   * Option 43's bytes for sub-options (RFC 2132 §8.4: code, length, value); a text is one
   * character per byte.
   *
   * @throws IllegalArgumentException when a value is longer than the 255 bytes a sub-option holds
   */
  public byte[] encode(Provision.Value.SubOptions subOptions) {
    var out = new java.io.ByteArrayOutputStream();
    for (Provision.SubOption sub : subOptions.subOptions()) {
      byte[] value = switch (sub.value()) {
        case Provision.SubValue.Url url -> (httpUrl + url.suffix()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        case Provision.SubValue.Flag flag -> new byte[] {(byte) (flag.on() ? 1 : 0)};
      };
      if (value.length > 255) {
        throw new IllegalArgumentException("option 43 sub-option " + sub.code() + " (" + sub.name()
            + "): longer than 255 bytes");
      }
      out.write(sub.code());
      out.write(value.length);
      out.writeBytes(value);
    }
    return out.toByteArray();
  }

  /** True when phones told to use TFTP by DHCP would not find this server (it does not listen on 69). */
  public boolean tftpOffStandardPort() {
    return tftpPort != 69;
  }
}
