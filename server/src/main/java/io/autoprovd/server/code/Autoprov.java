package io.autoprovd.server.code;

import io.autoprovd.core.code.ClaimResult;
import io.autoprovd.core.code.Claims;
import io.autoprovd.core.code.CodeIssuer;
import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.ResetResult;
import io.autoprovd.core.code.WrongCodeLimiter;
import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.server.app.ConfigCache;
import io.autoprovd.server.app.DeviceSync;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.server.sync.AmiClient;
import io.autoprovd.server.sync.AmiNotify;
import io.autoprovd.server.sync.DirectNotify;
import io.autoprovd.server.sync.ProxyNotify;
import io.autoprovd.server.sync.SyncTargets;
import io.autoprovd.server.sync.ThroughAutoprovRegistration;
import io.autoprovd.sip.AutoprovService;
import io.autoprovd.sip.CodeDialing;
import io.autoprovd.sip.Registrar;
import io.autoprovd.sip.Scheduler;
import io.autoprovd.sip.SipEndpoint;
import io.autoprovd.sip.SipSettings;
import io.autoprovd.sip.SipTimers;
import io.autoprovd.sip.Transport;
import io.autoprovd.store.Store;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoprov feature, assembled: provisioning codes and claims, the autoprov SIP service
 * (registrar and code INVITEs) on its UDP and TCP port, and the resync strategy of the deployment.
 * A claim or a reset, from the phone or over REST, ends with the device told to resync on a
 * virtual thread of its own.
 *
 * <p>If the SIP port cannot be bound (another SIP server on the host), autoprovd still starts: it
 * logs the error, phones cannot register to it, and NOTIFYs leave from a free port.
 */
public final class Autoprov implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Autoprov.class);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final Claims claims;
  private final CodeIssuer issuer;
  private final CodeStore codes;
  private final Registrar registrar;
  private final SipEndpoint endpoint;
  private final Scheduler scheduler;
  private final DeviceSync sync;
  private final boolean listening;
  private volatile boolean closed;

  private Autoprov(Claims claims, CodeIssuer issuer, CodeStore codes, Registrar registrar, SipEndpoint endpoint,
      Scheduler scheduler, DeviceSync sync, boolean listening) {
    this.claims = claims;
    this.issuer = issuer;
    this.codes = codes;
    this.registrar = registrar;
    this.endpoint = endpoint;
    this.scheduler = scheduler;
    this.sync = sync;
    this.listening = listening;
  }

  /**
   * @param readiness recomputes a device's {@code configured} flag after a claim or reset
   * @param configCache dropped for every config written
   */
  public static Autoprov start(ServerSettings settings, Store store, PluginCatalog catalog,
      UnaryOperator<Device> readiness, ConfigCache configCache, InstantSource clock) {
    var sip = settings.sip();
    var scheduler = Scheduler.system();
    var limiter = new WrongCodeLimiter(sip.maxWrongCodes(), sip.wrongCodesWindow(), clock);
    var claims = new Claims(store.devices(), store.configs(), store.codes(), readiness,
        device -> catalog.find(device.plugin()).flatMap(p -> p.model(device.model())).map(ModelSpec::lines).orElse(1),
        limiter, new Autocreate(), clock, configCache::invalidate);
    var issuer = new CodeIssuer(store.codes(), store.configs(), sip.codeLength(), new SecureRandom(), clock);
    var registrar = Registrar.withDefaults(clock);
    var accounts = new AutoprovAccounts(store.sipAccounts(), store.configs(), store.devices(), claims::isAutoprov);
    var resyncs = new DeviceSync[1];
    CodeDialing dialing = new CodeDialing() {
      @Override
      public ClaimResult claim(String deviceId, String code) {
        return claims.claim(deviceId, code);
      }

      @Override
      public void claimed(ClaimResult.Claimed result) {
        resync(resyncs[0], result.device(), "claim of code " + result.code().code());
      }
    };
    var service = new AutoprovService(accounts, dialing, registrar, sip.realm(), clock);
    var sipSettings = new SipSettings(sip.bind(), sip.port(), sip.udp(), sip.tcp(), settings.advertisedHost(),
        sip.realm(), new SipTimers(sip.t1(), sip.t2(), sip.t4()), 10_000, 2_048, Duration.ofHours(2));
    SipEndpoint endpoint;
    boolean listening = false;
    try {
      if (!sip.enabled()) {
        throw new IOException("sip.enabled is false");
      }
      endpoint = SipEndpoint.start(sipSettings, service, scheduler);
      listening = true;
      LOG.info("autoprov SIP service listening on {}:{} ({})", sip.bind(), endpoint.port(),
          (sip.udp() ? "udp" : "") + (sip.udp() && sip.tcp() ? "+" : "") + (sip.tcp() ? "tcp" : ""));
    } catch (IOException e) {
      if (sip.enabled()) {
        LOG.error("autoprov SIP service NOT started: {}. Phones in autoprov cannot register nor dial codes; "
            + "set sip.port to a free port (or sip.enabled: false)", e.getMessage());
      }
      try {
        endpoint = SipEndpoint.start(sipSettings.withPort(0), service, scheduler);
      } catch (IOException again) {
        scheduler.close();
        throw new java.io.UncheckedIOException("cannot open any SIP socket for NOTIFYs: " + again.getMessage(), again);
      }
      LOG.info("resync NOTIFYs leave from SIP port {}", endpoint.port());
    }
    var targets = new SyncTargets(catalog, configCache.merger()::merge);
    DeviceSync strategy = strategy(settings.sync(), endpoint, targets, store);
    DeviceSync sync = settings.sync().viaAutoprov()
        ? new ThroughAutoprovRegistration(registrar, endpoint, targets, strategy) : strategy;
    resyncs[0] = sync;
    var autoprov = new Autoprov(claims, issuer, store.codes(), registrar, endpoint, scheduler, sync, listening);
    autoprov.schedulePurge();
    return autoprov;
  }

  private static DeviceSync strategy(ServerSettings.Sync settings, SipEndpoint endpoint, SyncTargets targets,
      Store store) {
    Transport transport = Transport.parse(settings.transport());
    return switch (settings.strategy()) {
      case DIRECT -> new DirectNotify(endpoint, targets, store.devices(), transport, settings.directPort());
      case PROXY -> new ProxyNotify(endpoint, targets, settings.proxy(), transport);
      case AMI -> new AmiNotify(new AmiClient(settings.ami().host(), settings.ami().port(), settings.ami().username(),
          settings.ami().secret(), Duration.ofSeconds(5)), targets, store.devices(), settings.ami().byUri());
      case NONE -> device -> new DeviceSync.SyncResult.Failed("no sync strategy configured (sync.strategy: none)");
    };
  }

  private void schedulePurge() {
    scheduler.schedule(PURGE_EVERY, () -> {
      if (!closed) {
        registrar.purge();
        schedulePurge();
      }
    });
  }

  /** Tells the device to resync on its own virtual thread, and logs the outcome. */
  static void resync(DeviceSync sync, Device device, String why) {
    Thread.ofVirtual().name("resync-" + device.id()).start(() -> {
      DeviceSync.SyncResult result;
      try {
        result = sync.sync(device);
      } catch (RuntimeException e) {
        result = new DeviceSync.SyncResult.Failed(e.toString());
        LOG.error("resync of device {} failed", device.id(), e);
      }
      LOG.info("resync of device {} after {}: {}", device.id(), why, result);
    });
  }

  /** Claims a code for a device (REST), then resyncs it. */
  public ClaimResult claim(String deviceId, String code) {
    ClaimResult result = claims.claim(deviceId, code);
    if (result instanceof ClaimResult.Claimed claimed) {
      resync(sync, claimed.device(), "claim of code " + code);
    }
    return result;
  }

  /** Resets a device to autoprov (REST), then resyncs it so it fetches its autoprov account. */
  public ResetResult reset(String deviceId) {
    ResetResult result = claims.reset(deviceId);
    if (result instanceof ResetResult.Reset reset) {
      resync(sync, reset.device(), "reset to autoprov");
    }
    return result;
  }

  public CodeIssuer issuer() {
    return issuer;
  }

  public CodeStore codes() {
    return codes;
  }

  /** What {@code POST /0.2/dev_mgr/synchronize} runs. */
  public DeviceSync sync() {
    return sync;
  }

  public Registrar registrar() {
    return registrar;
  }

  /** The SIP port: the service's when it listens, else the one NOTIFYs leave from. */
  public int sipPort() {
    return endpoint.port();
  }

  /** True if the autoprov SIP service listens on its configured port. */
  public boolean listening() {
    return listening;
  }

  public SipEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    closed = true;
    endpoint.close();
    scheduler.close();
  }
}
