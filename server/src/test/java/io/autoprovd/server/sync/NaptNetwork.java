package io.autoprovd.server.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small internet made of network namespaces, built by the test and always torn down:
 *
 * <pre>
 *   root namespace (autoprovd, the JVM)  198.18.X.1/30
 *        │ veth
 *   pub  198.18.X.2 ─ Kamailio ─ 203.0.113.1/24
 *        │ veth
 *   nat  203.0.113.2/24, MASQUERADE out of it (one public address for every phone)
 *        ├─ veth 10.77.1.1/24 ─── pha 10.77.1.2 (phone A)
 *        └─ veth 10.77.2.1/24 ─── phb 10.77.2.2 (phone B)
 * </pre>
 *
 * Names carry a random suffix so parallel runs do not collide; X is an unused octet. Needs root
 * and {@code iproute2} and {@code iptables}: the test is aborted, naming what is missing, otherwise.
 * {@link #close} kills every process left in the namespaces (only processes this test started run
 * there) and deletes them, which removes the veths and the NAT rule with them.
 */
final class NaptNetwork implements AutoCloseable {
  static final String PUBLIC_ADDRESS = "203.0.113.2";
  static final String REGISTRAR_WAN = "203.0.113.1";

  final String suffix;
  final int octet;
  final String pub;
  final String nat;
  final String phoneA;
  final String phoneB;
  private final List<String> created = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private NaptNetwork() {
    byte[] b = new byte[2];
    new SecureRandom().nextBytes(b);
    suffix = HexFormat.of().formatHex(b);
    pub = "apsip-pub-" + suffix;
    nat = "apsip-nat-" + suffix;
    phoneA = "apsip-pha-" + suffix;
    phoneB = "apsip-phb-" + suffix;
    octet = freeOctet();
  }

  /** The address of the root namespace's end: where autoprovd binds. */
  String rootAddress() {
    return "198.18." + octet + ".1";
  }

  /** Kamailio's address as autoprovd sees it. */
  String registrarAddress() {
    return "198.18." + octet + ".2";
  }

  static void requirePeers() {
    requireExecutable("ip", "iproute2");
    requireExecutable("iptables", "iptables");
    requireExecutable("kamailio", "kamailio");
    requireExecutable("sipp", "sip-tester");
    try {
      String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
          .findFirst().orElse("Uid: -1").split("\\s+")[1];
      Assumptions.assumeTrue(uid.equals("0"), "network namespaces need root (running as uid " + uid + ")");
    } catch (IOException e) {
      Assumptions.abort("cannot read /proc/self/status: " + e.getMessage());
    }
  }

  private static void requireExecutable(String name, String debianPackage) {
    boolean found = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
        .anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    Assumptions.assumeTrue(found, name + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)");
  }

  static NaptNetwork build() {
    requirePeers();
    var net = new NaptNetwork();
    try {
      net.setUp();
    } catch (RuntimeException e) {
      net.close();
      if (e instanceof IllegalStateException && e.getMessage().contains("ip netns add")) {
        Assumptions.abort("cannot create network namespaces here: " + e.getMessage());
      }
      throw e;
    }
    return net;
  }

  private void setUp() {
    String s = suffix;
    for (String ns : List.of(pub, nat, phoneA, phoneB)) {
      run("ip", "netns", "add", ns);
      created.add(ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
    run("ip", "link", "add", "aps" + s + "r", "type", "veth", "peer", "name", "aps" + s + "p", "netns", pub);
    run("ip", "addr", "add", rootAddress() + "/30", "dev", "aps" + s + "r");
    run("ip", "link", "set", "aps" + s + "r", "up");
    run("ip", "-n", pub, "addr", "add", registrarAddress() + "/30", "dev", "aps" + s + "p");
    run("ip", "-n", pub, "link", "set", "aps" + s + "p", "up");
    run("ip", "-n", pub, "link", "add", "aps" + s + "w", "type", "veth", "peer", "name", "aps" + s + "n", "netns", nat);
    run("ip", "-n", pub, "addr", "add", REGISTRAR_WAN + "/24", "dev", "aps" + s + "w");
    run("ip", "-n", pub, "link", "set", "aps" + s + "w", "up");
    run("ip", "-n", nat, "addr", "add", PUBLIC_ADDRESS + "/24", "dev", "aps" + s + "n");
    run("ip", "-n", nat, "link", "set", "aps" + s + "n", "up");
    lan(phoneA, "a", 1);
    lan(phoneB, "b", 2);
    run("ip", "netns", "exec", nat, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    run("ip", "netns", "exec", nat, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "aps" + s + "n", "-j",
        "MASQUERADE");
  }

  private void lan(String phone, String side, int subnet) {
    String s = suffix;
    run("ip", "-n", nat, "link", "add", "aps" + s + side, "type", "veth", "peer", "name", "aps" + s + side.toUpperCase(),
        "netns", phone);
    run("ip", "-n", nat, "addr", "add", "10.77." + subnet + ".1/24", "dev", "aps" + s + side);
    run("ip", "-n", nat, "link", "set", "aps" + s + side, "up");
    run("ip", "-n", phone, "addr", "add", "10.77." + subnet + ".2/24", "dev", "aps" + s + side.toUpperCase());
    run("ip", "-n", phone, "link", "set", "aps" + s + side.toUpperCase(), "up");
    run("ip", "-n", phone, "route", "add", "default", "via", "10.77." + subnet + ".1");
  }

  /** Starts {@code command} inside {@code namespace}, output to {@code log}. */
  Process start(String namespace, Path dir, Path log, String... command) throws IOException {
    var full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freeOctet() {
    String addresses;
    try {
      Process p = new ProcessBuilder("ip", "-4", "-o", "addr", "show").redirectErrorStream(true).start();
      addresses = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      addresses = "";
    }
    var random = new SecureRandom();
    for (int i = 0; i < 100; i++) {
      int octet = 1 + random.nextInt(254);
      if (!addresses.contains("198.18." + octet + ".")) {
        return octet;
      }
    }
    throw new IllegalStateException("no free 198.18.X.0/30 for the test network");
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (String ns : created) {
      // Only what this test started runs in its namespaces.
      try {
        Process pids = new ProcessBuilder("ip", "netns", "pids", ns).start();
        for (String pid : new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        pids.waitFor(10, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException | NumberFormatException e) {
        // deleting the namespace below is what matters
      }
    }
    for (Process p : processes) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : created) {
      try {
        run("ip", "netns", "del", ns);
      } catch (IllegalStateException e) {
        System.err.println("NaptNetwork: " + e.getMessage());
      }
    }
  }
}
