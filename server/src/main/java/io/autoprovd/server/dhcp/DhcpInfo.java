package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Mac;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code dhcp_info} object of {@code POST /0.2/dev_mgr/dhcpinfo} (reference dhcp.md §4.1),
 * read into a {@link LeaseReport} once, at the edge, or refused with every reason.
 */
final class DhcpInfo {
  private DhcpInfo() {}

  /** A report, or every reason the payload is not one. */
  sealed interface Parsed {
    record Valid(LeaseReport report) implements Parsed {}

    record Invalid(List<String> problems) implements Parsed {
      public Invalid {
        problems = List.copyOf(problems);
      }
    }
  }

  // dhcp.md §4.1: three decimal digits, then the bytes as dot-separated hex, one or two digits
  // each. dxtorc's ISC recipe writes no dot after the code ("06043.69"), the REST example one
  // ("060.43.69"): both are read. Hex without dots ("060436973") is refused, not read as a number.
  private static final Pattern OPTION = Pattern.compile("(\\d{3})(?:\\.?([0-9a-fA-F]{1,2}(?:\\.[0-9a-fA-F]{1,2})*))?");
  private static final int MAX_OPTIONS = 64;

  /**
   * @param info the {@code dhcp_info} object
   */
  static Parsed parse(Map<?, ?> info) {
    var problems = new ArrayList<String>();
    Object op = info.get("op");
    String opText = op instanceof String text && List.of("commit", "expiry", "release").contains(text) ? text : null;
    if (opText == null) {
      problems.add(op == null ? "op: required, commit, expiry or release"
          : "op: invalid operation value " + quote(op) + " (commit, expiry or release)");
    }
    String ip = null;
    Object ipValue = info.get("ip");
    if (ipValue == null) {
      problems.add("ip: required");
    } else if (!(ipValue instanceof String ipText) || Ipv4.parseLenient(ipText).isEmpty()) {
      problems.add("ip: not an IPv4 address: " + quote(ipValue));
    } else {
      ip = Ipv4.parseLenient(ipText).orElseThrow().toString();
    }
    boolean commit = "commit".equals(opText);
    Mac mac = null;
    Object macValue = info.get("mac");
    if (macValue == null) {
      if (commit) {
        problems.add("mac: required for commit");
      }
    } else {
      mac = macValue instanceof String macText ? parseMac(macText) : null;
      if (mac == null) {
        problems.add("mac: not a MAC address: " + quote(macValue));
      }
    }
    Map<Integer, String> options = Map.of();
    if (commit) {
      Object optionsValue = info.get("options");
      if (!(optionsValue instanceof List<?> list)) {
        problems.add(optionsValue == null ? "options: required for commit (may be an empty list)"
            : "options: a list of strings, not " + quote(optionsValue));
      } else {
        options = parseOptions(list, problems);
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed.Invalid(problems);
    }
    return new Parsed.Valid(switch (opText) {
      case "commit" -> new LeaseReport.Commit(ip, mac, options);
      case "release" -> new LeaseReport.Release(ip, mac);
      default -> new LeaseReport.Expiry(ip, mac);
    });
  }

  private static Map<Integer, String> parseOptions(List<?> list, List<String> problems) {
    if (list.size() > MAX_OPTIONS) {
      problems.add("options: at most " + MAX_OPTIONS + ", not " + list.size());
      return Map.of();
    }
    // Later duplicates of a code replace earlier ones (dhcp.md §4.1).
    var options = new LinkedHashMap<Integer, String>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      var m = item instanceof String text ? OPTION.matcher(text) : null;
      if (m == null || !m.matches()) {
        problems.add("options[" + i + "]: not a code of three digits followed by dot-separated hex bytes: " + quote(item));
        continue;
      }
      int code = Integer.parseInt(m.group(1));
      if (code > 255) {
        problems.add("options[" + i + "]: option code " + code + " is not 0..255: " + quote(item));
        continue;
      }
      var value = new StringBuilder();
      if (m.group(2) != null) {
        for (String hex : m.group(2).split("\\.")) {
          value.append((char) Integer.parseInt(hex, 16));
        }
      }
      options.put(code, value.toString());
    }
    return options;
  }

  /**
   * The usual spellings ({@link Mac#tryParse}) and ISC's {@code binary-to-ascii(16, 8, ":", …)},
   * which drops leading zeros: {@code 0:15:65:a:b:c}.
   */
  static Mac parseMac(String text) {
    if (text.matches("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}")) {
      var padded = new StringBuilder();
      for (String octet : text.split(":")) {
        padded.append(octet.length() == 1 ? "0" : "").append(octet);
      }
      return Mac.tryParse(padded.toString()).orElse(null);
    }
    return Mac.tryParse(text).orElse(null);
  }

  /** The offending value for the 400 body and the log: short, and control characters made visible. */
  private static String quote(Object value) {
    String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    text = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return text.chars().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
