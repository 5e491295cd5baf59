package io.autoprovd.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.document.Documents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** config-model.md §4.6: the defaults filled in just before rendering. */
class RawConfigDefaultsTest {

  @Nested
  class Syslog {

    @Test
    void whenEnabled_portAndLevelDefaultTo514AndWarning() {
      // when
      var raw = RawConfigDefaults.apply(Map.of("syslog_enabled", true, "syslog_ip", "10.0.0.9"));

      // then
      assertThat(raw).containsEntry("syslog_port", 514).containsEntry("syslog_level", "warning");
    }

    @Test
    void whenEnabled_explicitValuesAreKept() {
      // when
      var raw = RawConfigDefaults.apply(Map.of("syslog_enabled", true, "syslog_port", 1514, "syslog_level", "debug"));

      // then
      assertThat(raw).containsEntry("syslog_port", 1514).containsEntry("syslog_level", "debug");
    }

    @Test
    void whenDisabledOrAbsent_nothingIsAdded() {
      // when
      var disabled = RawConfigDefaults.apply(Map.of("syslog_enabled", false));
      var absent = RawConfigDefaults.apply(Map.of());

      // then
      assertThat(disabled).doesNotContainKeys("syslog_port", "syslog_level");
      assertThat(absent).doesNotContainKeys("syslog_port", "syslog_level");
    }
  }

  @Nested
  class GlobalSip {

    @Test
    void theRegistrar_defaultsToTheProxy() {
      // when
      var raw = RawConfigDefaults.apply(Map.of("sip_proxy_ip", "10.0.0.1"));

      // then
      assertThat(raw).containsEntry("sip_registrar_ip", "10.0.0.1");
    }

    @Test
    void anExplicitRegistrar_isKept_andANullOneIsFilled() {
      // given
      var withNull = new HashMap<String, Object>(Map.of("sip_proxy_ip", "10.0.0.1"));
      withNull.put("sip_registrar_ip", null);

      // when
      var explicit = RawConfigDefaults.apply(Map.of("sip_proxy_ip", "10.0.0.1", "sip_registrar_ip", "10.0.0.2"));
      var filled = RawConfigDefaults.apply(withNull);

      // then
      assertThat(explicit).containsEntry("sip_registrar_ip", "10.0.0.2");
      assertThat(filled).containsEntry("sip_registrar_ip", "10.0.0.1");
    }

    @Test
    void withoutAProxy_noRegistrarIsInvented() {
      // when
      var raw = RawConfigDefaults.apply(Map.of());

      // then
      assertThat(raw).doesNotContainKey("sip_registrar_ip");
    }

    @Test
    void srtpModeAndTransport_defaultToDisabledAndUdp() {
      // given
      var withNulls = new HashMap<String, Object>();
      withNulls.put("sip_srtp_mode", null);
      withNulls.put("sip_transport", null);

      // when
      var absent = RawConfigDefaults.apply(Map.of());
      var nulls = RawConfigDefaults.apply(withNulls);
      var explicit = RawConfigDefaults.apply(Map.of("sip_srtp_mode", "required", "sip_transport", "tls"));

      // then
      assertThat(absent).containsEntry("sip_srtp_mode", "disabled").containsEntry("sip_transport", "udp");
      assertThat(nulls).containsEntry("sip_srtp_mode", "disabled").containsEntry("sip_transport", "udp");
      assertThat(explicit).containsEntry("sip_srtp_mode", "required").containsEntry("sip_transport", "tls");
    }
  }

  @Nested
  class Lines {

    @Test
    void absentLinesCallManagersAndFunckeys_becomeEmptyObjects() {
      // when
      var raw = RawConfigDefaults.apply(Map.of());

      // then
      assertThat(raw)
          .containsEntry("sip_lines", Map.of())
          .containsEntry("sccp_call_managers", Map.of())
          .containsEntry("funckeys", Map.of());
    }

    @Test
    void eachLine_getsItsRegistrarFromItsProxyAndItsAuthUsernameFromItsUsername() {
      // given
      var raw = Map.<String, Object>of("sip_lines", Map.of(
          "1", Map.of("username", "alice", "proxy_ip", "10.0.0.1"),
          "2", Map.of("username", "bob", "auth_username", "bob-auth", "proxy_ip", "10.0.0.1",
              "registrar_ip", "10.0.0.2"),
          "3", Map.of("display_name", "nobody")));

      // when
      var lines = RawConfigDefaults.apply(raw).get("sip_lines");

      // then
      assertThat(lines).isEqualTo(Map.of(
          "1", Map.of("username", "alice", "auth_username", "alice", "proxy_ip", "10.0.0.1",
              "registrar_ip", "10.0.0.1"),
          "2", Map.of("username", "bob", "auth_username", "bob-auth", "proxy_ip", "10.0.0.1",
              "registrar_ip", "10.0.0.2"),
          "3", Map.of("display_name", "nobody")));
    }

    @Test
    void existingCallManagersAndFunckeys_areKept() {
      // given
      var raw = Map.<String, Object>of(
          "sccp_call_managers", Map.of("1", Map.of("ip", "10.0.0.1")),
          "funckeys", Map.of("1", Map.of("type", "park")));

      // when
      var defaulted = RawConfigDefaults.apply(raw);

      // then
      assertThat(defaulted)
          .containsEntry("sccp_call_managers", Map.of("1", Map.of("ip", "10.0.0.1")))
          .containsEntry("funckeys", Map.of("1", Map.of("type", "park")));
    }
  }

  @Test
  void theInput_isNeverMutated_andTheResultIsANewMutableDocument() {
    // given a frozen document (any write would throw) and a mutable twin
    Map<String, Object> source = Map.of(
        "syslog_enabled", true, "sip_proxy_ip", "10.0.0.1",
        "sip_lines", Map.of("1", Map.of("username", "alice", "proxy_ip", "10.0.0.1")),
        "X_list", List.of(Map.of("a", 1)));
    Map<String, Object> frozen = Documents.freeze(source);
    Map<String, Object> mutable = Documents.mutableCopy(source);
    String before = mutable.toString();

    // when
    var fromFrozen = RawConfigDefaults.apply(frozen);
    var fromMutable = RawConfigDefaults.apply(mutable);
    fromMutable.put("added", 1);
    @SuppressWarnings("unchecked")
    var line = (Map<String, Object>) ((Map<String, Object>) fromMutable.get("sip_lines")).get("1");
    line.put("password", "pw");

    // then
    assertThat(frozen).isEqualTo(source);
    assertThat(mutable.toString()).isEqualTo(before);
    assertThat(fromFrozen).containsEntry("sip_registrar_ip", "10.0.0.1");
    assertThat(fromFrozen.put("added", 1)).isNull();
  }
}
