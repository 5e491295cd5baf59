package io.autoprovd.server.app;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.provisioning.GuardStep;
import io.autoprovd.core.provisioning.IdentifyStep;
import io.autoprovd.core.provisioning.Pipeline;
import io.autoprovd.core.provisioning.ProvisioningEvents;
import io.autoprovd.core.provisioning.Readiness;
import io.autoprovd.core.provisioning.ResolveStep;
import io.autoprovd.core.provisioning.ServeStep;
import io.autoprovd.core.provisioning.TemplateRenderer;
import io.autoprovd.core.provisioning.UpdateStep;
import io.autoprovd.core.template.JinjavaTemplateEngine;
import io.autoprovd.server.auth.Authenticator;
import io.autoprovd.server.auth.Authenticators;
import io.autoprovd.server.code.Autoprov;
import io.autoprovd.server.code.CodeRoutes;
import io.autoprovd.server.dhcp.DhcpRoutes;
import io.autoprovd.server.dhcp.DhcpTargets;
import io.autoprovd.server.dhcp.LeaseIngestion;
import io.autoprovd.server.dhcp.OuiVendorStep;
import io.autoprovd.server.phone.ClientAddress;
import io.autoprovd.server.phone.PhoneHttpServer;
import io.autoprovd.server.plugin.DiscoveryLog;
import io.autoprovd.server.plugin.DownloadSettings;
import io.autoprovd.server.plugin.Downloader;
import io.autoprovd.server.plugin.PluginAdmin;
import io.autoprovd.server.plugin.PluginRoutes;
import io.autoprovd.server.rest.RestServer;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreSettings;
import io.autoprovd.tftp.TftpServer;
import io.autoprovd.tftp.TftpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running autoprovd: the one composition root. {@link #start} opens the store, makes sure the
 * standard configs and bundled packs exist, assembles the phone pipeline and opens the listeners;
 * {@link #close} stops them in reverse order.
 */
public final class Autoprovd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Autoprovd.class);
  private static final long RENDER_CACHE_BYTES = 256L << 20;

  private final Store store;
  private final PluginCatalog catalog;
  private final List<AutoCloseable> closeables;
  private final PhoneHttpServer http;
  private final TftpServer tftp;
  private final RestServer rest;
  private final Plugins plugins;
  private final Pipeline pipeline;

  /** The plugin manager and the discovery log (the DHCP glue records unknown vendors' leases there). */
  public record Plugins(PluginAdmin admin, DiscoveryLog discovery) {}

  private Autoprovd(Store store, PluginCatalog catalog, List<AutoCloseable> closeables, PhoneHttpServer http,
      TftpServer tftp, RestServer rest, Plugins plugins, Pipeline pipeline) {
    this.store = store;
    this.catalog = catalog;
    this.closeables = closeables;
    this.http = http;
    this.tftp = tftp;
    this.rest = rest;
    this.plugins = plugins;
    this.pipeline = pipeline;
  }

  public static Autoprovd start(ServerSettings settings) {
    return start(settings, InstantSource.system());
  }

  public static Autoprovd start(ServerSettings settings, InstantSource clock) {
    var closeables = new ArrayList<AutoCloseable>();
    try {
      Path dataDir = settings.dataDir().toAbsolutePath();
      Files.createDirectories(dataDir);
      Store store = Store.open(storeSettings(settings, dataDir));
      closeables.add(store);
      for (Config standard : StandardConfigs.all(settings.advertisedHost(), settings.sipPort())) {
        store.configs().insert(standard);
      }
      // Local tokens (and the first-start admin token file) or wazo-auth, from auth.* settings.
      Authenticator authenticator = Authenticators.create(settings, store);
      Path pluginsDir = dataDir.resolve("plugins");
      BundledPacks.install(pluginsDir);
      var catalog = new PluginCatalog(BundledPacks.loadInstalled(pluginsDir));
      LOG.info("plugin packs loaded: {}", catalog.all().stream().map(p -> p.id() + " " + p.version()).toList());

      // Known for sure only once HTTP is bound (port 0 picks one); until then, the configured port.
      var base = new AtomicReference<>(baseRawConfig(settings, settings.advertisedHttpUrl(settings.http().port())));
      Supplier<Map<String, Object>> baseRawConfig = base::get;
      var configCache = new ConfigCache(store.configs());
      var merger = configCache.merger();
      var readiness = new Readiness(catalog, merger, baseRawConfig);
      var discovery = new DiscoveryLog(DiscoveryLog.DEFAULT_CAPACITY, clock);
      ProvisioningEvents events = ProvisioningEvents.composite(List.of(new SecurityLog(), discovery));
      var renderer = new CachingRenderer(new TemplateRenderer(new JinjavaTemplateEngine(), merger, baseRawConfig),
          configCache, baseRawConfig, RENDER_CACHE_BYTES);
      var parameters = new Parameters(store.parameters(),
          Map.of(Parameters.NAT, settings.policy().natMode() ? "1" : "0"));
      // Downloads read plugin_server and the proxies in force when each starts (PUT /0.2/configure/…).
      var downloads = new AtomicReference<>(DownloadSettings.NONE);
      parameters.onGlobalChange(values -> downloads.set(DownloadSettings.of(values.get(Parameters.PLUGIN_SERVER),
          values.get(Parameters.HTTP_PROXY), values.get(Parameters.HTTPS_PROXY))));
      // PUT /0.2/configure/NAT takes effect at once: the phone path reads the policy per request.
      var policy = new AtomicReference<>(settings.policy());
      parameters.onGlobalChange(
          values -> policy.set(settings.policy().withNatMode("1".equals(values.get(Parameters.NAT)))));
      var configAdmin = new ConfigAdmin(store.configs(), configCache, merger, store.devices());
      configAdmin.readiness(readiness);
      var deviceAdmin = new DeviceAdmin(store.devices(), readiness, configAdmin);
      var pluginAdmin = new PluginAdmin(dataDir, catalog, new Downloader(downloads::get),
          // A changed pack changes its devices' readiness ("plugin not installed" comes or goes).
          pluginId -> store.devices().findByPlugin(pluginId).forEach(d -> deviceAdmin.reconfigure(d.id())),
          clock);
      closeables.add(pluginAdmin);
      var pipeline = new Pipeline(List.of(
          new GuardStep(events),
          new IdentifyStep(catalog),
          new ResolveStep(store.devices(), policy::get, events, clock),
          new UpdateStep(store.devices(), store.configs(), catalog, readiness, new Autocreate(), policy::get,
              clock, configCache::invalidate),
          new ServeStep(renderer, events, pluginAdmin.packageRoots())));
      // Lease reports (docs/dhcp.md): the phone path's own steps and policies, no file served.
      var leasePipeline = new Pipeline(List.of(
          new IdentifyStep(catalog),
          new OuiVendorStep(catalog),
          new ResolveStep(store.devices(), policy::get, events, clock),
          new UpdateStep(store.devices(), store.configs(), catalog, readiness, new Autocreate(), policy::get,
              clock, configCache::invalidate)));
      // Provisioning codes, the autoprov SIP service and the resync strategy (docs/sip-and-codes.md).
      var autoprov = Autoprov.start(settings, store, catalog, readiness::refresh, configCache, clock);
      closeables.add(autoprov);
      var dhcp = new DhcpRoutes(new LeaseIngestion(leasePipeline, store.devices(), store.dhcpLeases(), events, clock),
          () -> DhcpTargets.from(base.get(), settings.advertisedHost()), store.devices());

      PhoneHttpServer http = null;
      if (settings.http().enabled()) {
        http = PhoneHttpServer.start(settings.http(), new ClientAddress(settings.trustedProxies()), pipeline, clock,
            events);
        closeables.add(http);
        LOG.info("phone HTTP listening on {}:{}", settings.http().bind(), http.port());
        base.set(baseRawConfig(settings, settings.advertisedHttpUrl(http.port())));
      }
      TftpServer tftp = null;
      if (settings.tftp().enabled()) {
        tftp = TftpServer.start(TftpSettings.defaults().withBindAddress(address(settings.tftp().bind()))
            .withPort(settings.tftp().port()), new TftpFileSource(pipeline, clock));
        closeables.add(tftp);
        LOG.info("TFTP listening on {}:{}", settings.tftp().bind(), tftp.localAddress().getPort());
      }
      RestServer rest = null;
      if (settings.rest().enabled()) {
        rest = RestServer.start(settings.rest(), new RestServer.Services(store.devices(), store.configs(),
            deviceAdmin, configAdmin, baseRawConfig, store.tenants(), parameters, catalog, autoprov.sync(),
            store::check, clock), authenticator, List.of(new PluginRoutes(pluginAdmin, discovery), dhcp,
                new CodeRoutes(autoprov, store.devices(), store.configs())));
        closeables.add(rest);
        LOG.info("REST API listening on {}:{}", settings.rest().bind(), rest.port());
      }
      LOG.info("autoprovd ready: data in {}, phones fetch from {}", dataDir, base.get().get("http_base_url"));
      return new Autoprovd(store, catalog, closeables, http, tftp, rest,
          new Plugins(pluginAdmin, discovery), pipeline);
    } catch (IOException e) {
      closeAll(closeables);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  private static StoreSettings storeSettings(ServerSettings settings, Path dataDir) {
    var db = settings.database();
    return db.embedded() ? StoreSettings.sqlite(dataDir) : StoreSettings.postgresql(db.url(), db.username(), db.password());
  }

  /** config-model.md §2.1: what every merge starts from. */
  private static Map<String, Object> baseRawConfig(ServerSettings settings, String advertisedHttpUrl) {
    var base = new LinkedHashMap<String, Object>();
    base.put("http_base_url", advertisedHttpUrl);
    var url = java.net.URI.create(advertisedHttpUrl);
    base.put("ip", url.getHost());
    base.put("http_port", url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80));
    base.put("tftp_port", settings.tftp().port() == 0 ? 69 : settings.tftp().port());
    return Map.copyOf(base);
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("tftp.bind: unknown address " + host, e);
    }
  }

  /** The phone pipeline the listeners call; benchmarks drive it without sockets. */
  public Pipeline pipeline() {
    return pipeline;
  }

  public Store store() {
    return store;
  }

  public PluginCatalog catalog() {
    return catalog;
  }

  public Plugins plugins() {
    return plugins;
  }

  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public int tftpPort() {
    return tftp == null ? -1 : tftp.localAddress().getPort();
  }

  public int restPort() {
    return rest == null ? -1 : rest.port();
  }

  @Override
  public void close() {
    closeAll(closeables);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}", closeables.get(i).getClass().getSimpleName(), e);
      }
    }
    closeables.clear();
  }
}
