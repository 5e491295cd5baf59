package io.autoprovd.server.dhcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small network of namespaces this test run creates and removes, with nothing else on it:
 *
 * <pre>
 *   root namespace (the test JVM: autoprovd on 198.19.N.1)
 *     └─ veth ── "server" namespace: 198.19.N.2, routes for the LAN; bridge br0 = 198.18.N.1/24, the
 *                DHCP server (its hooks reach autoprovd over the veth)
 *                  ├─ veth ── "client" namespace: eth0 with the client's MAC, dhclient
 *                  └─ …one namespace per client
 * </pre>
 *
 * The root namespace gets one address and one route, both on the test's own veth, which goes away
 * with the server namespace. N is drawn at random among third octets of 198.18.0.0/15 (RFC 2544's
 * benchmarking block) that no route of the host uses; names carry a random prefix, so concurrent
 * runs do not meet. {@link #close} stops what it started (by pid) and deletes every namespace,
 * whatever happened before; a JVM shutdown hook does the same if the run is killed.
 */
final class DhcpLab implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String prefix;
  final int n;
  final Path dir;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> daemons = new ArrayList<>();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Thread shutdownHook = new Thread(this::cleanUp, "dhcp-lab-cleanup");
  private boolean closed;

  /** One DHCP client: its namespace, MAC and the files of its dhclient. */
  record Client(String name, String namespace, String mac, String vendorClass, Path dir) {
    Path conf() {
      return dir.resolve(name + ".conf");
    }

    Path env() {
      return dir.resolve(name + ".env");
    }

    Path pidFile() {
      return dir.resolve(name + ".pid");
    }

    Path leases() {
      return dir.resolve(name + ".leases");
    }
  }

  /** Skips the calling test, saying what is missing, unless namespaces and the programs can be used. */
  static void assumeCapable() throws IOException, InterruptedException {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "network namespaces need root (CAP_NET_ADMIN); the DHCP acceptance tests run as root in CI");
    Peers.assumeInstalled("ip", "iproute2");
    Peers.assumeInstalled("curl", "curl");
    Peers.assumeInstalled("dhclient", "isc-dhcp-client");
    String probe = "apdprobe" + HexFormat.of().formatHex(bytes(3));
    var added = Peers.run(List.of("ip", "netns", "add", probe));
    if (added.exitCode() == 0) {
      Peers.run(List.of("ip", "netns", "del", probe));
    }
    assumeTrue(added.exitCode() == 0, "cannot create a network namespace here: " + added.output().strip());
  }

  DhcpLab(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    this.prefix = "apd" + HexFormat.of().formatHex(bytes(3)).substring(0, 5);
    this.n = freeOctet();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      build();
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  String autoprovdAddress() {
    return "198.19." + n + ".1";
  }

  String lanCidr() {
    return "198.18." + n + ".0/24";
  }

  String lanRouter() {
    return "198.18." + n + ".1";
  }

  String lanRange() {
    return "198.18." + n + ".100-198.18." + n + ".199";
  }

  String serverNamespace() {
    return prefix + "-srv";
  }

  private void build() throws IOException, InterruptedException {
    String srv = serverNamespace();
    netns(srv);
    in(srv, "ip", "link", "set", "lo", "up");
    sh("ip", "link", "add", prefix + "h", "type", "veth", "peer", "name", "up0", "netns", srv);
    sh("ip", "addr", "add", autoprovdAddress() + "/30", "dev", prefix + "h");
    sh("ip", "link", "set", prefix + "h", "up");
    in(srv, "ip", "addr", "add", "198.19." + n + ".2/30", "dev", "up0");
    in(srv, "ip", "link", "set", "up0", "up");
    in(srv, "ip", "link", "add", "br0", "type", "bridge");
    in(srv, "ip", "addr", "add", lanRouter() + "/24", "dev", "br0");
    in(srv, "ip", "link", "set", "br0", "up");
    in(srv, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    // The way back from autoprovd to the clients' addresses, on the test's own veth only.
    sh("ip", "route", "add", lanCidr(), "via", "198.19." + n + ".2", "dev", prefix + "h");
  }

  /**
   * A client namespace plugged into the bridge. Create every client before the DHCP server
   * starts: Kea opens no socket on a bridge without a port up.
   */
  Client client(String name, String mac, String vendorClass) throws IOException, InterruptedException {
    String ns = prefix + "-" + name;
    netns(ns);
    in(ns, "ip", "link", "set", "lo", "up");
    String port = prefix + "c" + clients.size();
    sh("ip", "link", "add", "eth0", "netns", ns, "address", mac, "type", "veth", "peer", "name", port,
        "netns", serverNamespace());
    in(serverNamespace(), "ip", "link", "set", port, "master", "br0");
    in(serverNamespace(), "ip", "link", "set", port, "up");
    in(ns, "ip", "link", "set", "eth0", "up");
    var client = new Client(name, ns, mac, vendorClass, dir);
    Files.writeString(client.conf(), dhclientConf(vendorClass));
    clients.put(name, client);
    return client;
  }

  // What a phone asks for: the options phones read (dhcp.md §1), defined where dhclient has no name.
  private static String dhclientConf(String vendorClass) {
    return """
        option apd-default-url code 114 = string;
        option apd-cisco-tftp code 150 = array of ip-address;
        option apd-provisioning-url code 160 = string;
        timeout 30;
        initial-interval 1;
        %s
        request subnet-mask, routers, tftp-server-name, bootfile-name, vendor-encapsulated-options,
            apd-default-url, apd-cisco-tftp, apd-provisioning-url;
        """.formatted(vendorClass == null ? "" : "send vendor-class-identifier \"" + vendorClass + "\";");
  }

  /**
   * The client's dhclient script: sets the address and the default route, and writes the lease's
   * variables to the client's env file (dhclient gives its script only its own variables).
   */
  private static Path dhclientScript(Client client) throws IOException {
    Path script = client.dir().resolve(client.name() + "-script");
    if (!Files.exists(script)) {
      Files.writeString(script, """
          #!/bin/sh
          case "$reason" in
            PREINIT) ip link set "$interface" up ;;
            BOUND|RENEW|REBIND|REBOOT)
              ip addr add "$new_ip_address/$new_subnet_mask" dev "$interface" 2>/dev/null
              [ -n "$new_routers" ] && ip route replace default via "$new_routers"
              env | grep '^new_' > "%s"
              ;;
          esac
          exit 0
          """.formatted(client.env()));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return script;
  }

  /**
   * Runs dhclient once in the client's namespace ({@code -1}: it gives up if no server answers)
   * and returns the lease it was given: dhclient's {@code new_*} variables.
   */
  Map<String, String> lease(Client client) throws IOException, InterruptedException {
    Files.deleteIfExists(client.env());
    var result = Peers.run(List.of("ip", "netns", "exec", client.namespace(),
        "dhclient", "-1", "-v", "-cf", client.conf().toString(), "-sf", dhclientScript(client).toString(),
        "-lf", client.leases().toString(), "-pf", client.pidFile().toString(), "eth0"));
    if (result.exitCode() != 0) {
      throw new AssertionError("dhclient got no lease for " + client.name() + ": " + result.output());
    }
    var lease = new LinkedHashMap<String, String>();
    for (String line : Files.readAllLines(client.env())) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        // dhclient escapes shell characters ($, `, ", \) with a backslash
        lease.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("\\\\(.)", "$1"));
      }
    }
    return lease;
  }

  /** dhclient -r: the client sends DHCPRELEASE and its daemon stops. */
  void release(Client client) throws IOException, InterruptedException {
    var result = Peers.run(List.of("ip", "netns", "exec", client.namespace(),
        "dhclient", "-r", "-v", "-cf", client.conf().toString(), "-sf", dhclientScript(client).toString(),
        "-lf", client.leases().toString(), "-pf", client.pidFile().toString(), "eth0"));
    if (result.exitCode() != 0) {
      throw new AssertionError("dhclient -r failed for " + client.name() + ": " + result.output());
    }
  }

  /** An HTTP GET from the client's namespace (so from its leased address): status and body. */
  Peers.Result httpGet(Client client, String url, String userAgent) throws IOException, InterruptedException {
    Path body = dir.resolve(client.name() + ".body");
    Files.deleteIfExists(body);
    var result = Peers.run(List.of("ip", "netns", "exec", client.namespace(), "curl", "-s", "--max-time", "10",
        "-A", userAgent == null ? "" : userAgent, "-o", body.toString(), "-w", "%{http_code}", url));
    return new Peers.Result(Integer.parseInt(result.output().strip()),
        Files.exists(body) ? Files.readString(body, StandardCharsets.ISO_8859_1) : "");
  }

  /**
   * Starts a DHCP server in the server namespace, its output in {@code log}, and waits until it
   * has written {@code readyLine}.
   */
  Process startServer(List<String> command, Map<String, String> environment, Path log, String readyLine)
      throws IOException, InterruptedException {
    var full = new ArrayList<>(List.of("ip", "netns", "exec", serverNamespace()));
    full.addAll(command);
    var builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    daemons.add(process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(readyLine)) {
        return process;
      }
      if (!process.isAlive()) {
        throw new AssertionError(command.getFirst() + " exited " + process.exitValue() + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(command.getFirst() + " did not say '" + readyLine + "' within 30 s: " + Files.readString(log));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs cleanUp, which is idempotent
    }
  }

  /** Stops the daemons this lab started, by their pids, then deletes its namespaces. Idempotent. */
  private synchronized void cleanUp() {
    for (Client client : clients.values()) {
      pid(client.pidFile()).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
    }
    for (Process daemon : daemons) {
      daemon.destroy();
      try {
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : namespaces.reversed()) {
      quietly(List.of("ip", "netns", "del", ns));
    }
    namespaces.clear();
    // Gone with its peer's namespace; deleted here in case the namespace never got its end.
    quietly(List.of("ip", "link", "del", prefix + "h"));
  }

  private static Optional<Long> pid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void netns(String name) throws IOException, InterruptedException {
    sh("ip", "netns", "add", name);
    namespaces.add(name);
  }

  private static void in(String ns, String... command) throws IOException, InterruptedException {
    var full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(command));
    sh(full.toArray(String[]::new));
  }

  private static void sh(String... command) throws IOException, InterruptedException {
    var result = Peers.run(List.of(command));
    if (result.exitCode() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + result.output().strip());
    }
  }

  private static void quietly(List<String> command) {
    try {
      Peers.run(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freeOctet() throws IOException, InterruptedException {
    String routes = Peers.run(List.of("ip", "-4", "route", "show", "table", "all")).output()
        + Peers.run(List.of("ip", "-4", "addr")).output();
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = 1 + RANDOM.nextInt(254);
      if (!routes.contains("198.18." + candidate + ".") && !routes.contains("198.19." + candidate + ".")) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free /24 in 198.18.0.0/15");
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
