package io.autoprovd.core.plugin;

import io.autoprovd.core.device.DeviceInfo;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The installed plugin packs, as one immutable snapshot swapped atomically on install, upgrade or
 * removal: a request sees either the old set or the new one, never half of a change.
 */
public final class PluginCatalog {
  /** The packs by id and in id order, replaced as a whole on every change. */
  private record State(Map<String, PluginPack> byId, List<PluginPack> sorted) {
    static State of(Map<String, PluginPack> byId) {
      return new State(Map.copyOf(byId), byId.values().stream().sorted(Comparator.comparing(PluginPack::id)).toList());
    }
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.of(Map.of()));

  public PluginCatalog(Collection<PluginPack> initial) {
    replaceAll(initial);
  }

  public Optional<PluginPack> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(state.get().byId().get(id));
  }

  /** Every pack, in id order. */
  public List<PluginPack> all() {
    return state.get().sorted();
  }

  /**
   * An object that changes (by identity) whenever a pack is added, replaced or removed: a key for
   * what is derived from all the packs, such as remembered identifications.
   */
  public Object generation() {
    return state.get();
  }

  public void replaceAll(Collection<PluginPack> newPacks) {
    state.set(State.of(newPacks.stream().collect(Collectors.toMap(PluginPack::id, Function.identity()))));
  }

  public void put(PluginPack pack) {
    state.updateAndGet(current -> {
      var copy = new java.util.HashMap<>(current.byId());
      copy.put(pack.id(), pack);
      return State.of(copy);
    });
  }

  public void remove(String id) {
    state.updateAndGet(current -> {
      var copy = new java.util.HashMap<>(current.byId());
      copy.remove(id);
      return State.of(copy);
    });
  }

  /**
   * The pack that best fits the device (identification.md §6): the highest score of at least
   * {@link PluginPack#SCORE_PROBABLE}; a tie goes to the greatest id.
   */
  public Optional<PluginPack> associate(DeviceInfo info) {
    return associate(info, null);
  }

  /**
   * As {@link #associate(DeviceInfo)}, but a tie goes first to a pack whose file table answers
   * {@code path}, the file the phone asked for: two packs of one vendor (Snom desk phones and
   * DECT bases) both claim a model neither lists, and the file name tells them apart.
   */
  public Optional<PluginPack> associate(DeviceInfo info, String path) {
    PluginPack best = null;
    int bestScore = PluginPack.SCORE_PROBABLE - 1;
    for (PluginPack pack : state.get().sorted()) {
      int score = pack.score(info);
      if (score > bestScore || (score == bestScore && best != null && wins(pack, best, path))) {
        best = pack;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean wins(PluginPack candidate, PluginPack best, String path) {
    if (path != null) {
      boolean serves = candidate.route(path).isPresent();
      if (serves != best.route(path).isPresent()) {
        return serves;
      }
    }
    return candidate.id().compareTo(best.id()) > 0;
  }
}
