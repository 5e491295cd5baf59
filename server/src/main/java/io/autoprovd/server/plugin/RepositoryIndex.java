package io.autoprovd.server.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.core.plugin.PluginPack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A plugin repository's catalogue, {@code <plugin_server>/index.json}: one entry per pack id (the
 * version to install), each pinned by size and SHA-256. The reference's {@code plugins.db} with
 * SHA-256 in place of SHA-1 and the models beside the capabilities:
 *
 * <pre>{@code
 * {"format": 1, "plugins": {"yealink": {"version": "1.1.0", "vendor": "Yealink", "description": "…",
 *   "models": {"T46S": {"lines": 16, "function_keys": 27, "features": {…}}},
 *   "capabilities": {"Yealink, T46S, *": {"lines": 16, "function_keys": 27, "protocol": "sip"}},
 *   "dsize": 12345, "sha256": "…", "filename": "yealink-1.1.0.tar.gz"}}}
 * }</pre>
 *
 * Immutable. Entries that do not parse are left out and named in {@link #problems()}.
 */
record RepositoryIndex(Map<String, Entry> entries, List<String> problems) {
  static final int FORMAT = 1;
  static final RepositoryIndex EMPTY = new RepositoryIndex(Map.of(), List.of());
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}\\.(tar\\.gz|tgz)");

  RepositoryIndex {
    entries = Map.copyOf(entries);
    problems = List.copyOf(problems);
  }

  /**
   * One installable pack.
   *
   * @param dsize the archive's size in bytes
   * @param filename the archive's name, relative to the repository URL
   */
  record Entry(String id, String version, String vendor, String description, Map<String, Object> models,
      Map<String, Object> capabilities, long dsize, String sha256, String filename) {
    Entry {
      models = Documents.freeze(models);
      capabilities = Documents.freeze(capabilities);
    }

    /** The entry as the index writes it (and {@code installable} lists it, without the file name). */
    Map<String, Object> toJson(boolean withFilename) {
      var json = new LinkedHashMap<String, Object>();
      json.put("version", version);
      json.put("vendor", vendor);
      json.put("description", description);
      json.put("models", models);
      json.put("capabilities", capabilities);
      json.put("dsize", dsize);
      json.put("sha256", sha256);
      if (withFilename) {
        json.put("filename", filename);
      }
      return json;
    }

    /** The index entry for a built archive of {@code pack}. */
    static Entry of(PluginPack pack, long size, String sha256, String filename) {
      var models = new TreeMap<String, Object>();
      var capabilities = new TreeMap<String, Object>();
      pack.models().forEach((name, model) -> {
        models.put(name, modelJson(model));
        capabilities.put(pack.vendor() + ", " + name + ", *", capability(model));
      });
      return new Entry(pack.id(), pack.version(), pack.vendor(), pack.description(), models, capabilities, size,
          sha256, filename);
    }
  }

  /** The model as an index lists it: counts, expansion, free properties, features. */
  static Map<String, Object> modelJson(ModelSpec model) {
    var json = new LinkedHashMap<String, Object>();
    json.put("lines", model.lines());
    json.put("function_keys", model.functionKeys());
    model.properties().forEach(json::put);
    json.put("features", model.features());
    return json;
  }

  /** plugins-and-packages.md §3: the reference's capability object, from what a model declares. */
  static Map<String, Object> capability(ModelSpec model) {
    var json = new LinkedHashMap<String, Object>();
    json.put("lines", model.lines());
    json.put("function_keys", model.functionKeys());
    if (model.properties().get("expansion") instanceof Map<?, ?> expansion && expansion.get("modules") != null) {
      json.put("expansion_modules", expansion.get("modules"));
    }
    Object ha = model.features().get("ha");
    if (ha != null) {
      json.put("high_availability", "Y".equals(String.valueOf(ha)));
    }
    json.put("protocol", "sip");
    return json;
  }

  Optional<Entry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  RepositoryIndex with(Entry entry) {
    var copy = new LinkedHashMap<>(entries);
    copy.put(entry.id(), entry);
    return new RepositoryIndex(copy, problems);
  }

  String toJson() {
    var plugins = new TreeMap<String, Object>();
    entries.forEach((id, e) -> plugins.put(id, e.toJson(true)));
    var root = new LinkedHashMap<String, Object>();
    root.put("format", FORMAT);
    root.put("plugins", plugins);
    try {
      return Documents.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses an index; an entry with a bad field is left out with a problem naming it.
   *
   * @throws InstallException when the text is not an index at all
   */
  @SuppressWarnings("unchecked")
  static RepositoryIndex parse(String json) {
    Map<String, Object> root;
    try {
      root = Documents.parseObject(json);
    } catch (RuntimeException e) {
      throw new InstallException("the repository index is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !(root.get("plugins") instanceof Map<?, ?> plugins)) {
      throw new InstallException("the repository index has no \"plugins\" object");
    }
    if (root.get("format") instanceof Number n && n.intValue() > FORMAT) {
      throw new InstallException("the repository index is in format " + n + "; this autoprovd reads format " + FORMAT);
    }
    var entries = new LinkedHashMap<String, Entry>();
    var problems = new ArrayList<String>();
    ((Map<String, Object>) plugins).forEach((id, value) -> {
      try {
        entries.put(id, entry(id, value));
      } catch (IllegalArgumentException e) {
        problems.add(id + ": " + e.getMessage());
      }
    });
    return new RepositoryIndex(entries, problems);
  }

  @SuppressWarnings("unchecked")
  private static Entry entry(String id, Object value) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match " + ID.pattern());
    }
    if (!(value instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException("not an object");
    }
    var e = (Map<String, Object>) raw;
    String version = text(e, "version", true);
    String sha256 = text(e, "sha256", true);
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256: must be 64 lower-case hex digits");
    }
    String filename = text(e, "filename", true);
    if (!FILENAME.matcher(filename).matches()) {
      throw new IllegalArgumentException("filename: must be a plain .tar.gz file name, got " + filename);
    }
    if (!(e.get("dsize") instanceof Number size) || size.longValue() < 0) {
      throw new IllegalArgumentException("dsize: required, the archive's size in bytes");
    }
    return new Entry(id, version, text(e, "vendor", false), text(e, "description", false),
        e.get("models") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
        e.get("capabilities") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of(),
        size.longValue(), sha256, filename);
  }

  private static String text(Map<String, Object> e, String key, boolean required) {
    Object v = e.get(key);
    if (v == null && required) {
      throw new IllegalArgumentException(key + ": required");
    }
    return v == null ? null : v.toString();
  }
}
