package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Mac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the configuration for ISC dhcpd ({@code dhcpd.conf(5)}, {@code dhcp-eval(5)}): one class
 * per vendor profile, the lease hooks that report to autoprovd, and optionally a subnet and one
 * device's host declaration. The text is meant to be included from the site's {@code dhcpd.conf}.
 */
final class IscConfigWriter {
  static final String HOOK = "autoprovd-isc-hook";
  private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

  private final DhcpTargets targets;
  private final StringBuilder out = new StringBuilder();

  IscConfigWriter(DhcpTargets targets) {
    this.targets = targets;
  }

  String write(DhcpConfigRequest request, List<Provision> deviceProvisions) {
    line("# autoprovd: DHCP configuration for ISC dhcpd (docs/dhcp.md). Generated; edit the request, not this text.");
    line("# Phones are sent to " + targets.httpUrl() + " (HTTP) and " + targets.tftpHost() + " (TFTP).");
    line("# Include it from dhcpd.conf, at the top level:  include \"/etc/dhcp/autoprovd.conf\";");
    if (targets.tftpOffStandardPort()) {
      line("# Note: autoprovd's TFTP listener is on port " + targets.tftpPort() + "; phones told to use TFTP by");
      line("# DHCP ask port 69: redirect UDP 69 to " + targets.tftpPort() + " on the autoprovd host.");
    }
    line("");
    line("# Options dhcpd has no name for. Option 160 is the provisioning URL of AudioCodes, Polycom and");
    line("# Yealink; option 150 is Cisco's list of TFTP servers.");
    line("option autoprovd-cisco-tftp-servers code 150 = array of ip-address;");
    line("option autoprovd-provisioning-url code 160 = text;");
    line("");
    line("# One class per vendor: a phone is recognised by its vendor class (option 60) or its MAC prefix,");
    line("# and is sent the option its vendor reads, when it asks for it. When two classes set the same");
    line("# option, dhcpd uses the one declared first: vendor classes come before MAC prefixes.");
    for (VendorProfile profile : VendorTable.PROFILES) {
      line("");
      writeClass(profile);
    }
    line("");
    writeHooks(request.hookDir());
    if (request.subnet() != null) {
      line("");
      writeSubnet(request.subnet());
    }
    if (request.device() != null) {
      line("");
      writeHost(request.device(), deviceProvisions);
    }
    return out.toString();
  }

  private void writeClass(VendorProfile profile) {
    line("# " + profile.vendor() + ": " + profile.source());
    line("class \"autoprovd-" + profile.id() + "\" {");
    line("  match if " + ClassTest.of(profile).print(IscConfigWriter::atom, "        ") + ";");
    if (profile.provisions().isEmpty()) {
      line("  # recognised, nothing is sent");
    }
    for (Provision provision : profile.provisions()) {
      provision(provision, "  ");
    }
    line("}");
  }

  private void writeHooks(String hookDir) {
    String hook = "\"" + hookDir + "/" + HOOK + "\"";
    String ip = "binary-to-ascii(10, 8, \".\", leased-address)";
    String mac = "binary-to-ascii(16, 8, \":\", substring(hardware, 1, 6))";
    line("# Lease reports to autoprovd (POST /0.2/dev_mgr/dhcpinfo). dhcpd waits for execute(); the hook");
    line("# hands the report to a background curl and returns at once, so an unreachable autoprovd never");
    line("# delays an answer. Needs " + hookDir + "/" + HOOK + " and its dhcp-hook.conf (contrib/dhcp).");
    line("# Statements of a more specific scope (subnet, pool, host) replace these: keep one 'on commit'.");
    line("on commit {");
    line("  execute(" + hook + ", \"commit\", " + ip + ", " + mac + ",");
    line("          pick-first-value(concat(\"060\", binary-to-ascii(16, 8, \".\", option vendor-class-identifier)), \"\"),");
    line("          pick-first-value(concat(\"077\", binary-to-ascii(16, 8, \".\", option user-class)), \"\"));");
    line("}");
    line("on release {");
    line("  execute(" + hook + ", \"release\", " + ip + ", pick-first-value(" + mac + ", \"\"));");
    line("}");
    line("on expiry {");
    line("  execute(" + hook + ", \"expiry\", " + ip + ", pick-first-value(" + mac + ", \"\"));");
    line("}");
  }

  private void writeSubnet(SubnetTemplate subnet) {
    line("# The phones' subnet.");
    line("subnet " + subnet.network() + " netmask " + subnet.netmask() + " {");
    line("  range " + subnet.rangeStart() + " " + subnet.rangeEnd() + ";");
    line("  option routers " + subnet.router() + ";");
    line("}");
  }

  private void writeHost(Mac mac, List<Provision> provisions) {
    line("# One phone, wherever it is: its own host declaration.");
    line("host autoprovd-" + mac.compact() + " {");
    line("  hardware ethernet " + mac + ";");
    for (Provision provision : provisions) {
      provision(provision, "  ");
    }
    line("}");
  }

  private void provision(Provision provision, String indent) {
    Provision.Value value = provision.value();
    if (value instanceof Provision.Value.SubOptions subs) {
      byte[] bytes = targets.encode(subs);
      line(indent + "# option 43 sub-options: " + String.join(", ", subs.subOptions().stream()
          .map(s -> s.code() + " " + s.name() + " = " + describe(s.value())).toList()));
      line(indent + "option vendor-encapsulated-options " + COLONS.formatHex(bytes) + ";");
      return;
    }
    var text = targets.text(value);
    if (text.isEmpty()) {
      line(indent + "# " + provision.field() + " omitted: the TFTP host '" + targets.tftpHost()
          + "' is not an IPv4 address");
      return;
    }
    String t = text.get();
    line(indent + switch (provision.field()) {
      case TFTP_SERVER_NAME -> "option tftp-server-name " + quoted(t) + ";";
      case BOOTFILE_NAME -> "option bootfile-name " + quoted(t) + ";";
      case VENDOR_ENCAPSULATED -> "option vendor-encapsulated-options " + quoted(t) + ";";
      case DEFAULT_URL -> "option default-url " + quoted(t) + ";";
      case CISCO_TFTP_SERVERS -> "option autoprovd-cisco-tftp-servers " + t + ";";
      case PROVISIONING_URL -> "option autoprovd-provisioning-url " + quoted(t) + ";";
      case NEXT_SERVER -> "next-server " + t + ";";
      case BOOT_FILE -> "filename " + quoted(t) + ";";
    });
  }

  private String describe(Provision.SubValue value) {
    return switch (value) {
      case Provision.SubValue.Url url -> "\"" + targets.httpUrl() + url.suffix() + "\"";
      case Provision.SubValue.Flag flag -> Boolean.toString(flag.on());
    };
  }

  private static String atom(ClassTest.Atom atom) {
    return switch (atom) {
      case ClassTest.SentClass sent -> {
        VendorClassMatch m = sent.match();
        String option = m.option() == 60 ? "option vendor-class-identifier" : "option user-class";
        int length = m.value().length();
        yield switch (m.kind()) {
          case EXACT -> option + " = " + constant(m.value());
          case PREFIX -> "substring(" + option + ", 0, " + length + ") = " + constant(m.value());
          case SUFFIX -> "suffix(" + option + ", " + length + ") = " + constant(m.value());
        };
      }
      // hardware is the hardware type (1 for Ethernet) followed by the address.
      case ClassTest.MacPrefix prefix -> "substring(hardware, 1, 3) = " + VendorProfile.colonOui(prefix.oui());
      case ClassTest.NoVendorClass none -> "not exists vendor-class-identifier";
    };
  }

  /** A quoted string when plain printable ASCII, else colon-separated hex (a trailing NUL, say). */
  private static String constant(String value) {
    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
      return "\"" + value + "\"";
    }
    return COLONS.formatHex(value.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String quoted(String text) {
    var b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
