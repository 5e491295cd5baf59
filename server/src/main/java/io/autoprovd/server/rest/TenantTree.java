package io.autoprovd.server.rest;

import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.store.TenantStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tenant hierarchy, for {@code Wazo-Tenant} and {@code recurse} (provd-rest-api.md §5). Read
 * from the tenant store and kept as an immutable snapshot for a short time: tenants are few and
 * change rarely, while every REST request may ask for a subtree. A snapshot older than {@code
 * maxAge} is reloaded; so is one that does not know a tenant it is asked about, at most once per
 * {@code RELOAD_MIN} (a header naming random tenants cannot make every request reload). Thread-safe,
 * lock-free: racing reloads both read the store and the last one wins.
 */
final class TenantTree {
  private static final Duration RELOAD_MIN = Duration.ofMillis(200);

  private record Snapshot(Map<String, Tenant> byId, Map<String, List<String>> children, Instant loadedAt) {}

  private final TenantStore store;
  private final InstantSource clock;
  private final Duration maxAge;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

  TenantTree(TenantStore store, InstantSource clock, Duration maxAge) {
    this.store = store;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * The tenant and all its descendants. A tenant the store does not know (a wazo-auth tenant
   * never recorded here) is its own, leaf-only subtree.
   */
  Set<String> subtree(String tenantUuid) {
    Snapshot s = current(tenantUuid);
    var result = new LinkedHashSet<String>();
    var queue = new ArrayDeque<String>(List.of(tenantUuid));
    while (!queue.isEmpty()) {
      String t = queue.poll();
      if (result.add(t)) {
        queue.addAll(s.children().getOrDefault(t, List.of()));
      }
    }
    return Set.copyOf(result);
  }

  /**
   * True if {@code candidate} is {@code root} or one of its descendants. The master tenant is the
   * root of every tenant, including those this store has never recorded (a wazo-auth tenant).
   */
  boolean contains(String root, String candidate) {
    if (root.equals(candidate) || Tenant.MASTER_UUID.equals(root)) {
      return true;
    }
    Snapshot s = current(candidate);
    var seen = new java.util.HashSet<String>();
    for (Tenant t = s.byId().get(candidate); t != null && t.parentUuid() != null && seen.add(t.uuid());
        t = s.byId().get(t.parentUuid())) {
      if (t.parentUuid().equals(root)) {
        return true;
      }
    }
    return false;
  }

  private Snapshot current(String mentioned) {
    Snapshot s = snapshot.get();
    Instant now = clock.instant();
    if (s == null || s.loadedAt().plus(maxAge).isBefore(now)
        || (!s.byId().containsKey(mentioned) && s.loadedAt().plus(RELOAD_MIN).isBefore(now))) {
      s = load(now);
      snapshot.set(s);
    }
    return s;
  }

  private Snapshot load(Instant now) {
    var byId = new HashMap<String, Tenant>();
    var children = new HashMap<String, List<String>>();
    for (Tenant t : store.list()) {
      byId.put(t.uuid(), t);
      // A top-level tenant other than master hangs under master: master sees everything.
      String parent = t.parentUuid() == null && !t.isMaster() ? Tenant.MASTER_UUID : t.parentUuid();
      if (parent != null && !parent.equals(t.uuid())) {
        children.computeIfAbsent(parent, k -> new java.util.ArrayList<>()).add(t.uuid());
      }
    }
    children.replaceAll((k, v) -> List.copyOf(v));
    return new Snapshot(Map.copyOf(byId), Map.copyOf(children), now);
  }
}
