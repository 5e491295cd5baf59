package io.autoprovd.server.dhcp;

import java.util.List;
import java.util.Objects;

/**
 * The phones' subnet, to start a DHCP configuration from: its address block, the range handed out
 * and the router.
 *
 * @param network the block's first address (host bits zero)
 * @param prefix its length, 8..30 (a /31 or /32 has no room for a pool and a router)
 */
public record SubnetTemplate(Ipv4 network, int prefix, Ipv4 rangeStart, Ipv4 rangeEnd, Ipv4 router) {

  public SubnetTemplate {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(rangeStart, "rangeStart");
    Objects.requireNonNull(rangeEnd, "rangeEnd");
    Objects.requireNonNull(router, "router");
    List<String> problems = problems(network, prefix, rangeStart, rangeEnd, router);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * Parses the three options given together on the command line or in the query string; every
   * problem is named.
   *
   * @param subnet {@code 10.0.0.0/24}
   * @param range {@code 10.0.0.100-10.0.0.199}
   * @param router {@code 10.0.0.1}
   */
  public static Parsed parse(String subnet, String range, String router) {
    var problems = new java.util.ArrayList<String>();
    if (subnet == null || range == null || router == null) {
      problems.add("subnet, range and router: give all three or none");
      return new Parsed(null, problems);
    }
    Ipv4 network = null;
    int prefix = -1;
    String[] cidr = subnet.split("/", -1);
    if (cidr.length != 2 || !cidr[1].matches("\\d{1,2}") || Ipv4.parse(cidr[0]).isEmpty()) {
      problems.add("subnet: not an IPv4 block such as 10.0.0.0/24: '" + subnet + "'");
    } else {
      network = Ipv4.parse(cidr[0]).orElseThrow();
      prefix = Integer.parseInt(cidr[1]);
    }
    String[] bounds = range.split("-", -1);
    Ipv4 start = bounds.length == 2 ? Ipv4.parse(bounds[0].strip()).orElse(null) : null;
    Ipv4 end = bounds.length == 2 ? Ipv4.parse(bounds[1].strip()).orElse(null) : null;
    if (start == null || end == null) {
      problems.add("range: not two IPv4 addresses such as 10.0.0.100-10.0.0.199: '" + range + "'");
    }
    Ipv4 gateway = Ipv4.parse(router).orElse(null);
    if (gateway == null) {
      problems.add("router: not an IPv4 address: '" + router + "'");
    }
    if (problems.isEmpty()) {
      problems.addAll(problems(network, prefix, start, end, gateway));
    }
    return problems.isEmpty() ? new Parsed(new SubnetTemplate(network, prefix, start, end, gateway), List.of())
        : new Parsed(null, problems);
  }

  /** A template, or why the options do not make one. */
  public record Parsed(SubnetTemplate template, List<String> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  private static List<String> problems(Ipv4 network, int prefix, Ipv4 start, Ipv4 end, Ipv4 router) {
    var problems = new java.util.ArrayList<String>();
    if (prefix < 8 || prefix > 30) {
      problems.add("subnet: prefix must be 8..30, not /" + prefix);
      return problems;
    }
    int mask = mask(prefix);
    if ((network.bits() & ~mask) != 0) {
      problems.add("subnet: " + network + "/" + prefix + " has host bits set; the block is "
          + new Ipv4(network.bits() & mask) + "/" + prefix);
      return problems;
    }
    var sub = new SubnetTemplate.Block(network, mask);
    if (!sub.holdsHost(start) || !sub.holdsHost(end)) {
      problems.add("range: " + start + "-" + end + " must lie inside " + network + "/" + prefix
          + ", network and broadcast addresses excluded");
    } else if (start.compareTo(end) > 0) {
      problems.add("range: " + start + " comes after " + end);
    }
    if (!sub.holdsHost(router)) {
      problems.add("router: " + router + " is not a host address of " + network + "/" + prefix);
    } else if (start.compareTo(router) <= 0 && router.compareTo(end) <= 0) {
      problems.add("router: " + router + " lies inside the range " + start + "-" + end);
    }
    return problems;
  }

  private record Block(Ipv4 network, int mask) {
    boolean holdsHost(Ipv4 address) {
      int broadcast = network.bits() | ~mask;
      return (address.bits() & mask) == network.bits() && address.bits() != network.bits() && address.bits() != broadcast;
    }
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  public Ipv4 netmask() {
    return new Ipv4(mask(prefix));
  }

  public String cidr() {
    return network + "/" + prefix;
  }
}
