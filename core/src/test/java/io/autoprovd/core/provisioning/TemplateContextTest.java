package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.tenant.Tenant;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/plugin-packs.md, "Template context". */
class TemplateContextTest {
  static final PluginPack PACK = new PluginPack("yealink", "1.2.3", "Yealink", null, "check-sync", List.of(),
      Map.of("T46S", new ModelSpec("T46S", 16, 27, Map.of(), Map.of())), List.of(), Map.of(), Path.of("."));

  @Test
  void aDeviceFile_seesTheDefaultedRawConfigTheDeviceItsModelAndThePack() {
    // given
    Device device = Device.newBuilder("d1", Tenant.MASTER_UUID).mac(Mac.parse("00:15:65:ab:cd:ef"))
        .ip("10.0.0.1").vendor("Yealink").model("T46S").version("66.86.0.15").sn("SN1").uuid("U1")
        .options(Map.of("switchboard", true)).build();
    Map<String, Object> raw = Map.of("http_base_url", "http://prov:8667/", "sip_lines", Map.of("1", Map.of("username", "u")));

    // when
    Map<String, Object> ctx = TemplateContext.forDevice(PACK, device, raw);

    // then
    assertThat(ctx).containsEntry("sip_transport", "udp")
        .containsEntry("sip_lines", Map.of("1", Map.of("username", "u", "auth_username", "u")))
        .containsEntry("XX_server_url", "http://prov:8667")
        .containsEntry("XX_options", Map.of("switchboard", true))
        .containsEntry("plugin", Map.of("id", "yealink", "version", "1.2.3", "vendor", "Yealink"));
    assertThat(ctx.get("device")).isEqualTo(Map.of("id", "d1", "mac", "00:15:65:ab:cd:ef",
        "mac_compact", "001565abcdef", "MAC_COMPACT", "001565ABCDEF", "ip", "10.0.0.1", "vendor", "Yealink",
        "model", "T46S", "version", "66.86.0.15", "sn", "SN1", "uuid", "U1"));
    assertThat(ctx.get("model")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "T46S").containsEntry("lines", 16);
  }

  @Test
  void aDeviceWithoutMacOrListedModel_stillGetsAContext() {
    // given
    Device device = Device.newBuilder("d1", Tenant.MASTER_UUID).model("T99").build();

    // when
    Map<String, Object> ctx = TemplateContext.forDevice(PACK, device, Map.of());

    // then
    assertThat(ctx.get("model")).isEqualTo(Map.of());
    assertThat(ctx.get("device")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("mac", null).containsEntry("MAC_COMPACT", null);
  }

  @Test
  void aCommonFileNamedAfterAModel_seesThatModelsEntry_andThePathVariables() {
    // when
    Map<String, Object> listed = TemplateContext.forCommon(PACK, Map.of(), Map.of("model", "T46S", "hw", "28"));
    Map<String, Object> unlisted = TemplateContext.forCommon(PACK, Map.of(), Map.of("model", "T99"));

    // then
    assertThat(listed.get("path")).isEqualTo(Map.of("model", "T46S", "hw", "28"));
    assertThat(listed.get("model")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "T46S").containsEntry("lines", 16);
    assertThat(unlisted.get("model")).isEqualTo(Map.of());
    assertThat(TemplateContext.forCommon(PACK, Map.of()).get("path")).isEqualTo(Map.of());
  }

  @Test
  void aCommonFile_seesTheBaseRawConfigAndNoDevice() {
    // when
    Map<String, Object> ctx = TemplateContext.forCommon(PACK, Map.of("ip", "prov", "http_port", 8667));

    // then
    assertThat(ctx).doesNotContainKey("device").containsEntry("model", Map.of())
        .containsEntry("XX_server_url", "http://prov:8667");
  }

  @Test
  void theServerUrl_isTheBaseUrl_elseIpAndPort_elseNothing() {
    // given
    var blankBase = new HashMap<String, Object>(Map.of("http_base_url", " ", "ip", "prov"));

    // when / then
    assertThat(TemplateContext.serverUrl(Map.of("http_base_url", "https://p/x", "ip", "prov"))).isEqualTo("https://p/x");
    assertThat(TemplateContext.serverUrl(blankBase)).isEqualTo("http://prov");
    assertThat(TemplateContext.serverUrl(Map.of("ip", "prov", "http_port", "8667"))).isEqualTo("http://prov:8667");
    assertThat(TemplateContext.serverUrl(Map.of())).isNull();
  }
}
