package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.device.InMemoryDeviceStore;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.template.TemplateEngine;
import io.autoprovd.core.tenant.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phone pipeline end to end (Guard → Identify → Resolve → Update → Serve) on the in-memory
 * stores, the standard configs, a tiny Yealink-like pack and a fake template engine.
 */
class ProvisioningPipelineTest {
  static final String PLUGIN_YML = """
      id: yealink-test
      version: 1.0.0
      vendor: Yealink
      identify:
        - user_agent: '^[yY]ealink\\s+SIP-(?<model>\\w+)\\s+(?<version>[\\d.]+)\\s+(?<mac>[\\da-fA-F:]{17})$'
        - path: '^(?<mac>(?:001565|805ec0)[0-9a-f]{6})\\.cfg$'
          without_user_agent: true
      models:
        T46S: { lines: 16, function_keys: 27 }
      files:
        - path: '{mac}.cfg'
          scope: device
          template: mac.cfg.j2
          sensitive: true
          trigger: true
        - path: 'phone\\.cfg'
          scope: device
          template: mac.cfg.j2
        - path: 'y0000000000\\d\\d\\.cfg'
          scope: common
          template: common.cfg.j2
        - path: 'lang/en\\.txt'
          scope: static
          file: en.txt
      """;
  static final String MAC_TEMPLATE =
      "line1=<sip_lines.1.username>:<sip_lines.1.password>@<sip_lines.1.registrar_ip>\nmac=<device.mac_compact>\n";

  static final String HOST = "10.0.0.254";
  static final String MAC = "00:15:65:12:34:56";
  static final String OTHER_MAC = "00:15:65:ab:cd:ef";
  static final Map<String, Object> BASE_RAW_CONFIG = Map.of(
      "http_base_url", "http://prov.example:8667", "ip", "prov.example", "http_port", 8667, "tftp_port", 69);

  static String userAgent(String mac) {
    return "Yealink SIP-T46S 66.86.0.15 " + mac;
  }

  /**
   * A stand-in for the Jinjava engine: replaces each {@code <dotted.path>} of the template with the
   * context's value there. Enough to see which account a file carries.
   */
  static final TemplateEngine FAKE_ENGINE = (loader, name, context) -> {
    String source = loader.load(name).orElseThrow();
    Matcher m = Pattern.compile("<([\\w.]+)>").matcher(source);
    return m.replaceAll(r -> {
      Object value = context;
      for (String part : r.group(1).split("\\.")) {
        value = value instanceof Map<?, ?> map ? map.get(part) : null;
      }
      return Matcher.quoteReplacement(String.valueOf(value));
    });
  };

  static final class MutableClock implements InstantSource {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }
  }

  static final class RecordingEvents implements ProvisioningEvents {
    final List<Device> created = new CopyOnWriteArrayList<>();
    final List<String> sensitive = new CopyOnWriteArrayList<>();
    final List<String> denied = new CopyOnWriteArrayList<>();

    @Override
    public void deviceCreated(ProvisioningRequest request, Device device) {
      created.add(device);
    }

    @Override
    public void sensitiveFileServed(ProvisioningRequest request, Device device, String path) {
      sensitive.add(path);
    }

    @Override
    public void denied(ProvisioningRequest request, String reason) {
      denied.add(request.path());
    }
  }

  @TempDir Path dir;

  final InMemoryDeviceStore devices = new InMemoryDeviceStore();
  final InMemoryConfigStore configs = new InMemoryConfigStore();
  final MutableClock clock = new MutableClock();
  final RecordingEvents events = new RecordingEvents();
  final List<String> configWrites = new CopyOnWriteArrayList<>();
  final AtomicInteger requestIds = new AtomicInteger();
  PluginCatalog catalog;
  ConfigMerger merger;
  Readiness readiness;
  Pipeline pipeline;

  @BeforeEach
  void setUp() throws IOException {
    Path root = dir.resolve("yealink-test");
    Files.createDirectories(root.resolve("templates"));
    Files.createDirectories(root.resolve("static/lang"));
    Files.writeString(root.resolve("plugin.yml"), PLUGIN_YML);
    Files.writeString(root.resolve("templates/mac.cfg.j2"), MAC_TEMPLATE);
    Files.writeString(root.resolve("templates/common.cfg.j2"), "server=<XX_server_url>\n");
    Files.writeString(root.resolve("static/en.txt"), "hello\n");
    catalog = new PluginCatalog(List.of(PluginPack.load(root)));
    StandardConfigs.all(HOST, 5060).forEach(configs::insert);
    merger = new ConfigMerger(configs::findById);
    readiness = new Readiness(catalog, merger, () -> BASE_RAW_CONFIG);
    pipeline = pipeline(ProvisioningPolicy.DEFAULT);
  }

  Pipeline pipeline(ProvisioningPolicy policy) {
    return pipeline(policy, configs);
  }

  Pipeline pipeline(ProvisioningPolicy policy, ConfigStore configStore) {
    return new Pipeline(List.of(
        new GuardStep(events),
        new IdentifyStep(catalog),
        new ResolveStep(devices, policy, events, clock),
        new UpdateStep(devices, configStore, catalog, readiness, new Autocreate(), policy, clock, configWrites::add),
        new ServeStep(new TemplateRenderer(FAKE_ENGINE, merger, () -> BASE_RAW_CONFIG), events)));
  }

  static ProvisioningPolicy policy(boolean autocreate, boolean nat) {
    return new ProvisioningPolicy(autocreate, nat, Duration.ofMinutes(1));
  }

  ProvisioningRequest request(Transport transport, String ip, String path, String userAgent) {
    var headers = new HashMap<String, String>();
    if (userAgent != null) {
      headers.put("User-Agent", userAgent);
    }
    return new ProvisioningRequest("req-" + requestIds.incrementAndGet(), transport, ip, path, headers, clock.instant());
  }

  Delivery fetch(String ip, String path, String userAgent) {
    return pipeline.handle(request(Transport.HTTP, ip, path, userAgent));
  }

  /** The first fetch of its own file by a new phone: creates it and gives it an autoprov account. */
  Device provision(String mac, String ip) {
    assertThat(fetch(ip, "/" + Mac.parse(mac).compact() + ".cfg", userAgent(mac))).isInstanceOf(Delivery.Content.class);
    return devices.findByMac(Mac.parse(mac)).orElseThrow();
  }

  static String text(Delivery delivery) {
    assertThat(delivery).isInstanceOf(Delivery.Content.class);
    return new String(((Delivery.Content) delivery).bytes(), StandardCharsets.UTF_8);
  }

  Map<String, Object> line1(String configId) {
    @SuppressWarnings("unchecked")
    var lines = (Map<String, Map<String, Object>>) (Map<?, ?>) configs.findById(configId).orElseThrow().rawConfig().get("sip_lines");
    return lines.get("1");
  }

  List<Config> autoprovCopies() {
    return configs.list().stream()
        .filter(c -> c.id().startsWith(StandardConfigs.AUTOPROV) && !c.id().equals(StandardConfigs.AUTOPROV))
        .toList();
  }

  @Nested
  class GivenAnUnknownPhone {

    @Test
    void whenItFetchesItsOwnFile_thenItIsCreatedInTheMasterTenantWithItsOwnAutoprovAccount() {
      // when
      Delivery delivery = fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));

      // then the device
      assertThat(devices.count()).isEqualTo(1);
      Device device = devices.findByMac(Mac.parse(MAC)).orElseThrow();
      assertThat(device.tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
      assertThat(device.isNew()).isTrue();
      assertThat(device.added()).isEqualTo("auto");
      assertThat(device.vendor()).isEqualTo("Yealink");
      assertThat(device.model()).isEqualTo("T46S");
      assertThat(device.version()).isEqualTo("66.86.0.15");
      assertThat(device.ip()).isEqualTo("10.0.0.1");
      assertThat(device.plugin()).isEqualTo("yealink-test");
      assertThat(device.configured()).isTrue();
      assertThat(device.configuredReason()).isNull();
      assertThat(events.created).extracting(Device::id).containsExactly(device.id());

      // then its config
      Config config = configs.findById(device.config()).orElseThrow();
      assertThat(config.id()).startsWith("autoprov").isNotEqualTo("autoprov");
      assertThat(config.transientConfig()).isTrue();
      assertThat(config.parentIds()).containsExactly(StandardConfigs.AUTOPROV);
      // the device's tenant owns it: no sub-tenant reads the autoprov passwords of discovered phones
      assertThat(config.tenantUuid()).isEqualTo(Tenant.MASTER_UUID);
      assertThat(line1(config.id()).get("username")).asString().startsWith("ap").hasSize(12);
      assertThat(line1(config.id()).get("password")).asString().hasSize(20);
      assertThat(configWrites).containsExactly(config.id());

      // then the file it gets
      assertThat(text(delivery)).isEqualTo("line1=" + line1(config.id()).get("username") + ":"
          + line1(config.id()).get("password") + "@" + HOST + "\nmac=001565123456\n");
      assertThat(events.sensitive).containsExactly("001565123456.cfg");
    }

    @Test
    void whenASecondPhoneFetchesItsFile_thenItGetsAnotherAutoprovAccount() {
      // given
      Device first = provision(MAC, "10.0.0.1");

      // when
      Device second = provision(OTHER_MAC, "10.0.0.2");

      // then
      assertThat(second.id()).isNotEqualTo(first.id());
      assertThat(second.config()).isNotEqualTo(first.config());
      assertThat(line1(second.config()).get("username")).isNotEqualTo(line1(first.config()).get("username"));
      assertThat(line1(second.config()).get("password")).isNotEqualTo(line1(first.config()).get("password"));
    }

    @Test
    void whenItAsksForAnotherPhonesFile_thenItIsNotFound() {
      // given
      provision(OTHER_MAC, "10.0.0.2");

      // when
      Delivery delivery = fetch("10.0.0.1", "/001565abcdef.cfg", userAgent(MAC));

      // then
      assertThat(delivery).isEqualTo(new Delivery.NotFound("file of another device"));
      assertThat(events.sensitive).hasSize(1);
    }

    @Test
    void whenItAsksForAHostileName_thenItIsDeniedBeforeAnythingElse() {
      // when
      Delivery delivery = fetch("10.0.0.1", "/../001565123456.cfg", userAgent(MAC));

      // then
      assertThat(delivery).isInstanceOf(Delivery.Denied.class);
      assertThat(events.denied).containsExactly("/../001565123456.cfg");
      assertThat(devices.count()).isZero();
    }

    @Test
    void whenItIsOfAVendorNoPackKnows_thenNothingIsServed_andNoDeviceIsCreated() {
      // when
      Delivery named = fetch("10.0.0.1", "/0004f2123456.cfg", "Polycom/5.9.0 SPIP-VVX410");
      Delivery anonymous = fetch("10.0.0.3", "/y000000000028.cfg", "Acme Phone 1.0");

      // then
      assertThat(named).isInstanceOf(Delivery.NotFound.class);
      assertThat(anonymous).isInstanceOf(Delivery.NotFound.class);
      // A twelve-hex-digit name alone is no phone: only a vendor some pack knows makes a device.
      assertThat(devices.findByMac(Mac.parse("0004f2123456"))).isEmpty();
      assertThat(devices.count()).isZero();
      assertThat(autoprovCopies()).isEmpty();
    }

    @Test
    void whenItFetchesACommonOrStaticFile_thenItIsServedWithoutAStoredDevice() {
      // given
      pipeline = pipeline(policy(false, false));

      // when
      Delivery common = fetch("10.0.0.1", "/y000000000028.cfg", userAgent(MAC));
      Delivery stat = fetch("10.0.0.1", "/lang/en.txt", userAgent(MAC));

      // then
      assertThat(text(common)).isEqualTo("server=http://prov.example:8667\n");
      assertThat(stat).isInstanceOfSatisfying(Delivery.StaticFile.class, f -> {
        assertThat(f.path()).isEqualTo(dir.resolve("yealink-test/static/en.txt").normalize());
        assertThat(f.size()).isEqualTo(6);
        assertThat(f.packId()).isEqualTo("yealink-test");
      });
      assertThat(devices.count()).isZero();
    }

    @Test
    void whenAutocreateIsOff_thenNoDeviceIsCreatedAndItsFileIsNotFound() {
      // given
      pipeline = pipeline(policy(false, false));

      // when
      Delivery delivery = fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));

      // then
      assertThat(delivery).isEqualTo(new Delivery.NotFound("unknown device"));
      assertThat(devices.count()).isZero();
      assertThat(autoprovCopies()).isEmpty();
    }

    @Test
    void whenItFetchesOverTftpWithoutUserAgent_thenItsFileNameIdentifiesIt() {
      // when
      Delivery delivery = pipeline.handle(request(Transport.TFTP, "10.0.0.1", "001565123456.cfg", null));

      // then
      assertThat(text(delivery)).startsWith("line1=ap").endsWith("mac=001565123456\n");
      Device device = devices.findByMac(Mac.parse(MAC)).orElseThrow();
      assertThat(device.vendor()).isEqualTo("Yealink");
      assertThat(device.model()).isNull();
      assertThat(device.plugin()).isEqualTo("yealink-test");
    }

    @Test
    void whenFiftyFirstRequestsArriveAtOnce_thenExactlyOneDeviceAndOneAutoprovConfigSurvive() throws Exception {
      // given a config store that holds the first autoprov insert until a second request makes one
      // too, so that the race between requests for one new phone happens on every run
      var secondInsert = new CountDownLatch(2);
      pipeline = pipeline(ProvisioningPolicy.DEFAULT, new ForwardingConfigStore(configs) {
        @Override
        public boolean insert(Config config) {
          boolean inserted = super.insert(config);
          secondInsert.countDown();
          await(secondInsert);
          return inserted;
        }
      });
      int n = 50;
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<Delivery>>();

      // when
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < n; i++) {
          futures.add(executor.submit(() -> {
            start.await();
            return fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));
          }));
        }
        start.countDown();
      }

      // then
      var texts = new ArrayList<String>();
      for (var f : futures) {
        texts.add(text(f.get()));
      }
      assertThat(devices.count()).isEqualTo(1);
      assertThat(events.created).hasSize(1);
      Device device = devices.findByMac(Mac.parse(MAC)).orElseThrow();
      assertThat(autoprovCopies()).extracting(Config::id).containsExactly(device.config());
      assertThat(texts).containsOnly(texts.getFirst());
      assertThat(texts.getFirst()).startsWith("line1=" + line1(device.config()).get("username") + ":");
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A {@link ConfigStore} that passes everything on; override what a test needs to observe. */
  static class ForwardingConfigStore implements ConfigStore {
    private final ConfigStore delegate;

    ForwardingConfigStore(ConfigStore delegate) {
      this.delegate = delegate;
    }

    @Override public Optional<Config> findById(String id) { return delegate.findById(id); }
    @Override public List<Config> list() { return delegate.list(); }
    @Override public List<Config> findChildren(String parentId) { return delegate.findChildren(parentId); }
    @Override public Optional<Config> findByRole(String role) { return delegate.findByRole(role); }
    @Override public boolean insert(Config config) { return delegate.insert(config); }
    @Override public Optional<Config> update(Config config) { return delegate.update(config); }
    @Override public boolean delete(String id) { return delegate.delete(id); }
  }

  @Nested
  class GivenAKnownPhone {

    @Test
    void whenItFetchesAgain_thenItIsFoundAndNotCreatedTwice() {
      // given
      Device device = provision(MAC, "10.0.0.1");
      clock.advance(Duration.ofSeconds(5));

      // when
      Delivery delivery = fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));

      // then
      assertThat(text(delivery)).startsWith("line1=" + line1(device.config()).get("username"));
      assertThat(devices.count()).isEqualTo(1);
      assertThat(autoprovCopies()).hasSize(1);
    }

    @Test
    void whenItsFirmwareChanges_thenTheNewVersionIsRecorded() {
      // given
      provision(MAC, "10.0.0.1");

      // when
      fetch("10.0.0.1", "/001565123456.cfg", "Yealink SIP-T46S 66.86.0.20 " + MAC);

      // then
      assertThat(devices.findByMac(Mac.parse(MAC)).orElseThrow().version()).isEqualTo("66.86.0.20");
    }

    @Test
    void whenItFetchesAgain_lastSeenIsRefreshedOncePerResolution_withoutChangingTheRevision() {
      // given
      Device first = provision(MAC, "10.0.0.1");
      Instant firstSeen = clock.instant();

      // when
      clock.advance(Duration.ofSeconds(59));
      fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));
      Device within = devices.findById(first.id()).orElseThrow();
      clock.advance(Duration.ofSeconds(2));
      fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));
      Device after = devices.findById(first.id()).orElseThrow();

      // then: last-seen is not configuration, so rendered files stay cached (same revision)
      assertThat(within.lastSeen()).isEqualTo(firstSeen);
      assertThat(after.lastSeen()).isEqualTo(clock.instant());
      assertThat(within.revision()).isEqualTo(first.revision());
      assertThat(after.revision()).isEqualTo(first.revision());
    }

    @Test
    void whenItIsLinkedToAOneLineConfig_thenItsFileCarriesThatLinesAccount() {
      // given
      Device device = provision(MAC, "10.0.0.1");
      configs.insert(Config.of("line-1001", List.of(StandardConfigs.BASE, StandardConfigs.DEFAULT_CONFIG_DEVICE),
          Map.of("sip_lines", Map.of("1", Map.of("username", "1001", "password", "s3cret", "proxy_ip", "10.0.0.5")))));
      var linked = readiness.refresh(device.toBuilder().config("line-1001").build());
      assertThat(devices.update(linked)).isInstanceOf(DeviceStore.Update.Updated.class);

      // when
      Delivery delivery = fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));

      // then
      assertThat(text(delivery)).isEqualTo("line1=1001:s3cret@10.0.0.5\nmac=001565123456\n");
    }

    @Test
    void whenItsConfigDoesNotExist_thenItsFileIsNotFoundAndWhySaysSo() {
      // given
      Device device = provision(MAC, "10.0.0.1");
      devices.update(readiness.refresh(device.toBuilder().config("gone").build()));

      // when
      Delivery delivery = fetch("10.0.0.1", "/001565123456.cfg", userAgent(MAC));

      // then
      assertThat(delivery).isEqualTo(new Delivery.NotFound("device not configured: config `gone` does not exist"));
    }
  }

  @Nested
  class IdentificationByIp {

    @Test
    void aRequestWithoutMacFromTheIpOfExactlyOneDevice_findsThatDevice() {
      // given
      Device device = provision(MAC, "10.0.0.1");

      // when
      Delivery delivery = pipeline.handle(request(Transport.TFTP, "10.0.0.1", "phone.cfg", null));

      // then
      assertThat(text(delivery)).startsWith("line1=" + line1(device.config()).get("username"));
    }

    @Test
    void aRequestWithoutMacFromAnIpSharedByTwoDevices_findsNone() {
      // given two devices on one address (as the REST API may store them)
      provision(MAC, "10.0.0.1");
      devices.insertIfAbsent(Device.newBuilder("other", Tenant.MASTER_UUID).ip("10.0.0.1").build());

      // when
      Delivery delivery = pipeline.handle(request(Transport.TFTP, "10.0.0.1", "phone.cfg", null));

      // then
      assertThat(delivery).isInstanceOf(Delivery.NotFound.class);
    }

    @Test
    void inNatMode_anIpNeverIdentifiesADevice() {
      // given
      provision(MAC, "10.0.0.1");
      pipeline = pipeline(policy(true, true));

      // when
      Delivery delivery = pipeline.handle(request(Transport.TFTP, "10.0.0.1", "phone.cfg", null));

      // then
      assertThat(delivery).isEqualTo(new Delivery.NotFound("no plugin serves this phone"));
    }

    @Test
    void whenAKnownPhoneMovesToAnotherPhonesIp_thenTheOtherPhoneLosesIt() {
      // given
      Device a = provision(MAC, "10.0.0.1");
      Device b = provision(OTHER_MAC, "10.0.0.2");

      // when
      fetch("10.0.0.1", "/001565abcdef.cfg", userAgent(OTHER_MAC));

      // then
      assertThat(devices.findById(b.id()).orElseThrow().ip()).isEqualTo("10.0.0.1");
      assertThat(devices.findById(a.id()).orElseThrow().ip()).isNull();
    }

    @Test
    void whenANewPhoneAppearsOnAnotherPhonesIp_thenTheOtherPhoneLosesIt() {
      // given
      Device a = provision(MAC, "10.0.0.1");

      // when
      Device b = provision(OTHER_MAC, "10.0.0.1");

      // then
      assertThat(b.ip()).isEqualTo("10.0.0.1");
      assertThat(devices.findById(a.id()).orElseThrow().ip()).isNull();
      assertThat(devices.findByIp("10.0.0.1")).extracting(Device::id).containsExactly(b.id());
    }

    @Test
    void inNatMode_phonesShareAnIp() {
      // given
      pipeline = pipeline(policy(true, true));
      Device a = provision(MAC, "10.0.0.1");
      Device b = provision(OTHER_MAC, "10.0.0.2");

      // when
      fetch("10.0.0.1", "/001565abcdef.cfg", userAgent(OTHER_MAC));

      // then
      assertThat(devices.findById(a.id()).orElseThrow().ip()).isEqualTo("10.0.0.1");
      assertThat(devices.findById(b.id()).orElseThrow().ip()).isEqualTo("10.0.0.1");
    }
  }

  @Nested
  class Readiness_ {

    Device device(String plugin, String config) {
      return Device.newBuilder("d1", Tenant.MASTER_UUID).mac(Mac.parse(MAC)).plugin(plugin).config(config).build();
    }

    @Test
    void aDeviceWithAnInstalledPluginAndAValidConfig_isConfigured() {
      // given
      configs.insert(Config.of("ok", List.of(StandardConfigs.BASE), Map.of()));

      // when
      Readiness.Status status = readiness.check(device("yealink-test", "ok"));

      // then
      assertThat(status).isEqualTo(new Readiness.Status(true, null));
      assertThat(readiness.refresh(device("yealink-test", "ok")).configured()).isTrue();
    }

    @Test
    void eachMissingPiece_isNamedInTheReason() {
      // given
      configs.insert(Config.of("vlan-without-id", List.of(), Map.of("vlan_enabled", true)));

      // when / then
      assertThat(readiness.check(device(null, "autoprov")).reason()).isEqualTo("no plugin associated");
      assertThat(readiness.check(device("y", "autoprov")).reason()).isEqualTo("plugin `y` not installed");
      assertThat(readiness.check(device("yealink-test", null)).reason()).isEqualTo("no config");
      assertThat(readiness.check(device("yealink-test", "x")).reason()).isEqualTo("config `x` does not exist");
      assertThat(readiness.check(device("yealink-test", "vlan-without-id")).reason())
          .isEqualTo("raw_config invalid: vlan_id: required when vlan_enabled is true");
      Device refreshed = readiness.refresh(device("yealink-test", "x"));
      assertThat(refreshed.configured()).isFalse();
      assertThat(refreshed.configuredReason()).isEqualTo("config `x` does not exist");
    }
  }
}
