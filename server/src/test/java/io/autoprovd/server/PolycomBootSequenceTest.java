package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Poly VVX 500 boots against a real server over HTTP, as UC Software does (Poly UC Software
 * Administrator Guide, "provisioning process"; the order and User-Agents of a real VVX 500's
 * requests, docs/vendors/polycom.md):
 *
 * <ol>
 *   <li>the updater asks its per-phone master file {@code <mac>.cfg}, falls back to
 *       {@code 000000000000.cfg}, asks the application image named by APP_FILE_PATH, and uploads
 *       {@code <mac>-boot.log} with PUT;
 *   <li>the application reads the master file again, then the CONFIG_FILES in order
 *       ({@code <mac>-user.cfg}), its override files ({@code <mac>-phone.cfg}, {@code
 *       <mac>-web.cfg}), licenses, call lists and directories, and uploads {@code <mac>-app.log}.
 * </ol>
 *
 * autoprovd serves the master and the user file; everything else is a 404, which the phone
 * tolerates (it keeps its firmware, has no overrides, licenses or contacts); uploads are refused
 * with 405 (the phone keeps its logs).
 */
class PolycomBootSequenceTest {
  static final String MAC = "0004f282e824";
  /** Real User-Agents of a VVX 500 on UC Software 5.9.7 (updater, then application). */
  static final String UPDATER = "FileTransport PolycomVVX-VVX_500-UA/5.9.7.47435 Type/Updater";
  static final String APPLICATION = "FileTransport PolycomVVX-VVX_500-UA/5.9.7.4477 Type/Application";

  @TempDir Path dataDir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void unknownVvx500_boots_isDiscovered_andGetsItsAutoprovAccount_everythingElseIs404Or405() throws Exception {
    var log = boot(MAC);

    assertThat(log.statuses()).containsExactly(
        "GET /0004f282e824.cfg 404",
        "GET /000000000000.cfg 200",
        "GET /3111-44500-001.sip.ld 404",
        "GET /sip.ld 404",
        "PUT /0004f282e824-boot.log 405",
        "GET /0004f282e824.cfg 404",
        "GET /000000000000.cfg 200",
        "GET /0004f282e824-user.cfg 200",
        "GET /0004f282e824-phone.cfg 404",
        "GET /0004f282e824-web.cfg 404",
        "GET /000000000000-license.cfg 404",
        "GET /0004f282e824-license.cfg 404",
        "GET /0004f282e824-calls.xml 404",
        "GET /0004f282e824-directory.xml 404",
        "GET /000000000000-directory.xml 404",
        "PUT /0004f282e824-app.log 405");
    assertThat(log.body("GET /000000000000.cfg")).contains("CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-user.cfg\"");
    assertThat(log.allow("PUT /0004f282e824-boot.log")).isEqualTo("GET, HEAD");

    var devices = server.devices();
    assertThat(devices).hasSize(1);
    assertThat(devices.getFirst()).containsEntry("mac", "00:04:f2:82:e8:24").containsEntry("vendor", "Polycom")
        .containsEntry("model", "VVX500").containsEntry("version", "5.9.7.4477")
        .containsEntry("plugin", "polycom").containsEntry("tenant_uuid", Tenant.MASTER_UUID)
        .containsEntry("configured", true);
    String user = log.body("GET /0004f282e824-user.cfg");
    String autoprov = server.autoprovUsername(devices.getFirst());
    assertThat(user).contains("<polycomConfig>", "reg.1.address=\"" + autoprov + "\"",
        "reg.1.auth.userId=\"" + autoprov + "\"", "reg.1.label=\"Autoprov\"", "reg.1.server.1.address=\"127.0.0.1\"");
  }

  @Test
  void theUpdatersOwnVersion_isNotRecordedAsTheFirmware() throws Exception {
    fetch("GET", "/" + MAC + ".cfg", UPDATER);

    var device = server.devices().getFirst();
    assertThat(device).containsEntry("model", "VVX500").containsEntry("vendor", "Polycom");
    assertThat(device.get("version")).isNull();
  }

  @Test
  void afterLinkingToAOneLineConfig_theSameBoot_servesThatLine() throws Exception {
    boot(MAC);
    String id = (String) server.devices().getFirst().get("id");
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret",
            "display_name", "Alice", "proxy_ip", "10.0.0.5"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "00:04:f2:82:e8:24", "plugin", "polycom", "config", "alice")));
    assertThat(linked.statusCode()).isEqualTo(204);

    var log = boot(MAC);

    assertThat(log.statuses()).contains("GET /0004f282e824-user.cfg 200", "GET /0004f282e824-phone.cfg 404");
    assertThat(log.body("GET /0004f282e824-user.cfg")).contains("reg.1.address=\"1001\"",
        "reg.1.auth.password=\"s3cret\"", "reg.1.server.1.address=\"10.0.0.5\"", "reg.1.displayName=\"Alice\"")
        .doesNotContain("Autoprov");
  }

  @Test
  void anotherPhonesUserFile_isNotServed_whenNoSuchPhoneIsKnown() throws Exception {
    server.close();
    server = TestServer.start(dataDir, Map.of("provisioning.autocreate", "false"));

    var response = fetch("GET", "/0004f2abcdef-user.cfg", APPLICATION);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(server.devices()).isEmpty();
  }

  @Test
  void anotherMacsUserFile_isThatPhoneToTheServer_andNeverCarriesTheFirstPhonesLines() throws Exception {
    boot(MAC);
    String id = (String) server.devices().getFirst().get("id");
    server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret",
            "proxy_ip", "10.0.0.5"))))));
    server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "00:04:f2:82:e8:24", "plugin", "polycom", "config", "alice")));

    var other = fetch("GET", "/0004f2abcdef-user.cfg", APPLICATION);

    // Poly names itself only by the file it asks for: a new MAC is a new phone with its own autoprov line.
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(new String(other.body(), StandardCharsets.UTF_8)).doesNotContain("1001", "s3cret");
    assertThat(server.devices()).extracting(d -> d.get("mac")).containsExactlyInAnyOrder(
        "00:04:f2:82:e8:24", "00:04:f2:ab:cd:ef");
  }

  @Test
  void aRequestWithAnotherVendorsUserAgent_getsNothingFromThePolyPack() throws Exception {
    var response = fetch("GET", "/000000000000.cfg", "Mozilla/5.0");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  // --- the boot ------------------------------------------------------------------------------

  /** The requests of one boot, in order: updater phase, then application phase. */
  private BootLog boot(String mac) throws Exception {
    var log = new BootLog();
    log.add("GET", "/" + mac + ".cfg", UPDATER);
    log.add("GET", "/000000000000.cfg", UPDATER);
    log.add("GET", "/3111-44500-001.sip.ld", UPDATER);   // the VVX 500's part number, then the generic name
    log.add("GET", "/sip.ld", UPDATER);
    log.add("PUT", "/" + mac + "-boot.log", UPDATER);
    log.add("GET", "/" + mac + ".cfg", APPLICATION);
    log.add("GET", "/000000000000.cfg", APPLICATION);
    log.add("GET", "/" + mac + "-user.cfg", APPLICATION);
    log.add("GET", "/" + mac + "-phone.cfg", APPLICATION);
    log.add("GET", "/" + mac + "-web.cfg", APPLICATION);
    log.add("GET", "/000000000000-license.cfg", APPLICATION);
    log.add("GET", "/" + mac + "-license.cfg", APPLICATION);
    log.add("GET", "/" + mac + "-calls.xml", APPLICATION);
    log.add("GET", "/" + mac + "-directory.xml", APPLICATION);
    log.add("GET", "/000000000000-directory.xml", APPLICATION);
    log.add("PUT", "/" + mac + "-app.log", APPLICATION);
    return log;
  }

  private final class BootLog {
    final Map<String, HttpResponse<byte[]>> responses = new LinkedHashMap<>();
    final List<String> statuses = new ArrayList<>();

    void add(String method, String path, String userAgent) throws Exception {
      var response = fetch(method, path, userAgent);
      responses.put(method + " " + path, response);
      statuses.add(method + " " + path + " " + response.statusCode());
    }

    List<String> statuses() {
      return statuses;
    }

    String body(String request) {
      return new String(responses.get(request).body(), StandardCharsets.UTF_8);
    }

    String allow(String request) {
      return responses.get(request).headers().firstValue("Allow").orElse(null);
    }
  }

  /** An HTTP request as the phone makes it: GET, or PUT with a log's text. */
  private HttpResponse<byte[]> fetch(String method, String path, String userAgent) throws Exception {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.httpPort() + path))
        .header("User-Agent", userAgent);
    if (method.equals("PUT")) {
      builder.PUT(HttpRequest.BodyPublishers.ofString("0101000000|boot |3|00|Booting\n"));
    } else {
      builder.GET();
    }
    return server.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

}
