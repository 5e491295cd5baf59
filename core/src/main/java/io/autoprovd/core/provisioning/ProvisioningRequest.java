package io.autoprovd.core.provisioning;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A phone's request for a file, whatever the transport: the one value that crosses from listeners
 * into the pipeline. Listeners resolve the client address (trusted proxies only) before building it.
 *
 * @param path the requested name as the phone sent it, decoded (URL-decoded for HTTP); checked by
 *     {@link RequestPaths} before anything else reads it
 * @param headers HTTP headers with lower-case names; empty for TFTP
 */
public record ProvisioningRequest(
    String requestId,
    Transport transport,
    String peerIp,
    String path,
    Map<String, String> headers,
    Instant receivedAt) {

  /** For {@link Transport#DHCP}: the leased MAC address, which names the device (dhcp.md §4.1). */
  public static final String DHCP_MAC = "dhcp-mac";

  /** For {@link Transport#DHCP}: the client's vendor class (option 60), read by {@code dhcp_vendor_class} rules. */
  public static final String DHCP_VENDOR_CLASS = "dhcp-vendor-class";

  public ProvisioningRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(peerIp, "peerIp");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(receivedAt, "receivedAt");
    headers = headers == null ? Map.of() : headers.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
  }

  /** A header by case-insensitive name. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> userAgent() {
    return header("user-agent").filter(ua -> !ua.isBlank());
  }
}
