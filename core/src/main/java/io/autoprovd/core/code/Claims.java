package io.autoprovd.core.code;

import io.autoprovd.core.config.Autocreate;
import io.autoprovd.core.config.Config;
import io.autoprovd.core.config.ConfigMerger;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.config.StandardConfigs;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Claims provisioning codes and resets devices to autoprov (ARCHITECTURE §8, identification.md §9).
 *
 * <p>A claim links a device to the code's line. The first claim (the device is in autoprov) gives
 * the device its own <em>device config</em>, whose id is the device id and whose only parent is
 * the line config, so the line's account is line 1 and later edits of the line config reach the
 * phone. A further claim on a multi-line phone (REST only: the phone no longer has its autoprov
 * account) fills the next free line of the device config with a copy of the other line config's
 * line 1, as a merge cannot renumber an inherited line. {@value #LINES_KEY} in the device config
 * records which line came from which config.
 *
 * <p>Tenant rules, exactly as the product documents them: a device still {@code is_new} (in the
 * master tenant) moves to the line's tenant on its claim; a device that already belongs to a
 * tenant claims only lines of that tenant; a reset to autoprov keeps the tenant.
 *
 * <p>The stores have no transaction spanning several of them, so a claim takes the code first
 * (compare-and-set: of two devices one wins), then writes the device config and the device, each
 * compare-and-set on its revision, and gives the code back if a later write fails. A lost race is
 * retried on fresh state. Thread-safe; no global lock.
 */
public final class Claims {
  /** In a device config made by a claim: line number → the line config it came from. */
  public static final String LINES_KEY = "X_autoprovd_lines";
  static final int ATTEMPTS = 16;

  private final DeviceStore devices;
  private final ConfigStore configs;
  private final CodeStore codes;
  private final UnaryOperator<Device> readiness;
  private final ToIntFunction<Device> lineCount;
  private final WrongCodeLimiter limiter;
  private final Autocreate autocreate;
  private final InstantSource clock;
  private final Consumer<String> onConfigWrite;
  private final ConfigMerger merger;

  /**
   * @param readiness recomputes a device's {@code configured} flag ({@code Readiness::refresh})
   * @param lineCount SIP accounts the device's model has (1 when unknown)
   * @param onConfigWrite told the id of every config written or deleted, so caches can drop it
   */
  public Claims(DeviceStore devices, ConfigStore configs, CodeStore codes, UnaryOperator<Device> readiness,
      ToIntFunction<Device> lineCount, WrongCodeLimiter limiter, Autocreate autocreate, InstantSource clock,
      Consumer<String> onConfigWrite) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.configs = Objects.requireNonNull(configs, "configs");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.lineCount = Objects.requireNonNull(lineCount, "lineCount");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.autocreate = Objects.requireNonNull(autocreate, "autocreate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onConfigWrite = Objects.requireNonNull(onConfigWrite, "onConfigWrite");
    this.merger = new ConfigMerger(configs::findById);
  }

  /** Links {@code deviceId} to the line of {@code code}; see the class comment for the rules. */
  public ClaimResult claim(String deviceId, String code) {
    var wait = limiter.refusal(deviceId);
    if (wait.isPresent()) {
      return new ClaimResult.RateLimited(deviceId, wait.get());
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<ClaimResult> result = attemptClaim(deviceId, code);
      if (result.isPresent()) {
        if (result.get() instanceof ClaimResult.Claimed) {
          limiter.recordSuccess(deviceId);
        }
        return result.get();
      }
    }
    return new ClaimResult.Conflict("device " + deviceId + " is being changed concurrently; retry");
  }

  /** One try; empty when a compare-and-set lost a race and the claim must start again. */
  private Optional<ClaimResult> attemptClaim(String deviceId, String codeText) {
    Optional<Device> found = devices.findById(deviceId);
    if (found.isEmpty()) {
      return Optional.of(new ClaimResult.UnknownDevice(deviceId));
    }
    Device device = found.get();
    Optional<ProvisioningCode> foundCode = codeText != null && ProvisioningCode.SYNTAX.matcher(codeText).matches()
        ? codes.find(codeText) : Optional.empty();
    if (foundCode.isEmpty()) {
      limiter.recordWrong(deviceId);
      return Optional.of(new ClaimResult.UnknownCode(codeText));
    }
    ProvisioningCode code = foundCode.get();
    Optional<Config> line = configs.findById(code.configId());
    if (line.isEmpty()) {
      return Optional.of(new ClaimResult.LineMissing(code.code(), code.configId()));
    }
    Config current = device.config() == null ? null : configs.findById(device.config()).orElse(null);
    Map<String, String> linked = linkedLines(current);
    Optional<Integer> alreadyAt = lineOf(linked, code.configId());
    if (deviceId.equals(code.claimedBy()) && alreadyAt.isPresent()) {
      // The phone dialed its code again (it did not see the reboot yet): nothing to change.
      return Optional.of(new ClaimResult.Claimed(device, current.id(), alreadyAt.get(), code, false, true));
    }
    if (code.claimed() && !deviceId.equals(code.claimedBy()) && holds(code.claimedBy(), code.configId())) {
      limiter.recordWrong(deviceId);
      return Optional.of(new ClaimResult.AlreadyClaimed(code.code(), code.claimedBy()));
    }
    boolean inAutoprov = current != null && isAutoprov(current);
    if (current == null || !(inAutoprov || isClaimMade(current))) {
      return Optional.of(new ClaimResult.NotInAutoprov(deviceId, current == null
          ? (device.config() == null ? "it has no config" : "its config " + device.config() + " does not exist")
          : "its config " + current.id() + " was not made by autoprov or by a claim"));
    }
    if (!device.isNew() && !device.tenantUuid().equals(code.tenantUuid())) {
      return Optional.of(new ClaimResult.WrongTenant(deviceId, device.tenantUuid(), code.tenantUuid()));
    }
    String tenant = device.isNew() ? code.tenantUuid() : device.tenantUuid();
    int lineNo;
    if (inAutoprov) {
      lineNo = 1;
    } else if (alreadyAt.isPresent()) {
      lineNo = alreadyAt.get(); // a retry after a write of ours that was then undone
    } else {
      int lines = Math.max(1, lineCount.applyAsInt(device));
      lineNo = nextFreeLine(current, linked, lines);
      if (lineNo == 0) {
        return Optional.of(new ClaimResult.NoFreeLine(deviceId, lines));
      }
    }

    Optional<ProvisioningCode> taken = codes.claim(code.code(), code.claimedBy(), deviceId, clock.instant());
    if (taken.isEmpty()) {
      return Optional.empty(); // someone claimed, released or revoked it meanwhile: look again
    }
    Write write = inAutoprov
        ? writeFirstLine(device, line.get(), tenant)
        : writeNextLine(current, line.get(), lineNo, alreadyAt.isPresent());
    Config deviceConfig;
    switch (write) {
      case Write.Written w -> deviceConfig = w.config();
      case Write.Lost l -> {
        codes.release(code.code(), deviceId);
        return Optional.empty();
      }
      case Write.IdTaken t -> {
        codes.release(code.code(), deviceId);
        return Optional.of(new ClaimResult.Conflict("config " + t.id()
            + " exists and was not made by a claim: the device config cannot be created"));
      }
    }
    Device next = readiness.apply(device.toBuilder()
        .config(deviceConfig.id())
        .tenantUuid(tenant)
        .isNew(Tenant.MASTER_UUID.equals(tenant))
        .build());
    Device stored = device;
    if (!next.equals(device)) {
      switch (devices.update(next)) {
        case DeviceStore.Update.Updated u -> stored = u.device();
        case DeviceStore.Update.Stale s -> {
          codes.release(code.code(), deviceId);
          return Optional.empty();
        }
        case DeviceStore.Update.Rejected r -> {
          codes.release(code.code(), deviceId);
          return Optional.of(devices.findById(deviceId).isEmpty()
              ? new ClaimResult.UnknownDevice(deviceId) : new ClaimResult.Conflict(r.reason()));
        }
      }
    }
    if (inAutoprov) {
      dropIfUnused(current);
    }
    boolean moved = device.isNew() && !tenant.equals(device.tenantUuid());
    return Optional.of(new ClaimResult.Claimed(stored, deviceConfig.id(), lineNo, taken.get(), moved, false));
  }

  /** What became of a write of the device config. */
  private sealed interface Write {
    record Written(Config config) implements Write {}

    /** A concurrent writer came first: start again. */
    record Lost() implements Write {}

    /** The device config's id belongs to a config a claim did not make. */
    record IdTaken(String id) implements Write {}
  }

  /** The device config of a first claim: id = device id (wazo-confd's convention), the line config as only parent. */
  private Write writeFirstLine(Device device, Config line, String tenant) {
    var extra = new LinkedHashMap<String, Object>();
    extra.put("X_type", "device");
    extra.put(LINES_KEY, Map.of("1", line.id()));
    Config fresh = new Config(device.id(), List.of(line.id()), Map.of(), null, false, true, tenant, extra, 0);
    Optional<Config> existing = configs.findById(device.id());
    if (existing.isEmpty()) {
      if (!configs.insert(fresh)) {
        return new Write.Lost();
      }
      onConfigWrite.accept(fresh.id());
      return configs.findById(fresh.id()).<Write>map(Write.Written::new).orElse(new Write.Lost());
    }
    // Left by an earlier claim that a reset or a hand edit then moved the device away from.
    if (isClaimMade(existing.get()) && devices.findByConfig(existing.get().id()).isEmpty()) {
      var updated = configs.update(fresh.withRevision(existing.get().revision()));
      onConfigWrite.accept(fresh.id());
      return updated.<Write>map(Write.Written::new).orElse(new Write.Lost());
    }
    return new Write.IdTaken(device.id());
  }

  /** Adds the line config's line 1 as line {@code lineNo} of an existing device config. */
  private Write writeNextLine(Config current, Config line, int lineNo, boolean alreadyWritten) {
    if (alreadyWritten) {
      return new Write.Written(current);
    }
    Map<String, Object> lineOne = merger.merge(line.id(), Map.of())
        .map(m -> m.rawConfig().get("sip_lines") instanceof Map<?, ?> l && l.get("1") instanceof Map<?, ?> one
            ? Documents.mutableCopy(castMap(one)) : null)
        .orElse(null);
    if (lineOne == null) {
      lineOne = new LinkedHashMap<>();
    }
    Map<String, Object> raw = Documents.mutableCopy(current.rawConfig());
    Map<String, Object> sipLines = raw.get("sip_lines") instanceof Map<?, ?> l
        ? Documents.mutableCopy(castMap(l)) : new LinkedHashMap<>();
    sipLines.put(String.valueOf(lineNo), lineOne);
    raw.put("sip_lines", sipLines);
    Map<String, Object> extra = Documents.mutableCopy(current.extra());
    var lines = new LinkedHashMap<String, Object>(linkedLines(current));
    lines.put(String.valueOf(lineNo), line.id());
    extra.put(LINES_KEY, lines);
    var updated = configs.update(current.withRawConfig(raw).withExtra(extra));
    onConfigWrite.accept(current.id());
    return updated.<Write>map(Write.Written::new).orElse(new Write.Lost());
  }

  /**
   * Gives the device a fresh autoprov config with a new SIP account, keeps its tenant, frees the
   * codes it held, and deletes the config it leaves if nothing else uses it.
   */
  public ResetResult reset(String deviceId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Device> found = devices.findById(deviceId);
      if (found.isEmpty()) {
        return new ResetResult.UnknownDevice(deviceId);
      }
      Device device = found.get();
      Optional<Config> template = configs.findByRole(StandardConfigs.ROLE_AUTOCREATE);
      if (template.isEmpty()) {
        return new ResetResult.Conflict("no config has the role " + StandardConfigs.ROLE_AUTOCREATE);
      }
      Config made = autocreate.newConfig(template.get());
      Config fresh = new Config(made.id(), made.parentIds(), made.rawConfig(), made.role(), made.transientConfig(),
          made.deletable(), device.tenantUuid(), made.extra(), 0);
      if (!configs.insert(fresh)) {
        continue;
      }
      onConfigWrite.accept(fresh.id());
      Device next = readiness.apply(device.toBuilder().config(fresh.id()).build());
      switch (devices.update(next)) {
        case DeviceStore.Update.Updated u -> {
          configs.findById(device.config() == null ? "" : device.config()).ifPresent(this::dropIfUnused);
          var released = new ArrayList<String>();
          for (ProvisioningCode held : codes.findByClaimant(deviceId)) {
            if (codes.release(held.code(), deviceId)) {
              released.add(held.code());
            }
          }
          limiter.recordSuccess(deviceId);
          return new ResetResult.Reset(u.device(), fresh.id(), released);
        }
        case DeviceStore.Update.Stale s -> delete(fresh.id());
        case DeviceStore.Update.Rejected r -> {
          delete(fresh.id());
          return devices.findById(deviceId).isEmpty()
              ? new ResetResult.UnknownDevice(deviceId) : new ResetResult.Conflict(r.reason());
        }
      }
    }
    return new ResetResult.Conflict("device " + deviceId + " is being changed concurrently; retry");
  }

  /** True if the config is the autocreate template or one of its children (wazo-confd's test). */
  public boolean isAutoprov(Config config) {
    return configs.findByRole(StandardConfigs.ROLE_AUTOCREATE)
        .map(t -> t.id().equals(config.id()) || config.parentIds().contains(t.id()))
        .orElse(false);
  }

  static boolean isClaimMade(Config config) {
    return config.extra().get(LINES_KEY) instanceof Map<?, ?>;
  }

  /** Line number → line config, for a device config made by a claim; empty otherwise. */
  static Map<String, String> linkedLines(Config config) {
    if (config == null || !(config.extra().get(LINES_KEY) instanceof Map<?, ?> lines)) {
      return Map.of();
    }
    var result = new LinkedHashMap<String, String>();
    lines.forEach((k, v) -> {
      if (v instanceof String s) {
        result.put(String.valueOf(k), s);
      }
    });
    return result;
  }

  private static Optional<Integer> lineOf(Map<String, String> linked, String configId) {
    return linked.entrySet().stream().filter(e -> e.getValue().equals(configId))
        .map(e -> parseLine(e.getKey())).filter(n -> n > 0).findFirst();
  }

  /** True if {@code deviceId} still exists and its device config links {@code configId}. */
  private boolean holds(String deviceId, String configId) {
    return devices.findById(deviceId)
        .flatMap(d -> d.config() == null ? Optional.empty() : configs.findById(d.config()))
        .map(c -> linkedLines(c).containsValue(configId))
        .orElse(false);
  }

  /** The lowest line number not linked by a claim nor set in the config's own layer; 0 if none. */
  private static int nextFreeLine(Config current, Map<String, String> linked, int lines) {
    var own = current.rawConfig().get("sip_lines") instanceof Map<?, ?> l ? l.keySet() : java.util.Set.of();
    for (int n = 1; n <= lines; n++) {
      String key = String.valueOf(n);
      if (!linked.containsKey(key) && !own.contains(key)) {
        return n;
      }
    }
    return 0;
  }

  private static int parseLine(String key) {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A transient autoprov config or a claim's device config goes when no device uses it any more. */
  private void dropIfUnused(Config config) {
    if (config != null && (config.transientConfig() || isClaimMade(config))
        && devices.findByConfig(config.id()).isEmpty()) {
      delete(config.id());
    }
  }

  private void delete(String configId) {
    configs.delete(configId);
    onConfigWrite.accept(configId);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
