package io.autoprovd.server.rest;

import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.provisioning.Readiness;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.server.app.BundledPacks;
import io.autoprovd.server.app.ConfigAdmin;
import io.autoprovd.server.app.ConfigCache;
import io.autoprovd.server.app.DeviceAdmin;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.server.app.Parameters;
import io.autoprovd.server.auth.Authenticator;
import io.autoprovd.server.auth.Principal;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreSettings;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real REST server on an ephemeral port over a real SQLite store and the bundled packs, wired
 * as the composition root does, with an in-test authenticator: a map from token to principal.
 *
 * <pre>
 *   master            MASTER_TOKEN (provd.#)
 *   ├── SUB           SUB_TOKEN (provd.#)
 *   │   └── SUB_CHILD
 *   └── OTHER         OTHER_TOKEN (provd.#)
 * </pre>
 */
final class RestFixture implements AutoCloseable {
  static final String MASTER = Tenant.MASTER_UUID;
  static final String SUB = "11111111-0000-4000-8000-000000000001";
  static final String SUB_CHILD = "11111111-0000-4000-8000-000000000002";
  static final String OTHER = "22222222-0000-4000-8000-000000000001";
  static final String MASTER_TOKEN = "master-token";
  static final String SUB_TOKEN = "sub-token";
  static final String OTHER_TOKEN = "other-token";

  final Store store;
  final RestServer server;
  final ApiClient api;
  private final Map<String, Principal> tokens;
  private final AtomicReference<DeviceSync> sync;

  private RestFixture(Store store, RestServer server, Map<String, Principal> tokens, AtomicReference<DeviceSync> sync) {
    this.store = store;
    this.server = server;
    this.tokens = tokens;
    this.sync = sync;
    this.api = new ApiClient(server.port());
  }

  static RestFixture start(Path dataDir) {
    Store store = Store.open(StoreSettings.sqlite(dataDir).withMaxPoolSize(8));
    try {
      StandardConfigs.all("127.0.0.1", 5060).forEach(store.configs()::insert);
      store.tenants().insert(new Tenant(SUB, "sub", MASTER));
      store.tenants().insert(new Tenant(SUB_CHILD, "sub-child", SUB));
      store.tenants().insert(new Tenant(OTHER, "other", MASTER));
      Path plugins = dataDir.resolve("plugins");
      BundledPacks.install(plugins);
      var catalog = new PluginCatalog(BundledPacks.loadInstalled(plugins));
      Map<String, Object> base = Map.of("http_base_url", "http://127.0.0.1:8667", "ip", "127.0.0.1",
          "http_port", 8667, "tftp_port", 69);
      var cache = new ConfigCache(store.configs());
      var merger = new ConfigMerger(cache::find);
      var readiness = new Readiness(catalog, merger, () -> base);
      var configAdmin = new ConfigAdmin(store.configs(), cache, merger, store.devices());
      configAdmin.readiness(readiness);
      var deviceAdmin = new DeviceAdmin(store.devices(), readiness, configAdmin);
      var parameters = new Parameters(store.parameters(), Map.of(Parameters.NAT, "0"));
      var tokens = new ConcurrentHashMap<String, Principal>();
      var sync = new AtomicReference<DeviceSync>(DeviceSync.NONE);
      Authenticator authenticator = token -> Optional.ofNullable(tokens.get(token));
      var server = RestServer.start(new ServerSettings.Listener(true, "127.0.0.1", 0),
          new RestServer.Services(store.devices(), store.configs(), deviceAdmin, configAdmin, () -> base,
              store.tenants(), parameters, catalog, device -> sync.get().sync(device), store::check,
              InstantSource.system()),
          authenticator, List.of());
      tokens.putAll(Map.of(
          MASTER_TOKEN, new Principal("master", MASTER, List.of("provd.#")),
          SUB_TOKEN, new Principal("sub", SUB, List.of("provd.#")),
          OTHER_TOKEN, new Principal("other", OTHER, List.of("provd.#"))));
      return new RestFixture(store, server, tokens, sync);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Adds a token the server accepts from now on. */
  void token(String token, String tenant, String... acls) {
    tokens.put(token, new Principal(token, tenant, List.of(acls)));
  }

  void sync(DeviceSync strategy) {
    sync.set(strategy);
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
