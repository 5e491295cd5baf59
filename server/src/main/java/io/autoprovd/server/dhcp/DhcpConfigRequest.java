package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Mac;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to generate: the format, and the optional parts (subnet template, one device's host
 * declaration) and installation paths. Parsed once from the REST query string, which the CLI also
 * sends.
 *
 * @param subnet null for none
 * @param device null for none
 * @param hookDir where autoprovd's hook scripts ({@code contrib/dhcp}) are installed
 * @param interfaces Kea only: the interfaces Kea serves ({@code *}: every interface whose address
 *     lies in a configured subnet)
 * @param leaseFile Kea only: its memfile lease database
 * @param keaHooksDir Kea only: where {@code libdhcp_run_script.so} is installed
 */
public record DhcpConfigRequest(
    Format format,
    SubnetTemplate subnet,
    Mac device,
    String hookDir,
    List<String> interfaces,
    String leaseFile,
    String keaHooksDir) {

  public static final String DEFAULT_HOOK_DIR = "/usr/local/lib/autoprovd/dhcp";
  /** Debian and Ubuntu on amd64 ({@code kea-dhcp4-server}); RPM systems use {@code /usr/lib64/kea/hooks}. */
  public static final String DEFAULT_KEA_HOOKS_DIR = "/usr/lib/x86_64-linux-gnu/kea/hooks";
  public static final String DEFAULT_LEASE_FILE = "/var/lib/kea/kea-leases4.csv";

  private static final Set<String> PARAMETERS =
      Set.of("format", "subnet", "range", "router", "device", "hook_dir", "interface", "lease_file", "kea_hooks_dir");
  // Paths end up inside quoted ISC strings and JSON: nothing that would need escaping.
  private static final String PATH = "/[A-Za-z0-9._/+-]*";
  private static final String INTERFACE = "\\*|[A-Za-z0-9._@:-]{1,15}";

  /** The two DHCP servers autoprovd writes configuration for. */
  public enum Format {
    ISC,
    KEA
  }

  public DhcpConfigRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(hookDir, "hookDir");
    interfaces = List.copyOf(interfaces);
    Objects.requireNonNull(leaseFile, "leaseFile");
    Objects.requireNonNull(keaHooksDir, "keaHooksDir");
  }

  /** The request, or every problem with the parameters. */
  public sealed interface Parsed {
    record Valid(DhcpConfigRequest request) implements Parsed {}

    record Invalid(List<String> problems) implements Parsed {
      public Invalid {
        problems = List.copyOf(problems);
      }
    }
  }

  /**
   * @param parameters query parameters: {@code format} (required: {@code isc} or {@code kea}),
   *     {@code subnet}, {@code range}, {@code router} (all three or none), {@code device},
   *     {@code hook_dir}, {@code interface} (repeatable), {@code lease_file}, {@code kea_hooks_dir}
   */
  public static Parsed parse(Map<String, List<String>> parameters) {
    var problems = new ArrayList<String>();
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        problems.add(name + ": unknown parameter (known: " + String.join(", ", PARAMETERS.stream().sorted().toList()) + ")");
      }
    }
    for (var entry : parameters.entrySet()) {
      if (!entry.getKey().equals("interface") && entry.getValue().size() > 1) {
        problems.add(entry.getKey() + ": given more than once");
      }
    }
    String formatText = single(parameters, "format");
    Format format = null;
    if (formatText == null) {
      problems.add("format: required, isc or kea");
    } else {
      try {
        format = Format.valueOf(formatText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("format: isc or kea, not '" + formatText + "'");
      }
    }
    SubnetTemplate subnet = null;
    String cidr = single(parameters, "subnet");
    String range = single(parameters, "range");
    String router = single(parameters, "router");
    if (cidr != null || range != null || router != null) {
      var parsed = SubnetTemplate.parse(cidr, range, router);
      problems.addAll(parsed.problems());
      subnet = parsed.template();
    }
    Mac device = null;
    String deviceText = single(parameters, "device");
    if (deviceText != null) {
      device = Mac.tryParse(deviceText).orElse(null);
      if (device == null) {
        problems.add("device: not a MAC address: '" + deviceText + "'");
      }
    }
    String hookDir = path(parameters, "hook_dir", DEFAULT_HOOK_DIR, problems);
    String leaseFile = path(parameters, "lease_file", DEFAULT_LEASE_FILE, problems);
    String keaHooksDir = path(parameters, "kea_hooks_dir", DEFAULT_KEA_HOOKS_DIR, problems);
    List<String> interfaces = parameters.getOrDefault("interface", List.of("*")).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::strip)
        .toList();
    for (String name : interfaces) {
      if (!name.matches(INTERFACE)) {
        problems.add("interface: not an interface name: '" + name + "'");
      }
    }
    if (format == Format.ISC) {
      for (String keaOnly : List.of("interface", "lease_file", "kea_hooks_dir")) {
        if (parameters.containsKey(keaOnly)) {
          problems.add(keaOnly + ": only for format kea (dhcpd takes its interfaces and lease file on its command line)");
        }
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed.Invalid(problems);
    }
    return new Parsed.Valid(new DhcpConfigRequest(format, subnet, device, hookDir, interfaces, leaseFile, keaHooksDir));
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static String path(Map<String, List<String>> parameters, String name, String fallback, List<String> problems) {
    String value = single(parameters, name);
    if (value == null) {
      return fallback;
    }
    if (!value.matches(PATH) || value.contains("..")) {
      problems.add(name + ": an absolute path of letters, digits and . _ / + - only: '" + value + "'");
      return fallback;
    }
    while (value.length() > 1 && value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    return value;
  }
}
