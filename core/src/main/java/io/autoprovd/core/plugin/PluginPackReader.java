package io.autoprovd.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** Parses {@code plugin.yml} into a {@link PluginPack}, collecting every problem before failing. */
final class PluginPackReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final long MAX_TEMPLATE_BYTES = 1 << 20;

  private final Path dir;
  private final List<String> problems = new ArrayList<>();

  private PluginPackReader(Path dir) {
    this.dir = dir;
  }

  static PluginPack read(Path dir) {
    return new PluginPackReader(dir).read();
  }

  private PluginPack read() {
    Path descriptor = dir.resolve("plugin.yml");
    JsonNode root;
    try {
      root = YAML.readTree(descriptor.toFile());
    } catch (IOException e) {
      throw new PluginPackException(descriptor + ": cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new PluginPackException(descriptor + ": not a YAML mapping");
    }
    String id = text(root, "id", true);
    if (id != null && !ID.matcher(id).matches()) {
      problems.add("id: must match " + ID.pattern());
    }
    String version = text(root, "version", true);
    String vendor = text(root, "vendor", true);
    String description = text(root, "description", false);
    String syncEvent = root.path("sync").path("event").asText("check-sync");
    List<IdentifyRule> rules = rules(root.path("identify"));
    Map<String, ModelSpec> models = models(root.path("models"));
    Map<String, String> templates = templates();
    List<FileEntry> files = files(root.path("files"), templates);
    Map<String, PackageSpec> packages = packages(root.path("packages"));
    if (!problems.isEmpty()) {
      throw new PluginPackException(
          "plugin pack " + dir + " is invalid:\n  " + String.join("\n  ", problems));
    }
    return new PluginPack(id, version, vendor, description, syncEvent, rules, models, files, templates, dir, packages);
  }

  private String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.add(field + ": required");
      }
      return null;
    }
    if (!value.isValueNode()) {
      problems.add(field + ": must be a string");
      return null;
    }
    return value.asText();
  }

  private List<IdentifyRule> rules(JsonNode node) {
    var rules = new ArrayList<IdentifyRule>();
    if (node.isMissingNode() || node.isNull()) {
      return rules;
    }
    if (!node.isArray()) {
      problems.add("identify: must be a list");
      return rules;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode rule = node.get(i);
      String where = "identify." + i;
      var sources = new LinkedHashMap<IdentifyRule.Source, String>();
      for (var source : IdentifyRule.Source.values()) {
        JsonNode v = rule.get(source.name().toLowerCase(Locale.ROOT));
        if (v != null && v.isTextual()) {
          sources.put(source, v.asText());
        }
      }
      if (sources.size() != 1) {
        problems.add(where + ": needs exactly one of user_agent, path, tftp, dhcp_vendor_class");
        continue;
      }
      var entry = sources.entrySet().iterator().next();
      Pattern pattern = compile(where + "." + entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue());
      var fixed = new HashMap<String, String>();
      rule.path("set").properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          fixed.put(e.getKey(), e.getValue().asText());
        }
      });
      if (pattern != null) {
        rules.add(new IdentifyRule(entry.getKey(), pattern, fixed, rule.path("without_user_agent").asBoolean(false)));
      }
    }
    return rules;
  }

  private Pattern compile(String where, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(where + ": invalid regex: " + e.getDescription());
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, ModelSpec> models(JsonNode node) {
    var models = new LinkedHashMap<String, ModelSpec>();
    if (!node.isObject()) {
      if (!node.isMissingNode()) {
        problems.add("models: must be a mapping");
      }
      return models;
    }
    node.properties().forEach(e -> {
      String name = e.getKey();
      JsonNode m = e.getValue();
      try {
        Map<String, Object> properties = m.has("properties")
            ? YAML.convertValue(m.get("properties"), Map.class) : Map.of();
        var extra = Documents.mutableCopy(properties);
        if (m.has("expansion")) {
          extra.put("expansion", YAML.convertValue(m.get("expansion"), Map.class));
        }
        Map<String, Object> features = m.has("features")
            ? YAML.convertValue(m.get("features"), Map.class) : Map.of();
        models.put(name, new ModelSpec(name, m.path("lines").asInt(1), m.path("function_keys").asInt(0), extra, features));
      } catch (IllegalArgumentException ex) {
        problems.add(ex.getMessage());
      }
    });
    return models;
  }

  private List<FileEntry> files(JsonNode node, Map<String, String> templates) {
    var files = new ArrayList<FileEntry>();
    if (!node.isArray()) {
      problems.add("files: must be a list");
      return files;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode f = node.get(i);
      String where = "files." + i;
      String path = f.path("path").asText(null);
      if (path == null) {
        problems.add(where + ".path: required");
        continue;
      }
      FileEntry.Scope scope;
      try {
        // Locale.ROOT: in a Turkish locale "device".toUpperCase() is "DEVİCE", which is no scope.
        scope = FileEntry.Scope.valueOf(f.path("scope").asText("").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(where + ".scope: must be one of device, common, static, package");
        continue;
      }
      String template = f.path("template").asText(null);
      String file = f.path("file").asText(null);
      switch (scope) {
        case DEVICE, COMMON -> {
          if (template == null) {
            problems.add(where + ".template: required for scope " + scope.name().toLowerCase(Locale.ROOT));
          } else if (!templates.containsKey(template)) {
            problems.add(where + ".template: no such template: " + template);
          }
        }
        case STATIC -> {
          if (file == null) {
            problems.add(where + ".file: required for scope static");
          } else if (!isInside(dir.resolve("static"), file)) {
            problems.add(where + ".file: no such regular file under static/: " + file);
          }
        }
        case PACKAGE -> {
          // The file exists only once an operator installs the package: only its form is checked.
          if (file != null && !isRelative(file)) {
            problems.add(where + ".file: must be a relative path without . or .. segments: " + file);
          }
        }
      }
      Pattern compiled;
      try {
        compiled = FileEntry.compile(path);
      } catch (PatternSyntaxException e) {
        problems.add(where + ".path: invalid pattern: " + e.getDescription());
        continue;
      }
      files.add(new FileEntry(path, scope, template, file, f.path("sensitive").asBoolean(false),
          f.path("trigger").asBoolean(false), compiled));
    }
    return files;
  }

  /** A relative path of plain segments: no absolute path, no {@code .} or {@code ..}, no backslash. */
  static boolean isRelative(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
        || path.indexOf(':') >= 0) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private Map<String, PackageSpec> packages(JsonNode node) {
    var packages = new LinkedHashMap<String, PackageSpec>();
    if (node.isMissingNode() || node.isNull()) {
      return packages;
    }
    if (!node.isObject()) {
      problems.add("packages: must be a mapping of package id to package");
      return packages;
    }
    node.properties().forEach(e -> {
      String id = e.getKey();
      String where = "packages." + id;
      JsonNode p = e.getValue();
      int before = problems.size();
      if (!PackageSpec.ID.matcher(id).matches()) {
        problems.add(where + ": id must match " + PackageSpec.ID.pattern());
      }
      if (!p.isObject()) {
        problems.add(where + ": must be a mapping");
        return;
      }
      String version = p.path("version").isValueNode() ? p.get("version").asText() : null;
      if (version == null || version.isBlank()) {
        problems.add(where + ".version: required");
      }
      var files = packageFiles(where, p.path("files"));
      var steps = installSteps(where, p.path("install"), files);
      if (problems.size() == before) {
        packages.put(id, new PackageSpec(id, version, p.path("description").asText(""), files, steps));
      }
    });
    return packages;
  }

  private List<PackageSpec.PackageFile> packageFiles(String where, JsonNode node) {
    var files = new ArrayList<PackageSpec.PackageFile>();
    if (!node.isArray() || node.isEmpty()) {
      problems.add(where + ".files: required, a list of {url, size, sha256}");
      return files;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode f = node.get(i);
      String at = where + ".files." + i;
      String urlText = f.path("url").asText("").strip();
      java.net.URI url = null;
      if (!urlText.isEmpty()) {
        try {
          url = new java.net.URI(urlText);
          if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            problems.add(at + ".url: must be an http:// or https:// URL: " + urlText);
          }
        } catch (java.net.URISyntaxException ex) {
          problems.add(at + ".url: not a URL: " + ex.getMessage());
        }
      }
      String name = f.path("name").asText(null);
      if (name == null && url != null && url.getPath() != null) {
        name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
      }
      if (name == null || name.isEmpty() || name.contains("/") || !isRelative(name)) {
        problems.add(at + ".name: required (a file name without /) when the url does not end with one");
        continue;
      }
      long size = f.path("size").canConvertToLong() && f.path("size").isIntegralNumber() ? f.get("size").asLong() : -1;
      if (size < 0) {
        problems.add(at + ".size: required, the file's size in bytes");
      }
      String sha256 = f.path("sha256").asText("").toLowerCase(Locale.ROOT);
      if (!PackageSpec.SHA256.matcher(sha256).matches()) {
        problems.add(at + ".sha256: required, 64 hex digits");
      }
      if (size >= 0) {
        files.add(new PackageSpec.PackageFile(name, url, size, sha256));
      }
    }
    return files;
  }

  private List<PackageSpec.InstallStep> installSteps(String where, JsonNode node, List<PackageSpec.PackageFile> files) {
    var steps = new ArrayList<PackageSpec.InstallStep>();
    if (node.isMissingNode() || node.isNull()) {
      return steps;
    }
    if (!node.isArray()) {
      problems.add(where + ".install: must be a list of {from, unpack, include, to, flatten}");
      return steps;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      String at = where + ".install." + i;
      String from = s.path("from").asText(null);
      if (from == null || files.stream().noneMatch(f -> f.name().equals(from))) {
        problems.add(at + ".from: must name one of the package's files");
        continue;
      }
      PackageSpec.Unpack unpack = PackageSpec.Unpack.byName(from);
      if (s.has("unpack")) {
        var parsed = PackageSpec.Unpack.parse(s.get("unpack").asText());
        if (parsed.isEmpty()) {
          problems.add(at + ".unpack: must be one of none, zip, tar, tar.gz, tar.bz2");
          continue;
        }
        unpack = parsed.get();
      }
      var include = new ArrayList<String>();
      JsonNode inc = s.path("include");
      if (inc.isTextual()) {
        include.add(inc.asText());
      } else if (inc.isArray()) {
        inc.forEach(g -> include.add(g.asText()));
      }
      for (String glob : include) {
        try {
          java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException ex) {
          problems.add(at + ".include: invalid glob " + glob + ": " + ex.getMessage());
        }
      }
      String to = s.path("to").asText("").strip();
      while (to.endsWith("/")) {
        to = to.substring(0, to.length() - 1);
      }
      if (!to.isEmpty() && !isRelative(to)) {
        problems.add(at + ".to: must be a relative folder without . or .. segments: " + to);
        continue;
      }
      steps.add(new PackageSpec.InstallStep(from, unpack, include, to, s.path("flatten").asBoolean(false)));
    }
    return steps;
  }

  private static boolean isInside(Path base, String name) {
    Path resolved = base.resolve(name).normalize();
    return resolved.startsWith(base.normalize())
        && Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS);
  }

  private Map<String, String> templates() {
    Path base = dir.resolve("templates");
    var templates = new HashMap<String, String>();
    if (!Files.isDirectory(base)) {
      return templates;
    }
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String name = base.relativize(p).toString().replace('\\', '/');
        if (Files.size(p) > MAX_TEMPLATE_BYTES) {
          problems.add("templates/" + name + ": larger than 1 MiB");
          continue;
        }
        templates.put(name, Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return templates;
  }
}
