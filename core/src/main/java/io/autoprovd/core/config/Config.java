package io.autoprovd.core.config;

import io.autoprovd.core.document.Documents;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A config document (config-model.md §1): one layer of settings, with ordered parents. The raw
 * config a plugin renders from is the merge of the whole chain ({@link ConfigMerger}).
 *
 * @param tenantUuid owning tenant, or null for the shared internal configs ({@code base},
 *     {@code autoprov}, …)
 * @param extra every other key of the document ({@code X_type}, {@code label}, …), kept verbatim
 * @param revision incremented by the store on every write; part of the render cache key
 */
public record Config(
    String id,
    List<String> parentIds,
    Map<String, Object> rawConfig,
    String role,
    boolean transientConfig,
    boolean deletable,
    String tenantUuid,
    Map<String, Object> extra,
    long revision) {

  public Config {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: must not be blank");
    }
    parentIds = List.copyOf(parentIds == null ? List.of() : parentIds);
    rawConfig = Documents.freeze(rawConfig);
    extra = Documents.freeze(extra);
  }

  public static Config of(String id, List<String> parentIds, Map<String, Object> rawConfig) {
    return new Config(id, parentIds, rawConfig, null, false, true, null, Map.of(), 0);
  }

  public Config withRawConfig(Map<String, Object> newRawConfig) {
    return new Config(id, parentIds, newRawConfig, role, transientConfig, deletable, tenantUuid, extra, revision);
  }

  public Config withParentIds(List<String> newParentIds) {
    return new Config(id, newParentIds, rawConfig, role, transientConfig, deletable, tenantUuid, extra, revision);
  }

  public Config withRevision(long newRevision) {
    return new Config(id, parentIds, rawConfig, role, transientConfig, deletable, tenantUuid, extra, newRevision);
  }

  public Config withId(String newId) {
    return new Config(newId, parentIds, rawConfig, role, transientConfig, deletable, tenantUuid, extra, revision);
  }

  public Config withTransient(boolean value) {
    return new Config(id, parentIds, rawConfig, role, value, deletable, tenantUuid, extra, revision);
  }

  public Config withRole(String newRole) {
    return new Config(id, parentIds, rawConfig, newRole, transientConfig, deletable, tenantUuid, extra, revision);
  }

  public Config withDeletable(boolean value) {
    return new Config(id, parentIds, rawConfig, role, transientConfig, value, tenantUuid, extra, revision);
  }

  public Config withExtra(Map<String, Object> newExtra) {
    return new Config(id, parentIds, rawConfig, role, transientConfig, deletable, tenantUuid, newExtra, revision);
  }
}
