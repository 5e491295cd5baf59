package io.autoprovd.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** config-model.md §4: every raw_config field, one valid and at least one invalid value each. */
class RawConfigSchemaTest {

  /** A top-level field, a value it accepts, a value it refuses, and the violation that names it. */
  record Row(String field, Object valid, Object invalid, String violation) {
    @Override
    public String toString() {
      return field + " = " + invalid;
    }
  }

  private static final String PORT = "must be 1..65535";
  private static final String NOT_A_PORT = "must be an integer 1..65535";

  static List<Row> topLevelFields() {
    var rows = new ArrayList<Row>();
    for (String f : List.of(
        "http_base_url", "ip", "dns_ip", "ntp_ip", "syslog_ip", "admin_username", "admin_password",
        "user_username", "user_password", "sip_proxy_ip", "sip_backup_proxy_ip", "sip_registrar_ip",
        "sip_backup_registrar_ip", "sip_outbound_proxy_ip", "sip_local_certificate", "sip_local_key",
        "exten_dnd", "exten_fwd_unconditional", "exten_fwd_no_answer", "exten_fwd_busy",
        "exten_fwd_disable_all", "exten_park", "exten_pickup_group", "exten_pickup_call",
        "exten_voicemail")) {
      rows.add(new Row(f, "10.0.0.1", 42, f + ": must be a string"));
    }
    for (String f : List.of(
        "http_port", "tftp_port", "syslog_port", "sip_proxy_port", "sip_backup_proxy_port",
        "sip_registrar_port", "sip_backup_registrar_port", "sip_outbound_proxy_port")) {
      rows.add(new Row(f, 5060, 0, f + ": " + PORT));
      rows.add(new Row(f, 65535, 65536, f + ": " + PORT));
      rows.add(new Row(f, 1, "5060", f + ": " + NOT_A_PORT));
      rows.add(new Row(f, 1L, 5060.0, f + ": " + NOT_A_PORT));
    }
    for (String f : List.of("dns_enabled", "ntp_enabled", "vlan_enabled", "syslog_enabled", "sip_subscribe_mwi")) {
      rows.add(new Row(f, false, "yes", f + ": must be true or false"));
      rows.add(new Row(f, true, 1, f + ": must be true or false"));
    }
    rows.add(new Row("vlan_id", 0, 4095, "vlan_id: must be 0..4094"));
    rows.add(new Row("vlan_id", 4094, -1, "vlan_id: must be 0..4094"));
    rows.add(new Row("vlan_pc_port_id", 0, 4095, "vlan_pc_port_id: must be 0..4094"));
    rows.add(new Row("vlan_priority", 7, 8, "vlan_priority: must be 0..7"));
    rows.add(new Row("vlan_priority", 0, "high", "vlan_priority: must be an integer 0..7"));
    rows.add(new Row("config_version", 1, -1, "config_version: must be 0..2147483647"));
    rows.add(new Row("syslog_level", "warning", "verbose",
        "syslog_level: must be one of critical, debug, error, info, warning"));
    rows.add(new Row("syslog_level", "critical", 3,
        "syslog_level: must be one of critical, debug, error, info, warning"));
    rows.add(new Row("protocol", "SCCP", "sip", "protocol: must be one of SCCP, SIP"));
    rows.add(new Row("sip_dtmf_mode", "RTP-out-of-band", "rfc2833",
        "sip_dtmf_mode: must be one of RTP-in-band, RTP-out-of-band, SIP-INFO"));
    rows.add(new Row("sip_srtp_mode", "preferred", "optional", "sip_srtp_mode: must be one of disabled, preferred, required"));
    rows.add(new Row("sip_transport", "tls", "UDP", "sip_transport: must be one of tcp, tls, udp"));
    rows.add(new Row("timezone", "Europe/Paris", "Mars/Olympus_Mons", "timezone: unknown time zone: Mars/Olympus_Mons"));
    rows.add(new Row("timezone", "America/Argentina/Buenos_Aires", 1, "timezone: must be a string"));
    rows.add(new Row("locale", "fr_FR", "french", "locale: must look like fr_FR"));
    rows.add(new Row("locale", "de_DE.UTF-8", "FR_fr", "locale: must look like fr_FR"));
    rows.add(new Row("locale", "en_US", 1, "locale: must be a string"));
    for (String f : List.of("sip_servers_root_and_intermediate_certificates", "sip_local_root_and_intermediate_certificates")) {
      rows.add(new Row(f, List.of("-----BEGIN CERTIFICATE-----"), "-----BEGIN CERTIFICATE-----", f + ": must be a list of strings"));
      rows.add(new Row(f, List.of(), List.of("pem", 7), f + ".1: must be a string"));
    }
    rows.add(new Row("sip_lines", Map.of(), List.of(), "sip_lines: must be an object"));
    rows.add(new Row("sccp_call_managers", Map.of(), "10.0.0.1", "sccp_call_managers: must be an object"));
    rows.add(new Row("funckeys", Map.of(), List.of(), "funckeys: must be an object"));
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topLevelFields")
  void eachTopLevelField_acceptsAValidValueAndNamesItselfWhenRefusingAnInvalidOne(Row row) {
    // when
    var accepted = RawConfigSchema.validateLayer(Map.of(row.field(), row.valid()));
    var refused = RawConfigSchema.validateLayer(Map.of(row.field(), row.invalid()));

    // then
    assertThat(accepted).isEmpty();
    assertThat(refused).extracting(Violation::toString).containsExactly(row.violation());
  }

  @Test
  void theTableCoversEveryFieldOfTheReference() {
    // given config-model.md §4.1–§4.5, without the X_ key
    var reference = List.of(
        "http_base_url", "ip", "http_port", "tftp_port", "dns_enabled", "dns_ip", "ntp_enabled", "ntp_ip",
        "vlan_enabled", "vlan_id", "vlan_priority", "vlan_pc_port_id", "syslog_enabled", "syslog_ip",
        "syslog_port", "syslog_level", "admin_username", "admin_password", "user_username", "user_password",
        "timezone", "locale", "protocol", "sip_proxy_ip", "sip_proxy_port", "sip_backup_proxy_ip",
        "sip_backup_proxy_port", "sip_registrar_ip", "sip_registrar_port", "sip_backup_registrar_ip",
        "sip_backup_registrar_port", "sip_outbound_proxy_ip", "sip_outbound_proxy_port", "sip_dtmf_mode",
        "sip_srtp_mode", "sip_transport", "sip_servers_root_and_intermediate_certificates",
        "sip_local_root_and_intermediate_certificates", "sip_local_certificate", "sip_local_key",
        "sip_subscribe_mwi", "sip_lines", "sccp_call_managers", "exten_dnd", "exten_fwd_unconditional",
        "exten_fwd_no_answer", "exten_fwd_busy", "exten_fwd_disable_all", "exten_park", "exten_pickup_group",
        "exten_pickup_call", "exten_voicemail", "funckeys", "config_version");

    // then
    assertThat(topLevelFields().stream().map(Row::field).distinct()).containsExactlyInAnyOrderElementsOf(reference);
  }

  @Test
  void aNullValue_meansUnsetAndIsAcceptedForAnyField() {
    // given
    var raw = new HashMap<String, Object>();
    topLevelFields().forEach(row -> raw.put(row.field(), null));

    // when / then
    assertThat(RawConfigSchema.validateLayer(raw)).isEmpty();
    assertThat(RawConfigSchema.validateMerged(raw)).isEmpty();
  }

  @Nested
  class CustomAndUnknownKeys {

    @Test
    void keysStartingWithX_areAcceptedWithAnyValue() {
      // given
      var raw = Map.<String, Object>of(
          "X_xivo_phonebook_ip", "10.0.0.1", "X_key", Map.of("any", List.of(1, true)), "X_", 3);

      // when / then
      assertThat(RawConfigSchema.validateLayer(raw)).isEmpty();
    }

    @Test
    void keysStartingWithXX_areReservedForPlugins() {
      // when
      var violations = RawConfigSchema.validateLayer(Map.of("XX_server_url", "http://x"));

      // then
      assertThat(violations).extracting(Violation::toString)
          .containsExactly("XX_server_url: keys starting with XX_ are reserved for plugins");
    }

    @Test
    void anyOtherTopLevelKey_isRefused() {
      // when
      var violations = RawConfigSchema.validateLayer(Map.of("_comment", "hi"));
      var lowerX = RawConfigSchema.validateLayer(Map.of("x_custom", 1));

      // then
      assertThat(violations).extracting(Violation::toString)
          .containsExactly("_comment: unknown field; custom fields must start with X_");
      assertThat(lowerX).extracting(Violation::path).containsExactly("x_custom");
    }

    @Test
    void everyProblem_isReportedAtOnce() {
      // given
      var raw = Map.<String, Object>of(
          "http_port", 0, "vlan_id", 4095, "foo", 1, "XX_bar", 2,
          "sip_lines", Map.of("1", Map.of("registrar_port", 70000)));

      // when
      var violations = RawConfigSchema.validateLayer(raw);

      // then
      assertThat(violations).extracting(Violation::path)
          .containsExactlyInAnyOrder("http_port", "vlan_id", "foo", "XX_bar", "sip_lines.1.registrar_port");
    }
  }

  @Nested
  class SipLines {

    static Stream<Arguments> lineFields() {
      var args = new ArrayList<Arguments>();
      for (String f : List.of("username", "auth_username", "password", "display_name", "number", "proxy_ip",
          "registrar_ip", "backup_proxy_ip", "backup_registrar_ip", "outbound_proxy_ip", "voicemail")) {
        args.add(Arguments.of(f, "x", 1, "sip_lines.1." + f + ": must be a string"));
      }
      for (String f : List.of("proxy_port", "registrar_port", "backup_proxy_port", "backup_registrar_port",
          "outbound_proxy_port")) {
        args.add(Arguments.of(f, 5060, 0, "sip_lines.1." + f + ": " + PORT));
        args.add(Arguments.of(f, 65535, 65536, "sip_lines.1." + f + ": " + PORT));
        args.add(Arguments.of(f, 5060, "5060", "sip_lines.1." + f + ": " + NOT_A_PORT));
      }
      args.add(Arguments.of("dtmf_mode", "SIP-INFO", "info",
          "sip_lines.1.dtmf_mode: must be one of RTP-in-band, RTP-out-of-band, SIP-INFO"));
      args.add(Arguments.of("srtp_mode", "required", "always",
          "sip_lines.1.srtp_mode: must be one of disabled, preferred, required"));
      return args.stream();
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("lineFields")
    void eachLineField_isCheckedAndNamedWithItsLine(String field, Object valid, Object invalid, String violation) {
      // when
      var accepted = RawConfigSchema.validateLayer(Map.of("sip_lines", Map.of("1", Map.of(field, valid))));
      var refused = RawConfigSchema.validateLayer(Map.of("sip_lines", Map.of("1", Map.of(field, invalid))));

      // then
      assertThat(accepted).isEmpty();
      assertThat(refused).extracting(Violation::toString).containsExactly(violation);
    }

    @Test
    void otherLineKeysAndNonNumericLineNumbers_areAllowed() {
      // given config-model.md §4.4: keys are not checked, other fields are free
      var raw = Map.<String, Object>of("sip_lines", Map.of(
          "main", Map.of("username", "alice", "XX_line_no", 1, "anything", List.of())));

      // when / then
      assertThat(RawConfigSchema.validateLayer(raw)).isEmpty();
    }

    @Test
    void aLineThatIsNotAnObject_isRefused() {
      // when
      var violations = RawConfigSchema.validateLayer(Map.of("sip_lines", Map.of("2", "alice")));

      // then
      assertThat(violations).extracting(Violation::toString).containsExactly("sip_lines.2: must be an object");
    }
  }

  @Nested
  class CallManagers {

    @Test
    void aManagerWithAnIpAndPortUnderANumericPriority_isAccepted() {
      // when / then
      assertThat(RawConfigSchema.validateLayer(Map.of("sccp_call_managers",
          Map.of("1", Map.of("ip", "10.0.0.1", "port", 2000), "2", Map.of("ip", "10.0.0.2"))))).isEmpty();
    }

    @Test
    void eachRuleOfAManager_isNamedWithItsPriority() {
      // given
      var raw = Map.<String, Object>of("sccp_call_managers", Map.of(
          "first", Map.of("ip", "10.0.0.1"),
          "2", Map.of("port", 2000),
          "3", Map.of("ip", 3, "port", 0),
          "4", "10.0.0.4"));

      // when
      var violations = RawConfigSchema.validateLayer(raw);

      // then
      assertThat(violations).extracting(Violation::toString).containsExactlyInAnyOrder(
          "sccp_call_managers.first: key must be a number",
          "sccp_call_managers.2.ip: required",
          "sccp_call_managers.3.ip: must be a string",
          "sccp_call_managers.3.port: must be 1..65535",
          "sccp_call_managers.4: must be an object");
    }
  }

  @Nested
  class Funckeys {

    @Test
    void speeddialAndBlfWithAValue_andParkWithout_areAccepted() {
      // given
      var raw = Map.<String, Object>of("funckeys", Map.of(
          "1", Map.of("type", "speeddial", "value", "1001", "label", "Alice", "line", "1"),
          "2", Map.of("type", "blf", "value", "1002"),
          "3", Map.of("type", "park")));

      // when / then
      assertThat(RawConfigSchema.validateLayer(raw)).isEmpty();
    }

    @Test
    void typeIsRequiredAndOneOfThree_andValueIsRequiredForSpeeddialAndBlf() {
      // given
      var raw = Map.<String, Object>of("funckeys", Map.of(
          "1", Map.of("value", "1001"),
          "2", Map.of("type", "macro", "value", "x"),
          "3", Map.of("type", "speeddial"),
          "4", Map.of("type", "blf", "label", "Bob"),
          "five", Map.of("type", "park"),
          "6", Map.of("type", "park", "value", 1, "label", 2, "line", 1),
          "7", "speeddial"));

      // when
      var violations = RawConfigSchema.validateLayer(raw);

      // then
      assertThat(violations).extracting(Violation::toString).containsExactlyInAnyOrder(
          "funckeys.1.type: required",
          "funckeys.2.type: must be one of blf, park, speeddial",
          "funckeys.3.value: required for type speeddial",
          "funckeys.4.value: required for type blf",
          "funckeys.five: key must be a number",
          "funckeys.6.value: must be a string",
          "funckeys.6.label: must be a string",
          "funckeys.6.line: must be a string",
          "funckeys.7: must be an object");
    }
  }

  @Nested
  class CrossFieldRules {

    static Stream<Arguments> flags() {
      return Stream.of(
          Arguments.of("dns_enabled", "dns_ip", "10.0.0.53"),
          Arguments.of("ntp_enabled", "ntp_ip", "pool.ntp.org"),
          Arguments.of("vlan_enabled", "vlan_id", 0),
          Arguments.of("syslog_enabled", "syslog_ip", "10.0.0.514"));
    }

    @ParameterizedTest(name = "{0} needs {1}")
    @MethodSource("flags")
    void inMergedMode_anEnabledFeatureNeedsItsValue(String flag, String field, Object value) {
      // given
      var withNull = new HashMap<String, Object>(Map.of(flag, true));
      withNull.put(field, null);

      // when
      var missing = RawConfigSchema.validateMerged(Map.of(flag, true));
      var nullValue = RawConfigSchema.validateMerged(withNull);
      var present = RawConfigSchema.validateMerged(Map.of(flag, true, field, value));
      var disabled = RawConfigSchema.validateMerged(Map.of(flag, false));

      // then
      assertThat(missing).extracting(Violation::toString).containsExactly(field + ": required when " + flag + " is true");
      assertThat(nullValue).extracting(Violation::toString).containsExactly(field + ": required when " + flag + " is true");
      assertThat(present).isEmpty();
      assertThat(disabled).isEmpty();
    }

    @ParameterizedTest(name = "{0} alone")
    @MethodSource("flags")
    void aStoredLayer_mayEnableAFeatureWhoseValueItInherits(String flag, String field, Object value) {
      // when (a deliberate departure from the reference, which refuses this layer)
      var violations = RawConfigSchema.validateLayer(Map.of(flag, true));

      // then
      assertThat(violations).isEmpty();
    }

    @Test
    void mergedMode_alsoChecksTypesAndRanges() {
      // when
      var violations = RawConfigSchema.validateMerged(Map.of("vlan_enabled", true, "vlan_id", 4095));

      // then
      assertThat(violations).extracting(Violation::toString).containsExactly("vlan_id: must be 0..4094");
    }
  }

  @Test
  void theStandardConfigs_andTheirMergeWithDefaults_areValid() {
    // given
    var configs = StandardConfigs.all("10.0.0.1", 5060);
    var byId = new LinkedHashMap<String, Config>();
    configs.forEach(c -> byId.put(c.id(), c));
    var merger = new ConfigMerger(id -> java.util.Optional.ofNullable(byId.get(id)));

    // when
    var merged = merger.merge(StandardConfigs.AUTOPROV, Map.of("http_port", 8667, "tftp_port", 69)).orElseThrow();

    // then
    configs.forEach(c -> assertThat(RawConfigSchema.validateLayer(c.rawConfig())).as(c.id()).isEmpty());
    assertThat(RawConfigSchema.validateMerged(RawConfigDefaults.apply(merged.rawConfig()))).isEmpty();
  }
}
