package io.autoprovd.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.device.Device;
import io.autoprovd.server.app.DeviceSync.SyncResult;
import io.autoprovd.server.code.AutoprovServer;
import io.autoprovd.sip.Scheduler;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipSettings;
import io.autoprovd.sip.Sipp;
import io.autoprovd.sip.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NAPT limitation of the product docs, lifted: two phones in their own namespaces sit behind
 * one masquerading namespace and register (as SIPp) with a real Kamailio registrar (usrloc in
 * memory). autoprovd knows both devices by the same public address. Resync by strategy 2 (NOTIFY
 * by address of record through Kamailio) reaches each phone individually, as each phone's SIPp
 * log shows; strategy 1 refuses, saying it cannot tell them apart.
 */
class NaptResyncTest {
  @TempDir static Path dir;
  static NaptNetwork net;
  static Path phoneA;
  static Path phoneB;

  @BeforeAll
  static void buildNetwork() throws Exception {
    net = NaptNetwork.build();
    Path kamailioDir = Files.createDirectories(dir.resolve("kamailio"));
    String cfg;
    try (var in = NaptResyncTest.class.getResourceAsStream("/kamailio/registrar.cfg")) {
      cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("MODULES_DIR", modulesDir());
    }
    Files.writeString(kamailioDir.resolve("registrar.cfg"), cfg);
    net.start(net.pub, kamailioDir, kamailioDir.resolve("kamailio.log"), "kamailio", "-f",
        kamailioDir.resolve("registrar.cfg").toString(), "-DD", "-E", "-Y", kamailioDir.toString(), "-m", "32", "-M", "4");
    awaitLog(kamailioDir.resolve("kamailio.log"), "SO_RCVBUF is finally", Duration.ofSeconds(20));
    phoneA = phone(net.phoneA, "a", "10.77.1.2", "1001");
    phoneB = phone(net.phoneB, "b", "10.77.2.2", "1002");
    awaitLog(kamailioDir.resolve("kamailio.log"), "REGISTER sip:1001@", Duration.ofSeconds(20));
    awaitLog(kamailioDir.resolve("kamailio.log"), "REGISTER sip:1002@", Duration.ofSeconds(20));
  }

  @AfterAll
  static void tearDown() {
    if (net != null) {
      net.close();
    }
  }

  static String modulesDir() {
    return Stream.of("/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/aarch64-linux-gnu/kamailio/modules",
        "/usr/lib/kamailio/modules").filter(d -> Files.isDirectory(Path.of(d))).findFirst()
        .orElse("/usr/lib/x86_64-linux-gnu/kamailio/modules");
  }

  /** A SIPp phone in its namespace: registers {@code user}, answers the resync NOTIFY. */
  static Path phone(String namespace, String name, String address, String user) throws Exception {
    Path phoneDir = Files.createDirectories(dir.resolve("phone-" + name));
    Path scenario = Sipp.scenario(phoneDir, "phone-register-wait.xml", Map.of());
    Path ooc = Sipp.scenario(phoneDir, "phone-notify-ooc.xml", Map.of("EVENT_REGEX", Sipp.quote("check-sync")));
    Path users = Sipp.injection(phoneDir, "user.csv", user);
    net.start(namespace, phoneDir, phoneDir.resolve("sipp.out"), Sipp.binary().toString(),
        NaptNetwork.REGISTRAR_WAN + ":5060", "-sf", scenario.toString(), "-oocsf", ooc.toString(),
        "-inf", users.toString(), "-i", address, "-p", "5060", "-m", "1", "-nostdin", "-trace_msg", "-trace_err");
    return phoneDir;
  }

  static void awaitLog(Path log, String text, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no \"" + text + "\" in " + log + " within " + within + ":\n"
        + (Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)"));
  }

  /** Every NOTIFY the phone's SIPp received, as its To header, with its Event. */
  static List<String> notifiesReceived(Path phoneDir) throws Exception {
    var found = new java.util.ArrayList<String>();
    try (var files = Files.list(phoneDir)) {
      for (Path log : files.filter(p -> p.getFileName().toString().endsWith("_messages.log")).toList()) {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        var m = Pattern.compile("message received[^\\n]*\\n\\s*\\nNOTIFY [^\\n]*\\n(.*?)\\n\\s*\\n", Pattern.DOTALL)
            .matcher(text);
        while (m.find()) {
          String headers = m.group(1);
          found.add(header(headers, "To") + " " + header(headers, "Event"));
        }
      }
    }
    return found;
  }

  static String header(String headers, String name) {
    var m = Pattern.compile("(?m)^" + name + ":\\s*(.*)$").matcher(headers);
    return m.find() ? m.group(1).strip() : "";
  }

  static String errors(Path phoneDir) throws Exception {
    try (var files = Files.list(phoneDir)) {
      var sb = new StringBuilder();
      for (Path log : files.filter(p -> p.getFileName().toString().endsWith("_errors.log")).toList()) {
        sb.append(Files.readString(log, StandardCharsets.ISO_8859_1));
      }
      return sb.toString();
    }
  }

  @Test
  void strategy2_reachesEachPhoneThroughItsOwnRegistration_strategy1_cannotTellThemApart() throws Exception {
    // given: autoprovd knows both phones by the one public address of their NAT
    var autoprovd = AutoprovServer.start(dir.resolve("data"), net.rootAddress(), Map.of(
        "sync.strategy", "proxy", "sync.proxy.host", net.registrarAddress(), "sync.proxy.port", "5060",
        "provisioning.nat", "true"));
    try (autoprovd) {
      for (var line : Map.of("line-a", "1001", "line-b", "1002").entrySet()) {
        autoprovd.json("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of("id", line.getKey(),
            "parent_ids", List.of("base", "defaultconfigdevice"), "raw_config", Map.of("sip_lines", Map.of("1",
                Map.of("username", line.getValue(), "password", "pw", "registrar_ip", NaptNetwork.REGISTRAR_WAN))))),
            null, 201);
      }
      autoprovd.json("POST", "/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "phone-a",
          "mac", "00:15:65:00:00:0a", "ip", NaptNetwork.PUBLIC_ADDRESS, "plugin", "yealink", "model", "T46S",
          "config", "line-a")), null, 201);
      autoprovd.json("POST", "/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "phone-b",
          "mac", "00:15:65:00:00:0b", "ip", NaptNetwork.PUBLIC_ADDRESS, "plugin", "yealink", "model", "T46S",
          "config", "line-b")), null, 201);

      // when: each is synchronised through the REST API (strategy 2)
      String statusA = synchronize(autoprovd, "phone-a");
      String statusB = synchronize(autoprovd, "phone-b");

      // then: each phone got its own NOTIFY, with the Yealink pack's event, and nothing else
      assertThat(statusA).isEqualTo("success");
      assertThat(statusB).isEqualTo("success");
      assertThat(notifiesReceived(phoneA)).singleElement().asString()
          .startsWith("<sip:1001@" + NaptNetwork.REGISTRAR_WAN + ">").endsWith("check-sync");
      assertThat(notifiesReceived(phoneB)).singleElement().asString()
          .startsWith("<sip:1002@" + NaptNetwork.REGISTRAR_WAN + ">").endsWith("check-sync");
      assertThat(errors(phoneA) + errors(phoneB)).doesNotContain("Failed regexp match");

      // and: strategy 1 on the same devices refuses, and sends nothing
      try (var endpoint = SipEndpoint.start(SipSettings.defaults(net.rootAddress()).withBind(net.rootAddress())
          .withPort(0), request -> request.respond(405, "Method Not Allowed"), Scheduler.system())) {
        var targets = new SyncTargets(autoprovd.server.catalog(),
            new ConfigMerger(autoprovd.server.store().configs()::findById)::merge);
        Device a = autoprovd.server.store().devices().findById("phone-a").orElseThrow();
        SyncResult direct = new DirectNotify(endpoint, targets, autoprovd.server.store().devices(), Transport.UDP,
            5060).sync(a);
        assertThat(direct).isInstanceOf(SyncResult.Failed.class);
        assertThat(((SyncResult.Failed) direct).reason())
            .contains("2 devices share the address " + NaptNetwork.PUBLIC_ADDRESS + " (NAPT)");
      }
      assertThat(notifiesReceived(phoneA)).hasSize(1);
      assertThat(notifiesReceived(phoneB)).hasSize(1);
    }
  }

  /** POST /0.2/dev_mgr/synchronize, then the operation's status until it is done. */
  static String synchronize(AutoprovServer autoprovd, String device) throws Exception {
    var started = autoprovd.rest("POST", "/0.2/dev_mgr/synchronize", Map.of("id", device), null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String location = started.headers().firstValue("Location").orElseThrow();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      String status = (String) autoprovd.json("GET", location, null, null, 200).get("status");
      if (!status.startsWith("progress") && !status.startsWith("waiting")) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("synchronize " + device + " still running after 60 s");
  }
}
