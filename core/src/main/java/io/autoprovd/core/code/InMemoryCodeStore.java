package io.autoprovd.core.code;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/** The reference {@link CodeStore}: in memory, nothing durable. Each write is atomic per code. */
public final class InMemoryCodeStore implements CodeStore {
  private final ConcurrentSkipListMap<String, ProvisioningCode> byCode = new ConcurrentSkipListMap<>();
  private final ReentrantLock insertLock = new ReentrantLock();

  @Override
  public Optional<ProvisioningCode> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  @Override
  public List<ProvisioningCode> list() {
    return List.copyOf(byCode.values());
  }

  @Override
  public List<ProvisioningCode> findByConfig(String configId) {
    return byCode.values().stream().filter(c -> c.configId().equals(configId)).toList();
  }

  @Override
  public List<ProvisioningCode> findByClaimant(String deviceId) {
    return byCode.values().stream().filter(c -> deviceId.equals(c.claimedBy())).toList();
  }

  @Override
  public Insertion insert(ProvisioningCode code) {
    // Inserts are rare (an administrator's action): serialising them keeps "one code per line" exact.
    insertLock.lock();
    try {
      var taken = findByConfig(code.configId());
      if (!taken.isEmpty()) {
        return new Insertion.LineTaken(taken.getFirst());
      }
      return byCode.putIfAbsent(code.code(), code) == null
          ? new Insertion.Inserted(code) : new Insertion.Duplicate(code.code());
    } finally {
      insertLock.unlock();
    }
  }

  @Override
  public Optional<ProvisioningCode> claim(String code, String expectedClaimant, String deviceId, Instant at) {
    var result = new ProvisioningCode[1];
    byCode.computeIfPresent(code, (k, current) -> {
      if (!Objects.equals(current.claimedBy(), expectedClaimant)) {
        return current;
      }
      result[0] = current.withClaim(deviceId, at);
      return result[0];
    });
    return Optional.ofNullable(result[0]);
  }

  @Override
  public boolean release(String code, String deviceId) {
    var released = new boolean[1];
    byCode.computeIfPresent(code, (k, current) -> {
      if (!deviceId.equals(current.claimedBy())) {
        return current;
      }
      released[0] = true;
      return current.withoutClaim();
    });
    return released[0];
  }

  @Override
  public boolean revoke(String code) {
    return byCode.remove(code) != null;
  }
}
