package io.autoprovd.server.plugin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merged raw configs every pack's templates must render, as wazo-confd and the standard configs
 * produce them: a phone in autoprov, a one-line user (with a name that needs escaping in XML and
 * is not ASCII), and a busy desk (three lines, function keys of every type, TLS and SRTP, VLAN,
 * syslog, backup registrar, a DST time zone). Passwords carry {@link #SECRET} so a check can see
 * which files hold them.
 */
final class SampleConfigs {
  /** Part of every password below: a file whose rendering contains it carries secrets. */
  static final String SECRET = "S3cr3t-Check";

  private SampleConfigs() {}

  static Map<String, Map<String, Object>> all() {
    var all = new LinkedHashMap<String, Map<String, Object>>();
    all.put("autoprov", autoprov());
    all.put("one-line", oneLine());
    all.put("busy-desk", busyDesk());
    return all;
  }

  /** What the server itself puts in every merge (config-model.md §2.1). */
  static Map<String, Object> base() {
    var base = new LinkedHashMap<String, Object>();
    base.put("http_base_url", "http://192.0.2.10:8667");
    base.put("ip", "192.0.2.10");
    base.put("http_port", 8667);
    base.put("tftp_port", 69);
    base.put("ntp_enabled", true);
    base.put("ntp_ip", "192.0.2.10");
    return base;
  }

  static Map<String, Object> autoprov() {
    var raw = base();
    raw.put("sip_dtmf_mode", "SIP-INFO");
    raw.put("sip_lines", Map.of("1", line("Autoprov", "autoprov", "ap7Hq2kD9xWz", "192.0.2.10")));
    return raw;
  }

  static Map<String, Object> oneLine() {
    var raw = base();
    raw.put("sip_dtmf_mode", "SIP-INFO");
    raw.put("timezone", "Europe/Paris");
    raw.put("locale", "fr_FR");
    raw.put("sip_lines", Map.of("1", line("Émile <Dupont> & Co", "1001", "emile1001", "pbx.example.com")));
    return raw;
  }

  static Map<String, Object> busyDesk() {
    var raw = base();
    raw.put("timezone", "America/New_York");
    raw.put("locale", "en_US");
    raw.put("admin_username", "admin");
    raw.put("admin_password", "adm-" + SECRET);
    raw.put("user_username", "user");
    raw.put("user_password", "usr-" + SECRET);
    raw.put("sip_transport", "tls");
    raw.put("sip_srtp_mode", "preferred");
    raw.put("sip_dtmf_mode", "RTP-out-of-band");
    raw.put("sip_subscribe_mwi", true);
    raw.put("vlan_enabled", true);
    raw.put("vlan_id", 20);
    raw.put("vlan_priority", 5);
    raw.put("syslog_enabled", true);
    raw.put("syslog_ip", "192.0.2.20");
    raw.put("syslog_port", 514);
    raw.put("syslog_level", "warning");
    raw.put("sip_backup_registrar_ip", "pbx2.example.com");
    raw.put("sip_backup_proxy_ip", "pbx2.example.com");
    raw.put("exten_voicemail", "*98");
    raw.put("exten_dnd", "*25");
    raw.put("exten_fwd_unconditional", "*21");
    raw.put("exten_fwd_no_answer", "*22");
    raw.put("exten_fwd_busy", "*23");
    raw.put("exten_fwd_disable_all", "*20");
    raw.put("exten_pickup_call", "*8");
    raw.put("exten_park", "700");
    raw.put("sip_lines", Map.of(
        "1", line("Bob Stone", "1002", "bob1002", "pbx.example.com"),
        "2", line("Sales", "2000", "bob-sales", "pbx.example.com"),
        "3", line("Support", "3000", "bob-support", "pbx.example.com")));
    raw.put("funckeys", Map.of(
        "1", Map.of("type", "speeddial", "value", "1003", "label", "Carol", "line", "1"),
        "2", Map.of("type", "blf", "value", "1004", "label", "Dave", "line", "1"),
        "3", Map.of("type", "park", "value", "701", "label", "Park 1", "line", "1")));
    return raw;
  }

  private static Map<String, Object> line(String displayName, String number, String username, String server) {
    var line = new LinkedHashMap<String, Object>();
    line.put("display_name", displayName);
    line.put("number", number);
    line.put("username", username);
    line.put("auth_username", username);
    line.put("password", username + "-" + SECRET);
    line.put("proxy_ip", server);
    line.put("registrar_ip", server);
    line.put("proxy_port", 5060);
    return line;
  }
}
