package io.autoprovd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Snom phone's boot over real HTTP, as Snom documents it ("Auto Provisioning"): with a setting
 * server URL that names no file, the phone fetches {@code <phoneType>.htm}, the setting files it
 * lists, then {@code <phoneType>-<MAC>.htm} and the files that lists ({@code <MAC>.xml}). The
 * desk phones are served by the {@code snom} pack, the M-series DECT bases by {@code snom-dect}.
 */
class SnomBootSequenceTest {
  /** wazo-provd-plugins, wazo-snom common.py: the User-Agent of a D785 on firmware 10.1.33.33. */
  static final String D785_UA =
      "Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g9ba52f5 000413922D24 SXM:0 UXM:0)";
  /** wazo-provd-plugins, wazo-snom-dect common.py: the User-Agent of an M900 base. */
  static final String M900_UA = "Mozilla/4.0 (compatible; Snom M900 05.20.0001 000413b60680)";

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
  void unknownD785_isDiscovered_andFollowsItsSettingFilesToItsOwnAutoprovAccount() throws Exception {
    String base = "http://127.0.0.1:" + server.server.httpPort();

    var model = fetch("/snomD785.htm", D785_UA);
    assertThat(model.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(model)).contains("<file url=\"" + base + "/snomD785.xml\"/>");
    var device = server.onlyDevice();
    assertThat(device).containsEntry("vendor", "Snom").containsEntry("model", "D785")
        .containsEntry("version", "10.1.33.33").containsEntry("mac", "00:04:13:92:2d:24")
        .containsEntry("plugin", "snom").containsEntry("configured", true);

    var modelSettings = fetch("/snomD785.xml", D785_UA);
    assertThat(modelSettings.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(modelSettings)).contains("<setting_server perm=\"R\">" + base + "/</setting_server>");

    var own = fetch("/snomD785-000413922D24.htm", D785_UA);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(own)).contains("<file url=\"" + base + "/000413922D24.xml\"/>");

    var settings = fetch("/000413922D24.xml", D785_UA);
    assertThat(settings.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(settings)).contains("<user_name idx=\"1\" perm=\"R\">" + server.autoprovUsername(device) + "</user_name>",
        "<user_active idx=\"2\" perm=\"R\">off</user_active>");

    // Not listed by our files, so a phone does not ask; if asked, not served, and the phone keeps its own.
    assertThat(fetch("/gui_lang.xml", D785_UA).statusCode()).isEqualTo(404);
    assertThat(fetch("/snomD785-firmware.xml", D785_UA).statusCode()).isEqualTo(404);
    assertThat(server.devices()).hasSize(1);
  }

  @Test
  void afterLinkingToATwoLineConfig_theSameSequence_servesThoseAccounts() throws Exception {
    fetch("/snomD785.htm", D785_UA);
    String id = (String) server.onlyDevice().get("id");
    var created = server.rest("POST", "/0.2/cfg_mgr/configs", Map.of("config", Map.of(
        "id", "alice", "parent_ids", List.of("base", "defaultconfigdevice"),
        "raw_config", Map.of(
            "timezone", "Europe/Paris", "locale", "fr_FR",
            "funckeys", Map.of("1", Map.of("type", "blf", "value", "1002", "label", "Bob")),
            "exten_pickup_call", "*8",
            "sip_lines", Map.of(
                "1", Map.of("username", "1001", "password", "s3cret", "display_name", "Alice", "proxy_ip", "10.0.0.5"),
                "2", Map.of("username", "1011", "password", "s3cret2", "display_name", "Alice 2", "proxy_ip", "10.0.0.5"))))));
    assertThat(created.statusCode()).isEqualTo(201);
    var linked = server.rest("PUT", "/0.2/dev_mgr/devices/" + id, Map.of("device", Map.of(
        "mac", "00:04:13:92:2d:24", "plugin", "snom", "config", "alice")));
    assertThat(linked.statusCode()).isEqualTo(204);

    assertThat(fetch("/snomD785.htm", D785_UA).statusCode()).isEqualTo(200);
    assertThat(fetch("/snomD785.xml", D785_UA).statusCode()).isEqualTo(200);
    assertThat(fetch("/snomD785-000413922D24.htm", D785_UA).statusCode()).isEqualTo(200);
    String settings = TestServer.body(fetch("/000413922D24.xml", D785_UA));
    assertThat(settings).contains(
        "<user_name idx=\"1\" perm=\"R\">1001</user_name>", "<user_pass idx=\"1\" perm=\"R\">s3cret</user_pass>",
        "<user_host idx=\"1\" perm=\"R\">10.0.0.5:5060</user_host>",
        "<user_name idx=\"2\" perm=\"R\">1011</user_name>",
        "<timezone perm=\"R\">FRA+1</timezone>", "<language perm=\"R\">Francais</language>",
        "<fkey idx=\"0\" context=\"active\" label=\"Bob\" perm=\"R\">blf 1002|*8</fkey>");
    assertThat(settings).doesNotContain("Autoprov");
  }

  @Test
  void anotherPhonesFiles_areNotServed() throws Exception {
    fetch("/snomD785.htm", D785_UA);

    assertThat(fetch("/000413AABBCC.xml", D785_UA).statusCode()).isEqualTo(404);
    assertThat(fetch("/snomD785-000413AABBCC.htm", D785_UA).statusCode()).isEqualTo(404);
  }

  @Test
  void unknownM900Base_isServedByTheDectPack_throughTheSameSequence() throws Exception {
    String base = "http://127.0.0.1:" + server.server.httpPort();

    var model = fetch("/snomM900.htm", M900_UA);
    assertThat(model.statusCode()).isEqualTo(200);
    assertThat(TestServer.body(model)).contains("<file url=\"" + base + "/snomM900.xml\"/>");
    var device = server.onlyDevice();
    assertThat(device).containsEntry("vendor", "Snom").containsEntry("model", "M900")
        .containsEntry("version", "05.20.0001").containsEntry("mac", "00:04:13:b6:06:80")
        .containsEntry("plugin", "snom-dect");
    assertThat(fetch("/snomM900.xml", M900_UA).statusCode()).isEqualTo(200);
    assertThat(TestServer.body(fetch("/snomM900-000413B60680.htm", M900_UA))).contains(base + "/000413B60680.xml");
    String settings = TestServer.body(fetch("/000413B60680.xml", M900_UA));
    assertThat(settings).contains("<user_name idx=\"1\" perm=\"R\">" + server.autoprovUsername(device) + "</user_name>",
        "<subscr_sip_hs_idx idx=\"1\" perm=\"R\">1</subscr_sip_hs_idx>");
    assertThat(fetch("/snomD785.htm", M900_UA).statusCode()).as("a desk phone's file is not the base's").isEqualTo(404);
  }

  private HttpResponse<byte[]> fetch(String path, String userAgent) throws Exception {
    return server.fetch(path, userAgent);
  }

}
