package io.autoprovd.core.config;

import io.autoprovd.core.document.Documents;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw config of a config chain after the merge, with where each value came from.
 *
 * @param chain the configs applied, in application order (the config itself last)
 * @param provenance dotted path of each leaf value → id of the config that set it ({@code
 *     base_raw_config} for the base raw config)
 */
public record MergedConfig(
    Map<String, Object> rawConfig, List<Config> chain, Map<String, String> provenance) {

  public static final String BASE = "base_raw_config";

  public MergedConfig {
    rawConfig = Documents.freeze(rawConfig);
    chain = List.copyOf(chain);
    provenance = Map.copyOf(provenance);
  }

  /** Which config set the value at {@code dottedPath} (e.g. {@code sip_lines.1.username}). */
  public Optional<String> explain(String dottedPath) {
    return Optional.ofNullable(provenance.get(dottedPath));
  }

  /** A fingerprint of the chain: changes whenever any config in it is written. */
  public String chainVersion() {
    var sb = new StringBuilder();
    for (Config c : chain) {
      sb.append(c.id()).append('@').append(c.revision()).append(';');
    }
    return sb.toString();
  }
}
