package io.autoprovd.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/plugin-packs.md: loading {@code plugin.yml}, the file table, identification and scores. */
class PluginPackTest {
  static final String VALID = """
      id: yealink-test
      version: 1.2.3
      vendor: Yealink
      description: Yealink desk phones, for tests
      sync:
        event: check-sync-yealink
      identify:
        - user_agent: '^[yY]ealink\\s+SIP-(?<model>\\w+)\\s+(?<version>[\\d.]+)\\s+(?<mac>[\\da-fA-F:]{17})$'
        - path: '^(?<mac>(?:001565|805ec0)[0-9a-f]{6})\\.cfg$'
          without_user_agent: true
        - tftp: '^(?<mac>[0-9a-f]{12})\\.boot$'
        - dhcp_vendor_class: '^yealink'
          set: { model: null, version: "0" }
      models:
        T46S:
          lines: 16
          function_keys: 27
          expansion: { modules: 6, keys: 40 }
          properties: { hardware_id: "28" }
          features: { provisioning: Y, function_keys: 27 }
        W70B:
          lines: 10
      files:
        - path: '{mac}.cfg'
          scope: device
          template: mac.cfg.j2
          sensitive: true
          trigger: true
        - path: 'y0000000000\\d\\d\\.cfg'
          scope: common
          template: common.cfg.j2
        - path: 'directory_setting\\.xml'
          scope: static
          file: directory_setting.xml
        - path: 'lang/{MAC}\\.xml'
          scope: device
          template: sub/lang.xml.j2
      """;

  @TempDir Path dir;

  Path pack(String name, String yaml) throws IOException {
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("templates/sub"));
    Files.createDirectories(root.resolve("static"));
    Files.writeString(root.resolve("plugin.yml"), yaml);
    Files.writeString(root.resolve("templates/mac.cfg.j2"), "line1={{ sip_lines['1'].username }}\n");
    Files.writeString(root.resolve("templates/common.cfg.j2"), "common\n");
    Files.writeString(root.resolve("templates/sub/lang.xml.j2"), "<lang/>\n");
    Files.writeString(root.resolve("static/directory_setting.xml"), "<directory/>\n");
    return root;
  }

  @Nested
  class Loading {

    @Test
    void aValidPack_loadsWithEveryPartOfItsDescriptor() throws IOException {
      // given
      Path root = pack("yealink", VALID);

      // when
      PluginPack pack = PluginPack.load(root);

      // then
      assertThat(pack.id()).isEqualTo("yealink-test");
      assertThat(pack.version()).isEqualTo("1.2.3");
      assertThat(pack.vendor()).isEqualTo("Yealink");
      assertThat(pack.description()).isEqualTo("Yealink desk phones, for tests");
      assertThat(pack.syncEvent()).isEqualTo("check-sync-yealink");
      assertThat(pack.root()).isEqualTo(root);
      assertThat(pack.rules()).extracting(IdentifyRule::source).containsExactly(
          IdentifyRule.Source.USER_AGENT, IdentifyRule.Source.PATH, IdentifyRule.Source.TFTP,
          IdentifyRule.Source.DHCP_VENDOR_CLASS);
      assertThat(pack.rules()).extracting(IdentifyRule::withoutUserAgent).containsExactly(false, true, false, false);
      assertThat(pack.rules().get(3).fixed()).isEqualTo(Map.of("version", "0"));
      assertThat(pack.files()).extracting(FileEntry::scope).containsExactly(
          FileEntry.Scope.DEVICE, FileEntry.Scope.COMMON, FileEntry.Scope.STATIC, FileEntry.Scope.DEVICE);
      assertThat(pack.files().getFirst().sensitive()).isTrue();
      assertThat(pack.triggerFile()).map(FileEntry::path).contains("{mac}.cfg");
      assertThat(pack.templates()).containsOnlyKeys("mac.cfg.j2", "common.cfg.j2", "sub/lang.xml.j2");
      assertThat(pack.template("common.cfg.j2")).contains("common\n");
      assertThat(pack.template("missing.j2")).isEmpty();
    }

    @Test
    void models_carryTheirCountsPropertiesAndFeatures() throws IOException {
      // when
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // then
      ModelSpec t46s = pack.model("T46S").orElseThrow();
      assertThat(t46s.lines()).isEqualTo(16);
      assertThat(t46s.functionKeys()).isEqualTo(27);
      assertThat(t46s.properties()).containsEntry("hardware_id", "28")
          .containsEntry("expansion", Map.of("modules", 6, "keys", 40));
      assertThat(t46s.features()).containsEntry("provisioning", "Y");
      assertThat(t46s.asTemplateValue()).containsEntry("name", "T46S").containsEntry("lines", 16)
          .containsEntry("function_keys", 27).containsEntry("hardware_id", "28");
      assertThat(pack.model("W70B").orElseThrow().functionKeys()).isZero();
      assertThat(pack.model("T99")).isEmpty();
      assertThat(pack.model(null)).isEmpty();
    }

    @Test
    void withoutASyncSection_theEventIsCheckSync() throws IOException {
      // when
      PluginPack pack = PluginPack.load(pack("p", VALID.replace("sync:\n  event: check-sync-yealink\n", "")));

      // then
      assertThat(pack.syncEvent()).isEqualTo("check-sync");
    }

    @Test
    void anInvalidPack_reportsEveryProblemAtOnceNamingTheField() throws IOException {
      // given a pack without id, with a bad regex, an unknown template, a static file outside static/
      // and a bad scope
      String yaml = """
          version: 1.0.0
          vendor: Yealink
          identify:
            - user_agent: '^Yealink (?<model>\\w+'
          files:
            - path: '{mac}.cfg'
              scope: device
              template: nope.j2
            - path: 'a\\.cfg'
              scope: firmware
              file: a.bin
            - path: 'b\\.cfg'
              scope: static
              file: ../plugin.yml
          """;
      Path root = pack("broken", yaml);

      // when / then
      assertThatThrownBy(() -> PluginPack.load(root))
          .isInstanceOf(PluginPackException.class)
          .hasMessageContaining(root.toString())
          .hasMessageContaining("id: required")
          .hasMessageContaining("identify.0.user_agent: invalid regex")
          .hasMessageContaining("files.0.template: no such template: nope.j2")
          .hasMessageContaining("files.1.scope: must be one of device, common, static")
          .hasMessageContaining("files.2.file: no such regular file under static/: ../plugin.yml");
    }

    @Test
    void otherDescriptorMistakes_areNamedToo() throws IOException {
      // given
      String yaml = """
          id: Not_An_Id
          vendor: Acme
          identify:
            - user_agent: 'Acme'
              path: 'acme'
            - set: { model: X }
          models:
            X1:
              lines: -1
          files:
            - scope: device
              template: mac.cfg.j2
            - path: 'c\\.cfg'
              scope: common
            - path: 'd\\.xml'
              scope: static
            - path: 'e\\.xml'
              scope: static
              file: /etc/passwd
            - path: 'f(\\.xml'
              scope: static
              file: directory_setting.xml
          """;
      Path root = pack("broken", yaml);

      // when / then
      assertThatThrownBy(() -> PluginPack.load(root))
          .isInstanceOf(PluginPackException.class)
          .hasMessageContaining("id: must match")
          .hasMessageContaining("version: required")
          .hasMessageContaining("identify.0: needs exactly one of user_agent, path, tftp, dhcp_vendor_class")
          .hasMessageContaining("identify.1: needs exactly one of")
          .hasMessageContaining("models.X1.lines: must be >= 0")
          .hasMessageContaining("files.0.path: required")
          .hasMessageContaining("files.1.template: required for scope common")
          .hasMessageContaining("files.2.file: required for scope static")
          .hasMessageContaining("files.3.file: no such regular file under static/: /etc/passwd")
          .hasMessageContaining("files.4.path: invalid pattern");
    }

    @Test
    void aFolderWithoutDescriptor_orWithANonMappingDescriptor_isRefused() throws IOException {
      // given
      Path empty = Files.createDirectories(dir.resolve("empty"));
      Path list = pack("list", "- just\n- a list\n");

      // when / then
      assertThatThrownBy(() -> PluginPack.load(empty))
          .isInstanceOf(PluginPackException.class).hasMessageContaining("cannot read");
      assertThatThrownBy(() -> PluginPack.load(list))
          .isInstanceOf(PluginPackException.class).hasMessageContaining("not a YAML mapping");
    }

    @Test
    void scopes_areReadTheSameWhateverTheDefaultLocale() throws IOException {
      // given a Turkish default locale, where "device".toUpperCase() is "DEVİCE"
      Path root = pack("yealink", VALID);
      Locale before = Locale.getDefault();
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      PluginPack pack;
      try {
        // when
        pack = PluginPack.load(root);
      } finally {
        Locale.setDefault(before);
      }

      // then
      assertThat(pack.files()).extracting(FileEntry::scope).containsExactly(
          FileEntry.Scope.DEVICE, FileEntry.Scope.COMMON, FileEntry.Scope.STATIC, FileEntry.Scope.DEVICE);
    }
  }

  @Nested
  class FileTable {

    @Test
    void aMacPattern_matchesTwelveLowerCaseHexDigitsAndCapturesThem() throws IOException {
      // given
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // when
      var match = pack.route("001565abcdef.cfg").orElseThrow();

      // then
      assertThat(match.entry().path()).isEqualTo("{mac}.cfg");
      assertThat(match.macInPath()).isEqualTo("001565abcdef");
    }

    @Test
    void anUpperCaseMacPattern_matchesOnlyUpperCase() throws IOException {
      // given
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // when / then
      assertThat(pack.route("lang/001565ABCDEF.xml")).map(FileEntry.PathMatch::macInPath).contains("001565ABCDEF");
      assertThat(pack.route("lang/001565abcdef.xml")).isEmpty();
    }

    @Test
    void patterns_areAnchoredAtBothEnds() throws IOException {
      // given
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // when / then
      assertThat(pack.route("001565abcdef.cfg.bak")).isEmpty();
      assertThat(pack.route("x/001565abcdef.cfg")).isEmpty();
      assertThat(pack.route("001565abcde.cfg")).isEmpty();
      assertThat(pack.route("directory_settingXxml")).isEmpty();
    }

    @Test
    void commonAndStaticEntries_carryNoMac() throws IOException {
      // given
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // when
      var common = pack.route("y000000000028.cfg").orElseThrow();
      var stat = pack.route("directory_setting.xml").orElseThrow();

      // then
      assertThat(common.entry().scope()).isEqualTo(FileEntry.Scope.COMMON);
      assertThat(common.macInPath()).isNull();
      assertThat(stat.entry().file()).isEqualTo("directory_setting.xml");
    }

    @Test
    void namedGroupsOtherThanTheMac_becomePathVariables() throws IOException {
      // given
      String yaml = VALID.replace("files:\n", """
          files:
            - path: 'snom(?<model>D\\d{3})-{MAC}\\.htm'
              scope: device
              template: mac.cfg.j2
            - path: 'snom(?<model>D\\d{3})\\.htm'
              scope: common
              template: mac.cfg.j2
          """);
      PluginPack pack = PluginPack.load(pack("p", yaml));

      // when
      var perDevice = pack.route("snomD785-000413ABCDEF.htm").orElseThrow();
      var perModel = pack.route("snomD785.htm").orElseThrow();

      // then
      assertThat(perDevice.macInPath()).isEqualTo("000413ABCDEF");
      assertThat(perDevice.vars()).isEqualTo(java.util.Map.of("model", "D785"));
      assertThat(perModel.macInPath()).isNull();
      assertThat(perModel.vars()).isEqualTo(java.util.Map.of("model", "D785"));
      assertThat(pack.route("001565abcdef.cfg").orElseThrow().vars()).isEmpty();
    }

    @Test
    void theFirstMatchingEntry_wins() throws IOException {
      // given
      String yaml = VALID.replace("files:\n", """
          files:
            - path: '001565000000\\.cfg'
              scope: static
              file: directory_setting.xml
          """);
      PluginPack pack = PluginPack.load(pack("p", yaml));

      // when / then
      assertThat(pack.route("001565000000.cfg")).map(m -> m.entry().scope()).contains(FileEntry.Scope.STATIC);
      assertThat(pack.route("001565000001.cfg")).map(m -> m.entry().scope()).contains(FileEntry.Scope.DEVICE);
    }
  }

  @Nested
  class Identification {

    @Test
    void aUserAgentRule_fillsModelVersionAndANormalisedMac_withThePacksVendor() throws IOException {
      // given
      IdentifyRule rule = PluginPack.load(pack("yealink", VALID)).rules().getFirst();

      // when
      var info = rule.apply("Yealink SIP-T46S 66.86.0.15 00:15:65:AB:CD:EF", "Yealink").orElseThrow();

      // then
      assertThat(info).isEqualTo(new DeviceInfo(
          Mac.parse("001565abcdef"), null, null, "Yealink", "T46S", "66.86.0.15", null));
    }

    @Test
    void aRuleThatDoesNotMatch_orAnOverlongInput_saysNothing() throws IOException {
      // given
      IdentifyRule rule = PluginPack.load(pack("yealink", VALID)).rules().getFirst();
      String overlong = "Yealink SIP-T46S 66.86.0.15 00:15:65:ab:cd:ef" + " ".repeat(IdentifyRule.MAX_INPUT);

      // when / then
      assertThat(rule.apply("Fanvil X4U 2.10.2.6887 0c383e07e16c", "Yealink")).isEmpty();
      assertThat(rule.apply(null, "Yealink")).isEmpty();
      assertThat(rule.apply(overlong, "Yealink")).isEmpty();
    }

    @Test
    void fixedValues_fillWhatTheRegexDoesNotCapture() throws IOException {
      // given
      IdentifyRule rule = PluginPack.load(pack("yealink", VALID)).rules().get(3);

      // when
      var info = rule.apply("yealink-dhcp", "Yealink").orElseThrow();

      // then
      assertThat(info.vendor()).isEqualTo("Yealink");
      assertThat(info.version()).isEqualTo("0");
      assertThat(info.model()).isNull();
      assertThat(info.mac()).isNull();
    }

    @Test
    void aPackClaimsItsListedModelsAt500_itsVendorAt300_andNothingElse() throws IOException {
      // given
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // when / then
      assertThat(pack.score(info("Yealink", "T46S"))).isEqualTo(PluginPack.SCORE_COMPLETE);
      assertThat(pack.score(info("yealink", "T46S"))).isEqualTo(PluginPack.SCORE_COMPLETE);
      assertThat(pack.score(info("Yealink", "T99Z"))).isEqualTo(PluginPack.SCORE_PROBABLE);
      assertThat(pack.score(info("Fanvil", "T46S"))).isEqualTo(PluginPack.SCORE_NONE);
      assertThat(pack.score(info(null, "T46S"))).isEqualTo(PluginPack.SCORE_NONE);
    }

    @Test
    void aPhoneOfItsVendorWithoutAModel_isProbable() throws IOException {
      // given a phone identified by its file name only (no User-Agent, no model)
      PluginPack pack = PluginPack.load(pack("yealink", VALID));

      // when
      int score = pack.score(info("Yealink", null));

      // then
      assertThat(score).isEqualTo(PluginPack.SCORE_PROBABLE);
    }
  }

  static DeviceInfo info(String vendor, String model) {
    return new DeviceInfo(null, null, null, vendor, model, null, null);
  }
}
