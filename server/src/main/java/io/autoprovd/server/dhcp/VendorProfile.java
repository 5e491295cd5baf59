package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Mac;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * How a DHCP server recognises one vendor's phones (or one family of them) and what it hands
 * them: one generated client class. A client belongs to the class when its vendor class matches
 * one of {@code vendorClasses} and none of {@code vendorClassesExcept}, or when its MAC starts
 * with one of {@code ouis} and the OUI condition holds.
 *
 * @param id the class name suffix ({@code autoprovd-<id>}); lower case, digits and dashes
 * @param vendor the vendor as devices name it ({@code device.vendor}), for OUI identification
 * @param ouis MAC prefixes, six lower-case hex digits
 * @param ouiOnlyWithoutVendorClass an OUI counts only for a client that sends no vendor class
 * @param ouiExcept an OUI does not count for a client whose vendor class matches one of these
 * @param provisions what the class sets; empty for phones the reference recognises but sends
 *     nothing (kept so that the generated file says so)
 * @param source where the rule comes from and any deviation from it, for the generated comment
 */
public record VendorProfile(
    String id,
    String vendor,
    List<VendorClassMatch> vendorClasses,
    List<VendorClassMatch> vendorClassesExcept,
    List<String> ouis,
    boolean ouiOnlyWithoutVendorClass,
    List<VendorClassMatch> ouiExcept,
    List<Provision> provisions,
    String source) {

  public VendorProfile {
    if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("id: lower case, digits and dashes: " + id);
    }
    Objects.requireNonNull(vendor, "vendor");
    vendorClasses = List.copyOf(vendorClasses);
    vendorClassesExcept = List.copyOf(vendorClassesExcept);
    ouis = List.copyOf(ouis);
    ouiExcept = List.copyOf(ouiExcept);
    provisions = List.copyOf(provisions);
    for (String oui : ouis) {
      if (!oui.matches("[0-9a-f]{6}")) {
        throw new IllegalArgumentException(id + ": OUI must be six lower-case hex digits: " + oui);
      }
    }
    if (vendorClasses.isEmpty() && ouis.isEmpty()) {
      throw new IllegalArgumentException(id + ": matches nothing");
    }
  }

  /** The OUI as the DHCP servers write it, {@code 00:15:65}. */
  public static String colonOui(String oui) {
    return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(oui));
  }

  /** Whether a client with this MAC and vendor class (null: none sent) belongs to the class. */
  public boolean matches(Mac mac, String vendorClass, String userClass) {
    boolean byClass = vendorClasses.stream().anyMatch(m -> m.matches(sent(m, vendorClass, userClass)))
        && vendorClassesExcept.stream().noneMatch(m -> m.matches(sent(m, vendorClass, userClass)));
    if (byClass) {
      return true;
    }
    return mac != null && ouis.contains(mac.oui())
        && !(ouiOnlyWithoutVendorClass && vendorClass != null)
        && ouiExcept.stream().noneMatch(m -> m.matches(sent(m, vendorClass, userClass)));
  }

  private static String sent(VendorClassMatch m, String vendorClass, String userClass) {
    return m.option() == 77 ? userClass : vendorClass;
  }
}
