package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.Mac;
import io.autoprovd.store.DhcpLease;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance, against one real DHCP server: it runs in its own network namespace with
 * nothing but the configuration autoprovd generated (fetched from {@code GET /0.2/dhcp/config}),
 * the hook scripts of {@code contrib/dhcp} report its leases to autoprovd, and real dhclients in
 * their own namespaces get leases from it. Subclasses start Kea or ISC dhcpd.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DhcpAcceptance {
  static final Path CONTRIB = Path.of("..", "contrib", "dhcp").toAbsolutePath().normalize();
  static final Duration REPORTED_WITHIN = Duration.ofSeconds(20);
  private static final SecureRandom RANDOM = new SecureRandom();

  Path dir;
  DhcpLab lab;
  AutoprovdUnderTest autoprovd;
  DhcpLab.Client yealink;
  DhcpLab.Client yealinkLeaving;
  DhcpLab.Client aastra;
  DhcpLab.Client fanvil;
  DhcpLab.Client laptop;

  /** Skips the class, naming the package, when the server is not installed. */
  abstract void assumeServerInstalled();

  /** isc or kea. */
  abstract String format();

  /** The generator's server-specific parameters. */
  abstract Map<String, String> serverParameters(Path serverDir);

  /** Starts the server in the lab's server namespace with this configuration; returns when it serves. */
  abstract void startServer(String configuration, Path serverDir) throws Exception;

  /** The first three octets of the Yealink clients' MACs. */
  abstract String yealinkOui();

  @BeforeAll
  void setUp(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    DhcpLab.assumeCapable();
    assumeServerInstalled();
    lab = new DhcpLab(Files.createDirectories(dir.resolve("lab")));
    autoprovd = AutoprovdUnderTest.start(dir.resolve("data"), lab.autoprovdAddress());
    Path hooks = installHooks(Files.createDirectories(dir.resolve("hooks")),
        autoprovd.restUrl(), autoprovd.token("provd.dev_mgr.dhcpinfo.create"));
    yealink = lab.client("yealink", mac(yealinkOui()), "yealink");
    yealinkLeaving = lab.client("leaving", mac(yealinkOui()), "yealink");
    aastra = lab.client("aastra", mac("02"), "AastraIPPhone6757i");
    fanvil = lab.client("fanvil", mac("0c:38:3e"), null);
    laptop = lab.client("laptop", mac("02"), "MSFT 5.0");

    Path serverDir = Files.createDirectories(dir.resolve("server"));
    var parameters = new LinkedHashMap<String, String>();
    parameters.put("format", format());
    parameters.put("subnet", lab.lanCidr());
    parameters.put("range", lab.lanRange());
    parameters.put("router", lab.lanRouter());
    parameters.put("hook_dir", hooks.toString());
    parameters.putAll(serverParameters(serverDir));
    var response = autoprovd.rest("GET", "/0.2/dhcp/config?" + parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    startServer(response.body(), serverDir);
  }

  @AfterAll
  void tearDown() {
    if (lab != null) {
      lab.close();
    }
    if (autoprovd != null) {
      autoprovd.close();
    }
  }

  /** The shipped scripts, and their settings: autoprovd's REST URL and a token that may only report leases. */
  static Path installHooks(Path hooks, String restUrl, String token) throws IOException {
    try (var scripts = Files.list(CONTRIB)) {
      for (Path script : scripts.filter(p -> p.getFileName().toString().startsWith("autoprovd-")).toList()) {
        Path copy = hooks.resolve(script.getFileName());
        Files.copy(script, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Files.writeString(hooks.resolve("dhcp-hook.conf"), "url=" + restUrl + "\ntoken=" + token + "\ntimeout=2\n");
    return hooks;
  }

  static String mac(String prefix) {
    int missing = 6 - prefix.split(":").length;
    byte[] tail = new byte[missing];
    RANDOM.nextBytes(tail);
    return prefix + ":" + HexFormat.ofDelimiter(":").formatHex(tail);
  }

  Optional<Device> device(DhcpLab.Client client) {
    return autoprovd.server.store().devices().findByMac(Mac.parse(client.mac()));
  }

  Optional<DhcpLease> leaseRecord(String ip) {
    return autoprovd.server.store().dhcpLeases().findByIp(ip);
  }

  /** dhclient prints option bytes as colon-separated hex, or as text when they all print. */
  static byte[] bytes(String dhclientValue) {
    if (dhclientValue.matches("[0-9a-f]{1,2}(:[0-9a-f]{1,2})*")) {
      return HexFormat.of().parseHex(java.util.Arrays.stream(dhclientValue.split(":"))
          .map(b -> b.length() == 1 ? "0" + b : b).collect(Collectors.joining()));
    }
    return dhclientValue.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aYealinkThatBoots_getsOption66WithAutoprovdsUrl_isKnownByMacAndAddressBeforeItsFirstRequest_andIsServedAsThatDevice()
      throws Exception {
    // when the phone gets its lease
    Map<String, String> lease = lab.lease(yealink);

    // then it is told where its files are
    String ip = lease.get("new_ip_address");
    assertThat(lease).containsEntry("new_tftp_server_name", autoprovd.httpUrl());
    // and the hook has told autoprovd who holds that address, before the phone asked anything
    await().atMost(REPORTED_WITHIN).untilAsserted(() -> assertThat(device(yealink)).hasValueSatisfying(d -> {
      assertThat(d.ip()).isEqualTo(ip);
      assertThat(d.vendor()).isEqualTo("Yealink");
      assertThat(d.plugin()).isEqualTo("yealink");
    }));
    Device known = device(yealink).orElseThrow();
    assertThat(known.lastSeen()).isNotNull();

    // when it fetches the common file from its address, naming nothing (no User-Agent)
    var common = lab.httpGet(yealink, autoprovd.httpUrl() + "/y000000000028.cfg", null);
    // and its own file, as a Yealink does
    String compact = Mac.parse(yealink.mac()).compact();
    var own = lab.httpGet(yealink, autoprovd.httpUrl() + "/" + compact + ".cfg",
        "Yealink SIP-T46S 66.86.0.15 " + yealink.mac());

    // then the address alone identified it, and its own file carries its own autoprov account
    assertThat(common.exitCode()).as(common.output()).isEqualTo(200);
    assertThat(own.exitCode()).as(own.output()).isEqualTo(200);
    Device after = device(yealink).orElseThrow();
    assertThat(after.id()).isEqualTo(known.id());
    assertThat(after.model()).isEqualTo("T46S");
    @SuppressWarnings("unchecked")
    var lines = (Map<String, Map<String, Object>>) autoprovd.server.store().configs().findById(after.config())
        .orElseThrow().rawConfig().get("sip_lines");
    assertThat(own.output()).contains("account.1.user_name = " + lines.get("1").get("username"));
    assertThat(autoprovd.server.store().devices().findByIp(ip)).extracting(Device::id).containsExactly(known.id());
  }

  @Test
  void aPhoneOfAnotherVendor_getsTheOptionThatVendorReads() throws Exception {
    // when an Aastra (by its vendor class) and a Fanvil (by its MAC prefix, no vendor class) boot
    Map<String, String> aastraLease = lab.lease(aastra);
    Map<String, String> fanvilLease = lab.lease(fanvil);

    // then the Aastra gets option 43 sub-options (2: the URL of its files, 3: contact-rcs false), no option 66
    byte[] url = (autoprovd.httpUrl() + "/Aastra").getBytes(StandardCharsets.ISO_8859_1);
    var expected = new java.io.ByteArrayOutputStream();
    expected.write(2);
    expected.write(url.length);
    expected.writeBytes(url);
    expected.writeBytes(new byte[] {3, 1, 0});
    assertThat(aastraLease).doesNotContainKey("new_tftp_server_name");
    assertThat(bytes(aastraLease.get("new_vendor_encapsulated_options"))).isEqualTo(expected.toByteArray());
    // and the Fanvil its URL with the file name in both 66 and 43 (the phone expands $mac)
    String fanvilUrl = autoprovd.httpUrl() + "/Fanvil/$mac.cfg";
    assertThat(fanvilLease).containsEntry("new_tftp_server_name", fanvilUrl);
    assertThat(new String(bytes(fanvilLease.get("new_vendor_encapsulated_options")), StandardCharsets.ISO_8859_1))
        .isEqualTo(fanvilUrl);
  }

  @Test
  void aClientOfNoKnownVendor_getsNoProvisioningOption_andIsNoDevice() throws Exception {
    // when a laptop gets its lease
    Map<String, String> lease = lab.lease(laptop);

    // then nothing points it at autoprovd
    assertThat(lease).containsKey("new_ip_address")
        .doesNotContainKeys("new_tftp_server_name", "new_bootfile_name", "new_vendor_encapsulated_options",
            "new_apd_default_url", "new_apd_cisco_tftp", "new_apd_provisioning_url");
    // and once its lease is reported, it is recorded but is no device
    String ip = lease.get("new_ip_address");
    await().atMost(REPORTED_WITHIN).untilAsserted(() -> assertThat(leaseRecord(ip)).hasValueSatisfying(l ->
        assertThat(l.mac()).isEqualTo(Mac.parse(laptop.mac()))));
    assertThat(device(laptop)).isEmpty();
    // nor does its address make it one
    assertThat(lab.httpGet(laptop, autoprovd.httpUrl() + "/y000000000028.cfg", null).exitCode()).isEqualTo(404);
  }

  @Test
  void aPhoneThatReleasesItsLease_isReported_andItsDeviceNoLongerHoldsTheAddress() throws Exception {
    // given
    String ip = lab.lease(yealinkLeaving).get("new_ip_address");
    await().atMost(REPORTED_WITHIN).untilAsserted(() ->
        assertThat(device(yealinkLeaving)).hasValueSatisfying(d -> assertThat(d.ip()).isEqualTo(ip)));

    // when
    lab.release(yealinkLeaving);

    // then
    await().atMost(REPORTED_WITHIN).untilAsserted(() -> {
      assertThat(leaseRecord(ip)).hasValueSatisfying(l -> assertThat(l.op()).isEqualTo(DhcpLease.Op.RELEASE));
      assertThat(device(yealinkLeaving)).hasValueSatisfying(d -> assertThat(d.ip()).isNull());
    });
  }
}
