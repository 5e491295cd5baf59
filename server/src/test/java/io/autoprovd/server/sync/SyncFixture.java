package io.autoprovd.server.sync;

import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.InMemoryDeviceStore;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.BundledPacks;
import io.autoprovd.sip.Scheduler;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipSettings;
import io.autoprovd.sip.SipTimers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parts a sync strategy works with, without a whole server: in-memory devices and configs,
 * the bundled Yealink pack (event {@code check-sync}), and a SIP endpoint on loopback whose T1 is
 * 50 ms, so a NOTIFY nobody answers gives up after 64×T1 = 3.2 s rather than 32 s.
 */
final class SyncFixture implements AutoCloseable {
  static final SipTimers FAST = new SipTimers(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));

  final InMemoryDeviceStore devices = new InMemoryDeviceStore();
  final InMemoryConfigStore configs = new InMemoryConfigStore();
  final PluginCatalog catalog;
  final SyncTargets targets;
  final SipEndpoint endpoint;

  SyncFixture(Path pluginsDir) throws IOException {
    BundledPacks.install(pluginsDir);
    catalog = new PluginCatalog(BundledPacks.loadInstalled(pluginsDir));
    targets = new SyncTargets(catalog, new ConfigMerger(configs::findById)::merge);
    endpoint = SipEndpoint.start(SipSettings.defaults("127.0.0.1").withBind("127.0.0.1").withPort(0).withTimers(FAST),
        request -> request.respond(405, "Method Not Allowed"), Scheduler.system());
  }

  /** A Yealink at {@code ip}, linked to a config whose line 1 is {@code user}@pbx.example.com. */
  Device phone(String id, String ip, String user) {
    return phone(id, ip, user, "yealink", "T46S");
  }

  /** As {@link #phone(String, String, String)}, of another bundled pack. */
  Device phone(String id, String ip, String user, String plugin, String model) {
    configs.insert(new Config("cfg-" + id, List.of(), Map.of("sip_lines", Map.of("1", Map.of("username", user,
        "password", "pw", "registrar_ip", "pbx.example.com"))), null, false, true, Tenant.MASTER_UUID, Map.of(), 0));
    Device device = Device.newBuilder(id, Tenant.MASTER_UUID).plugin(plugin).model(model).ip(ip)
        .config("cfg-" + id).build();
    return devices.insertIfAbsent(device).device();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
