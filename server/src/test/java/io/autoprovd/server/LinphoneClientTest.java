package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Linphone client (Debian's {@code linphonec}, package {@code linphone-cli}) provisioned
 * end to end: it is given only a {@code [misc] config-uri} naming its UUID on autoprovd, fetches
 * the file when its core starts, applies it, and registers the account it was given to a UDP
 * registrar the test plays, answering the registrar's digest challenge with the provisioned
 * password.
 *
 * <p>What makes linphonec fetch at all: liblinphone's core start opens its message database
 * ({@code $HOME/.local/share/linphone/linphone.db}) before it reads {@code config-uri}; when that
 * folder does not exist the start fails silently (no "Configuring" state, no request), which is
 * why a quick try with a bare {@code -c} file seems to ignore {@code config-uri}. The test creates
 * the folder in its own {@code HOME}.
 */
class LinphoneClientTest {
  static final String REALM = "autoprovd-test";
  static final String NONCE = "4f2b9c1d";

  @TempDir Path dataDir;
  @TempDir Path home;
  TestServer server;
  DatagramSocket registrar;
  Process linphonec;

  @BeforeEach
  void requireLinphonec() {
    assumeTrue(onPath("linphonec"), "linphonec is not installed: apt-get install linphone-cli");
  }

  @AfterEach
  void stop() throws Exception {
    if (linphonec != null && linphonec.isAlive()) {
      linphonec.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (registrar != null) {
      registrar.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void linphonec_givenOnlyItsConfigUri_fetchesItsAccount_andRegistersWithTheProvisionedPassword() throws Exception {
    server = TestServer.start(dataDir);
    registrar = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int sipPort = registrar.getLocalPort();
    String uuid = UUID.randomUUID().toString().replace("-", "");
    var config = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_dtmf_mode", "SIP-INFO", "sip_lines", Map.of("1", Map.of(
            "username", "1001", "password", "s3cret", "display_name", "Alice",
            "proxy_ip", "127.0.0.1", "proxy_port", sipPort))))));
    assertThat(config.statusCode()).isEqualTo(201);
    var device = server.rest("POST", "/0.2/dev_mgr/devices", Map.of("device", Map.of(
        "uuid", uuid, "vendor", "Linphone", "model", "Linphone", "plugin", "linphone", "config", "alice")));
    assertThat(device.statusCode()).isEqualTo(201);

    Path rc = home.resolve("linphonerc");
    Files.writeString(rc, "[misc]\nconfig-uri=http://127.0.0.1:" + server.server.httpPort() + "/linphone/" + uuid
        + ".xml\n\n[sip]\nsip_port=-1\nsip_tcp_port=-1\nsip_tls_port=-1\n");
    Files.createDirectories(home.resolve(".local/share/linphone"));
    Path log = home.resolve("linphonec.log");
    var builder = new ProcessBuilder("linphonec", "-c", rc.toString(), "-d", "6", "-l", log.toString())
        .redirectErrorStream(true).redirectOutput(home.resolve("linphonec.out").toFile());
    builder.environment().put("HOME", home.toString());
    linphonec = builder.start();

    // The provisioned account registers here: challenge it, and check the answer's digest.
    String register = receive("REGISTER ", 30_000, log);
    assertThat(header(register, "From")).contains("\"Alice\"").contains("sip:1001@127.0.0.1");
    reply(register, "401 Unauthorized", "WWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\"" + NONCE + "\"");
    String authenticated = receiveMatching(r -> r.startsWith("REGISTER ") && header(r, "Authorization") != null,
        15_000, log);
    String authorization = header(authenticated, "Authorization");
    assertThat(authorization).contains("username=\"1001\"", "realm=\"" + REALM + "\"");
    String uri = param(authorization, "uri");
    assertThat(param(authorization, "response"))
        .as("digest computed with the provisioned password").isEqualTo(digest("1001", "s3cret", "REGISTER", uri));
    reply(authenticated, "200 OK", "Contact: " + header(authenticated, "Contact") + ";expires=3600");

    quit(log);
    String written = Files.readString(rc, StandardCharsets.UTF_8);
    // liblinphone keeps the provisioned password as the digest of the realm it authenticated in.
    assertThat(written).contains("[proxy_0]", "reg_proxy=<sip:127.0.0.1:" + sipPort + ";transport=udp>",
        "[auth_info_0]", "username=1001", "ha1=" + md5("1001:" + REALM + ":s3cret"), "use_info=1");
    assertThat(server.devices()).singleElement().satisfies(d -> assertThat(d).containsEntry("uuid", uuid));
  }

  private void quit(Path log) throws Exception {
    linphonec.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
    linphonec.getOutputStream().flush();
    if (!linphonec.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError("linphonec did not quit; log:\n" + tail(log));
    }
  }

  private String receive(String prefix, int millis, Path log) throws IOException {
    return receiveMatching(r -> r.startsWith(prefix), millis, log);
  }

  private DatagramPacket last;

  private String receiveMatching(java.util.function.Predicate<String> wanted, int millis, Path log) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    byte[] buffer = new byte[65535];
    while (System.currentTimeMillis() < deadline) {
      registrar.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
      var packet = new DatagramPacket(buffer, buffer.length);
      try {
        registrar.receive(packet);
      } catch (SocketTimeoutException e) {
        break;
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      if (wanted.test(text)) {
        last = packet;
        return text;
      }
    }
    throw new AssertionError("no matching SIP request from linphonec within " + millis + " ms; log:\n" + tail(log));
  }

  /** A response to the last request received, with its Via, From, To (tagged), Call-ID and CSeq. */
  private void reply(String request, String status, String extra) throws IOException {
    var response = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
    for (String line : request.split("\r\n")) {
      String lower = line.toLowerCase();
      if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
          || lower.startsWith("cseq:")) {
        response.append(line).append("\r\n");
      } else if (lower.startsWith("to:")) {
        response.append(line).append(line.contains(";tag=") ? "" : ";tag=reg1").append("\r\n");
      }
    }
    response.append(extra).append("\r\nContent-Length: 0\r\n\r\n");
    byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
    registrar.send(new DatagramPacket(bytes, bytes.length, last.getSocketAddress()));
  }

  static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  static String param(String authorization, String name) {
    var m = Pattern.compile("\\b" + name + "=\"?([^\",]*)\"?").matcher(authorization);
    assertThat(m.find()).as("%s in %s", name, authorization).isTrue();
    return m.group(1);
  }

  /** RFC 2617 digest without qop, as the challenge offers none. */
  static String digest(String user, String password, String method, String uri) throws Exception {
    String ha1 = md5(user + ":" + REALM + ":" + password);
    String ha2 = md5(method + ":" + uri);
    return md5(ha1 + ":" + NONCE + ":" + ha2);
  }

  static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
