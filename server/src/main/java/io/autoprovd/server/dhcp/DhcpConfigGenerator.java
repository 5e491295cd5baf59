package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Mac;
import io.autoprovd.server.dhcp.Provision.Value;
import java.util.List;
import java.util.Optional;

/**
 * The DHCP configuration for ISC dhcpd or Kea that points phones at this server. Pure: the same
 * request and targets give the same text, byte for byte.
 */
public final class DhcpConfigGenerator {
  private DhcpConfigGenerator() {}

  /**
   * @param knownVendor the stored device's vendor when {@code request.device()} is a known device,
   *     else null; it chooses the host declaration's options when the MAC prefix does not
   */
  public static String generate(DhcpConfigRequest request, DhcpTargets targets, String knownVendor) {
    List<Provision> device = request.device() == null ? List.of() : deviceProvisions(request.device(), knownVendor);
    return switch (request.format()) {
      case ISC -> new IscConfigWriter(targets).write(request, device);
      case KEA -> new KeaConfigWriter(targets).write(request, device);
    };
  }

  /**
   * What one device's host declaration hands out: its vendor's provisions, the vendor known from
   * its MAC prefix or from the stored device; else option 66 with the provisioning URL, as the
   * product guide's host example does.
   */
  static List<Provision> deviceProvisions(Mac mac, String knownVendor) {
    Optional<VendorProfile> profile = VendorTable.byOui(mac).filter(p -> !p.provisions().isEmpty());
    if (profile.isEmpty() && knownVendor != null) {
      profile = VendorTable.byVendor(knownVendor);
    }
    return profile.map(VendorProfile::provisions)
        .orElse(List.of(Provision.of(Provision.Field.TFTP_SERVER_NAME, new Value.HttpUrl(""))));
  }
}
