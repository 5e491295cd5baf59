package io.autoprovd.core.plugin;

import io.autoprovd.core.document.Documents;
import java.util.Map;

/**
 * One model a pack supports, as declared under {@code models} in {@code plugin.yml}.
 *
 * @param lines SIP accounts the model has
 * @param functionKeys programmable keys on the device itself
 * @param properties everything else declared for the model (expansion modules, hardware id, …)
 * @param features the per-model feature matrix (Y / N / NT / NYT / HK / SK / FK / MN or a count)
 */
public record ModelSpec(
    String name, int lines, int functionKeys, Map<String, Object> properties, Map<String, Object> features) {

  public ModelSpec {
    if (lines < 0) {
      throw new IllegalArgumentException("models." + name + ".lines: must be >= 0");
    }
    if (functionKeys < 0) {
      throw new IllegalArgumentException("models." + name + ".function_keys: must be >= 0");
    }
    properties = Documents.freeze(properties);
    features = Documents.freeze(features);
  }

  /** The model as templates see it: every declared key, plus {@code name}. */
  public Map<String, Object> asTemplateValue() {
    var map = Documents.mutableCopy(properties);
    map.put("name", name);
    map.put("lines", lines);
    map.put("function_keys", functionKeys);
    map.put("features", features);
    return Documents.freeze(map);
  }
}
