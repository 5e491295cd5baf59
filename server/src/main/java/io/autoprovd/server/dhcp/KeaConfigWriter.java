package io.autoprovd.server.dhcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.autoprovd.core.device.Mac;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a complete {@code kea-dhcp4} configuration (Kea ARM, "The DHCPv4 Server"): one client
 * class per vendor profile, the run_script hook that reports leases to autoprovd, and optionally a
 * subnet and one device's reservation. Plain JSON, so explanations go in Kea's {@code comment}
 * entries.
 */
final class KeaConfigWriter {
  static final String HOOK = "autoprovd-kea-hook";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final DhcpTargets targets;

  KeaConfigWriter(DhcpTargets targets) {
    this.targets = targets;
  }

  String write(DhcpConfigRequest request, List<Provision> deviceProvisions) {
    var dhcp4 = new LinkedHashMap<String, Object>();
    var comment = new StringBuilder("autoprovd: DHCP configuration for Kea (docs/dhcp.md). Phones are sent to ")
        .append(targets.httpUrl()).append(" (HTTP) and ").append(targets.tftpHost()).append(" (TFTP).");
    if (targets.tftpOffStandardPort()) {
      comment.append(" autoprovd's TFTP listener is on port ").append(targets.tftpPort())
          .append("; phones told to use TFTP by DHCP ask port 69: redirect UDP 69 to it.");
    }
    dhcp4.put("comment", comment.toString());
    dhcp4.put("interfaces-config", Map.of("interfaces", request.interfaces()));
    var leases = new LinkedHashMap<String, Object>();
    leases.put("type", "memfile");
    leases.put("persist", true);
    leases.put("name", request.leaseFile());
    dhcp4.put("lease-database", leases);
    dhcp4.put("option-def", List.of(
        optionDef("autoprovd-cisco-tftp-servers", 150, "ipv4-address", true),
        optionDef("autoprovd-provisioning-url", 160, "string", false)));
    var classes = new ArrayList<Object>();
    for (VendorProfile profile : VendorTable.PROFILES) {
      classes.add(clientClass(profile));
    }
    dhcp4.put("client-classes", classes);
    var hook = new LinkedHashMap<String, Object>();
    hook.put("library", request.keaHooksDir() + "/libdhcp_run_script.so");
    // sync must be false (Kea ARM, run_script): Kea starts the script and does not wait for it.
    hook.put("parameters", Map.of("name", request.hookDir() + "/" + HOOK, "sync", false));
    dhcp4.put("hooks-libraries", List.of(hook));
    Map<String, Object> reservation = request.device() == null ? null : reservation(request.device(), deviceProvisions);
    if (request.subnet() != null) {
      var subnet = new LinkedHashMap<String, Object>();
      subnet.put("id", 1);
      subnet.put("comment", "the phones' subnet");
      subnet.put("subnet", request.subnet().cidr());
      subnet.put("pools", List.of(Map.of("pool", request.subnet().rangeStart() + " - " + request.subnet().rangeEnd())));
      subnet.put("option-data", List.of(option("routers", request.subnet().router().toString())));
      if (reservation != null) {
        subnet.put("reservations", List.of(reservation));
      }
      dhcp4.put("subnet4", List.of(subnet));
    } else if (reservation != null) {
      // Without a subnet the reservation is global (Kea ≥ 1.9.1), looked up before subnet ones.
      dhcp4.put("reservations-global", true);
      dhcp4.put("reservations-in-subnet", true);
      dhcp4.put("reservations", List.of(reservation));
    }
    try {
      return JSON.writeValueAsString(Map.of("Dhcp4", dhcp4)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the Kea configuration", e);
    }
  }

  private Map<String, Object> clientClass(VendorProfile profile) {
    var c = new LinkedHashMap<String, Object>();
    c.put("name", "autoprovd-" + profile.id());
    c.put("comment", profile.vendor() + ": " + profile.source()
        + (profile.provisions().isEmpty() ? " (recognised, nothing is sent)" : ""));
    c.put("test", ClassTest.of(profile).print(KeaConfigWriter::atom, " "));
    if (profile.provisions().stream().anyMatch(KeaConfigWriter::textInOption43)) {
      // Kea reads option 43 as sub-options; a class may redefine it (Kea ARM, "DHCPv4 vendor-specific
      // options"), here as the plain string Fanvil and Thomson phones read.
      c.put("option-def", List.of(Map.of("name", "vendor-encapsulated-options", "code", 43, "type", "string")));
    }
    apply(profile.provisions(), c, true);
    return c;
  }

  private Map<String, Object> reservation(Mac mac, List<Provision> provisions) {
    var r = new LinkedHashMap<String, Object>();
    r.put("hw-address", mac.value());
    apply(provisions, r, false);
    return r;
  }

  /**
   * Puts the provisions into a class or reservation: its option-data and BOOTP fields.
   *
   * @param classScope a reservation cannot redefine option 43: a plain string there is left to the
   *     vendor's class, which the device's MAC prefix puts it in
   */
  private void apply(List<Provision> provisions, Map<String, Object> scope, boolean classScope) {
    var options = new ArrayList<Object>();
    for (Provision provision : provisions) {
      if (!classScope && textInOption43(provision)) {
        continue;
      }
      Provision.Value value = provision.value();
      if (value instanceof Provision.Value.SubOptions subs) {
        // Given as bytes: Kea re-reads them as sub-options and sends them unchanged.
        var o = option("vendor-encapsulated-options", HexFormat.of().formatHex(targets.encode(subs)));
        o.put("csv-format", false);
        options.add(o);
        continue;
      }
      var text = targets.text(value);
      if (text.isEmpty()) {
        continue;
      }
      String t = text.get();
      switch (provision.field()) {
        case TFTP_SERVER_NAME -> options.add(option("tftp-server-name", escaped(t)));
        case BOOTFILE_NAME -> options.add(option("boot-file-name", escaped(t)));
        case VENDOR_ENCAPSULATED -> options.add(option("vendor-encapsulated-options", escaped(t)));
        case DEFAULT_URL -> {
          var o = new LinkedHashMap<String, Object>();
          o.put("code", 114);
          o.put("data", escaped(t));
          options.add(o);
        }
        case CISCO_TFTP_SERVERS -> options.add(option("autoprovd-cisco-tftp-servers", t));
        case PROVISIONING_URL -> options.add(option("autoprovd-provisioning-url", escaped(t)));
        case NEXT_SERVER -> scope.put("next-server", t);
        case BOOT_FILE -> scope.put("boot-file-name", t);
      }
    }
    if (!options.isEmpty()) {
      scope.put("option-data", options);
    }
  }

  private static boolean textInOption43(Provision provision) {
    return provision.field() == Provision.Field.VENDOR_ENCAPSULATED && !(provision.value() instanceof Provision.Value.SubOptions);
  }

  private static LinkedHashMap<String, Object> option(String name, String data) {
    var o = new LinkedHashMap<String, Object>();
    o.put("name", name);
    o.put("data", data);
    return o;
  }

  private static Map<String, Object> optionDef(String name, int code, String type, boolean array) {
    var d = new LinkedHashMap<String, Object>();
    d.put("name", name);
    d.put("code", code);
    d.put("space", "dhcp4");
    d.put("type", type);
    d.put("array", array);
    return d;
  }

  /** In csv-format data a comma separates fields; a comma inside a string is written {@code \,}. */
  private static String escaped(String text) {
    return text.replace(",", "\\,");
  }

  private static String atom(ClassTest.Atom atom) {
    return switch (atom) {
      case ClassTest.SentClass sent -> {
        VendorClassMatch m = sent.match();
        String option = "option[" + m.option() + "].hex";
        int length = m.value().length();
        yield switch (m.kind()) {
          case EXACT -> option + " == " + constant(m.value());
          case PREFIX -> "substring(" + option + ",0," + length + ") == " + constant(m.value());
          case SUFFIX -> "substring(" + option + ",-" + length + ",all) == " + constant(m.value());
        };
      }
      case ClassTest.MacPrefix prefix -> "substring(pkt4.mac,0,3) == 0x" + prefix.oui();
      case ClassTest.NoVendorClass none -> "not option[60].exists";
    };
  }

  /** A quoted string when plain printable ASCII, else a hex literal (a trailing NUL, say). */
  private static String constant(String value) {
    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')) {
      return "'" + value + "'";
    }
    return "0x" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.ISO_8859_1));
  }
}
