package io.autoprovd.core.search;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.device.Device;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Devices and configs as the JSON documents of wazo-provd's REST API (provd-rest-api.md §9). A
 * selector is evaluated on exactly this form, and the REST API returns exactly this form, so what a
 * search matches is what a client sees. Unset fields are absent, not null.
 */
public final class DocumentViews {
  private DocumentViews() {}

  public static Map<String, Object> device(Device d) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", d.id());
    putIfSet(m, "mac", d.mac() == null ? null : d.mac().value());
    putIfSet(m, "sn", d.sn());
    putIfSet(m, "uuid", d.uuid());
    putIfSet(m, "ip", d.ip());
    putIfSet(m, "vendor", d.vendor());
    putIfSet(m, "model", d.model());
    putIfSet(m, "version", d.version());
    putIfSet(m, "plugin", d.plugin());
    putIfSet(m, "config", d.config());
    m.put("configured", d.configured());
    putIfSet(m, "configured_reason", d.configuredReason());
    m.put("tenant_uuid", d.tenantUuid());
    m.put("is_new", d.isNew());
    putIfSet(m, "added", d.added());
    putIfSet(m, "description", d.description());
    if (!d.options().isEmpty()) {
      m.put("options", d.options());
    }
    putIfSet(m, "remote_state_sip_username", d.remoteStateSipUsername());
    putIfSet(m, "last_seen", d.lastSeen() == null ? null : d.lastSeen().toString());
    if (!d.lineTenants().isEmpty()) {
      m.put("line_tenants", d.lineTenants());
    }
    d.extra().forEach(m::putIfAbsent);
    return m;
  }

  public static Map<String, Object> config(Config c) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", c.id());
    m.put("parent_ids", c.parentIds());
    m.put("raw_config", c.rawConfig());
    putIfSet(m, "role", c.role());
    m.put("transient", c.transientConfig());
    m.put("deletable", c.deletable());
    putIfSet(m, "tenant_uuid", c.tenantUuid());
    c.extra().forEach(m::putIfAbsent);
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
