package io.autoprovd.core.template;

import static io.autoprovd.core.template.TemplateTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionsTest {

  @Test
  void localeParts() {
    assertThat(render("{% set l = locale_parts('fr_FR') %}{{ l.language }} {{ l.country }} {{ l.tag }} {{ l.name }}"))
        .isEqualTo("fr FR fr-FR fr_FR");
    assertThat(render("{% set l = locale_parts('de') %}{{ l.language }}[{{ l.country }}]")).isEqualTo("de[]");
    assertThat(render("[{{ locale_parts('not a locale') }}][{{ locale_parts(none) }}]")).isEqualTo("[][]");
  }

  @Test
  void lookup_exactThenAsStringThenByLanguage() {
    Map<String, Object> ctx = Map.of("langs", Map.of("fr_FR", "French", "de", "German", "1", "one"));
    assertThat(render("{{ lookup(langs, 'fr_FR') }} {{ lookup(langs, 'de_AT') }} {{ lookup(langs, 1) }} "
        + "[{{ lookup(langs, 'xx_YY') }}] {{ lookup(langs, 'xx_YY')|d('English') }}", ctx))
        .isEqualTo("French German one [] English");
  }

  @Test
  void lookup_mapsRawConfigEnumsToVendorCodes() {
    assertThat(render("{% set dtmf = {'RTP-in-band': 0, 'RTP-out-of-band': 1, 'SIP-INFO': 2} %}"
        + "{{ lookup(dtmf, 'SIP-INFO') }} {{ lookup(dtmf, mode)|d(1) }}", Map.of("mode", "bogus")))
        .isEqualTo("2 1");
  }

  @Test
  void byPosition_sortsNumericallyAndAddsThePosition() {
    Map<String, Object> ctx = Map.of("funckeys", Map.of(
        "10", Map.of("type", "blf", "value", "1002"),
        "2", Map.of("type", "speeddial", "value", "*3"),
        "x", Map.of("type", "park"),
        "3", "not a map"));
    assertThat(render("{% for fk in funckeys|by_position %}{{ fk.position }}={{ fk.type }}:{{ fk.value }};{% endfor %}", ctx))
        .isEqualTo("2=speeddial:*3;10=blf:1002;");
  }

  @Test
  void effectiveLine_fallsBackToGlobalSettings() {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("sip_proxy_ip", "10.0.0.1");
    ctx.put("sip_proxy_port", 5060);
    ctx.put("sip_registrar_ip", "10.0.0.1");
    ctx.put("sip_backup_proxy_ip", "10.0.0.2");
    ctx.put("sip_backup_proxy_port", 5070);
    ctx.put("sip_outbound_proxy_ip", "sbc");
    ctx.put("sip_dtmf_mode", "SIP-INFO");
    ctx.put("sip_srtp_mode", "preferred");
    ctx.put("sip_transport", "tls");
    ctx.put("exten_voicemail", "*98");
    ctx.put("sip_subscribe_mwi", true);
    ctx.put("sip_lines", Map.of(
        "1", Map.of("username", "u1"),
        "2", Map.of("username", "u2", "auth_username", "a2", "proxy_ip", "p2", "dtmf_mode", "RTP-in-band", "voicemail", "555")));
    String t = "{% for n in ['1', '2'] %}{% set l = effective_line(sip_lines[n]) %}"
        + "{{ l.auth_username }} {{ l.proxy_ip }}:{{ l.proxy_port }} {{ l.registrar_ip }}:{{ l.registrar_port }} "
        + "{{ l.backup_proxy_ip }}:{{ l.backup_proxy_port }} {{ l.outbound_proxy_ip }} {{ l.dtmf_mode }} {{ l.srtp_mode }} "
        + "{{ l.transport }} {{ l.voicemail }} {{ l.subscribe_mwi }}\n{% endfor %}";
    assertThat(render(t, ctx)).isEqualTo(
        "u1 10.0.0.1:5060 10.0.0.1:5060 10.0.0.2:5070 sbc SIP-INFO preferred tls *98 true\n"
        + "a2 p2:5060 p2:5060 10.0.0.2:5070 sbc RTP-in-band preferred tls 555 true\n");
  }

  @Test
  void effectiveLine_withoutAnyGlobals_usesSchemaDefaults() {
    assertThat(render("{% set l = effective_line({'username': 'u'}) %}{{ l.transport }} {{ l.srtp_mode }} [{{ l.proxy_ip }}]"))
        .isEqualTo("udp disabled []");
  }

  @Test
  void dstFormatting_fixedDateRules() {
    assertThat(render("{{ {'month': 3, 'day': 21, 'hour': 0, 'weekday': none}|dst_mdh }} [{{ {'month': 3, 'day': none}|dst_mdh }}]"))
        .isEqualTo("3/21/0 []");
    assertThat(render("{{ {'month': 3, 'week': 5, 'weekday': 7, 'hour': 2}|dst_mwdh('sun1') }}")).isEqualTo("3/5/1/2");
  }
}
