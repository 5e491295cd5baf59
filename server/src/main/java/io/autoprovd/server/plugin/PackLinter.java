package io.autoprovd.server.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.autoprovd.core.config.RawConfigDefaults;
import io.autoprovd.core.config.RawConfigSchema;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.document.Documents;
import io.autoprovd.core.plugin.FeatureMatrix;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.plugin.PluginPackException;
import io.autoprovd.core.provisioning.TemplateContext;
import io.autoprovd.core.template.JinjavaTemplateEngine;
import io.autoprovd.core.template.RenderException;
import io.autoprovd.core.template.TemplateEngine;
import io.autoprovd.core.tenant.Tenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * {@code autoprovd plugin check}: everything that can be known about a pack without a phone.
 *
 * <ul>
 *   <li>the descriptor loads (schema, regexes compile, templates and static files exist), and has
 *       no key the reader would ignore;
 *   <li>identification rules capture only groups the server reads;
 *   <li>every templated file renders for every model and every {@link SampleConfigs sample config};
 *   <li>XML outputs are well-formed;
 *   <li>a file that carries a password is declared {@code sensitive};
 *   <li>every model's feature matrix is filled with legend values;
 *   <li>the golden files under {@code tests/} match, when the pack has them.
 * </ul>
 */
public final class PackLinter {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_LEVEL = Set.of(
      "id", "version", "vendor", "description", "sync", "identify", "models", "files", "packages");
  private static final Set<String> FILE_KEYS = Set.of("path", "scope", "template", "file", "sensitive", "trigger");
  private static final Set<String> GROUPS = Set.of("mac", "sn", "uuid", "model", "version");
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final String TEST_MAC = "00:00:5e:00:53:01"; // RFC 7042 documentation MAC

  /** What a check found: problems fail it; notes only inform. */
  public record Report(List<String> problems, List<String> notes) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final TemplateEngine engine;
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private PackLinter(TemplateEngine engine) {
    this.engine = engine;
  }

  /** Checks the pack in {@code dir}. */
  public static Report check(Path dir) {
    return new PackLinter(new JinjavaTemplateEngine()).run(dir, false);
  }

  /** Checks the pack, writing its golden files from the current templates instead of comparing. */
  public static Report updateGolden(Path dir) {
    return new PackLinter(new JinjavaTemplateEngine()).run(dir, true);
  }

  private Report run(Path dir, boolean updateGolden) {
    PluginPack pack;
    try {
      pack = PluginPack.load(dir);
    } catch (PluginPackException e) {
      problems.add(e.getMessage());
      return report();
    }
    unknownKeys(dir);
    rules(pack);
    if (pack.models().isEmpty()) {
      problems.add("models: none declared; list every model the pack supports, with its feature matrix");
    }
    if (pack.files().stream().noneMatch(f -> f.scope() == FileEntry.Scope.DEVICE)) {
      problems.add("files: no device-scope file; a phone needs at least its own configuration");
    }
    render(pack);
    pack.models().values().forEach(model -> problems.addAll(FeatureMatrix.problems(model)));
    golden(pack, dir, updateGolden);
    notes.add(pack.id() + " " + pack.version() + ": " + pack.models().size() + " models, " + pack.files().size()
        + " files, " + pack.packages().size() + " packages");
    return report();
  }

  private Report report() {
    return new Report(List.copyOf(problems), List.copyOf(notes));
  }

  private void unknownKeys(Path dir) {
    try {
      JsonNode root = YAML.readTree(dir.resolve("plugin.yml").toFile());
      root.properties().forEach(e -> {
        if (!TOP_LEVEL.contains(e.getKey())) {
          problems.add(e.getKey() + ": unknown key (known: " + String.join(", ", TOP_LEVEL.stream().sorted().toList()) + ")");
        }
      });
      JsonNode files = root.path("files");
      for (int i = 0; i < files.size(); i++) {
        int index = i;
        files.get(i).properties().forEach(e -> {
          if (!FILE_KEYS.contains(e.getKey())) {
            problems.add("files." + index + "." + e.getKey() + ": unknown key");
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void rules(PluginPack pack) {
    for (int i = 0; i < pack.rules().size(); i++) {
      IdentifyRule rule = pack.rules().get(i);
      Matcher m = NAMED_GROUP.matcher(rule.pattern().pattern());
      while (m.find()) {
        if (!GROUPS.contains(m.group(1))) {
          problems.add("identify." + i + ": group " + m.group(1) + " is not read (use mac, sn, uuid, model, version)");
        }
      }
    }
    if (pack.rules().isEmpty()) {
      problems.add("identify: no rule; the server cannot recognise the pack's phones");
    }
  }

  private void render(PluginPack pack) {
    var models = pack.models().isEmpty() ? List.of((ModelSpec) null) : List.copyOf(pack.models().values());
    int renders = 0;
    for (int i = 0; i < pack.files().size(); i++) {
      FileEntry entry = pack.files().get(i);
      String where = "files." + i + " (" + entry.path() + ")";
      switch (entry.scope()) {
        case STATIC, PACKAGE -> { }
        case COMMON -> {
          var output = render(pack, entry, null, SampleConfigs.base(), where + " common");
          if (output != null) {
            renders++;
            wellFormed(entry, output, where);
          }
        }
        case DEVICE -> {
          boolean secret = false;
          for (ModelSpec model : models) {
            for (var sample : SampleConfigs.all().entrySet()) {
              String label = where + " for " + (model == null ? "no model" : model.name()) + " with " + sample.getKey();
              var output = render(pack, entry, device(pack, model), sample.getValue(), label);
              if (output != null) {
                renders++;
                wellFormed(entry, output, label);
                secret |= output.contains(SampleConfigs.SECRET);
              }
            }
          }
          if (secret && !entry.sensitive()) {
            problems.add(where + ": carries passwords but is not declared sensitive: true");
          }
        }
      }
    }
    notes.add(renders + " renderings checked");
  }

  private String render(PluginPack pack, FileEntry entry, Device device, Map<String, Object> raw, String label) {
    try {
      var problemsInConfig = RawConfigSchema.validateMerged(RawConfigDefaults.apply(raw));
      if (!problemsInConfig.isEmpty()) {
        throw new IllegalStateException("sample config invalid: " + problemsInConfig);
      }
      Map<String, Object> context = device == null
          ? TemplateContext.forCommon(pack, raw) : TemplateContext.forDevice(pack, device, raw);
      return engine.render(pack::template, entry.template(), context);
    } catch (RenderException e) {
      problems.add(label + ": does not render: " + e.withPlugin(pack.id()).getMessage());
      return null;
    }
  }

  private static Device device(PluginPack pack, ModelSpec model) {
    return Device.newBuilder("check", Tenant.MASTER_UUID).mac(Mac.parse(TEST_MAC)).ip("192.0.2.50")
        .vendor(pack.vendor()).model(model == null ? null : model.name()).version("1.0").plugin(pack.id())
        .build();
  }

  /** XML when the template or the path says so, or the output starts like XML. */
  private void wellFormed(FileEntry entry, String output, String label) {
    boolean xml = (entry.template() != null && entry.template().toLowerCase(Locale.ROOT).matches(".*\\.xml(\\.j2)?$"))
        || entry.path().toLowerCase(Locale.ROOT).contains("xml") || output.stripLeading().startsWith("<?xml");
    if (!xml) {
      return;
    }
    try {
      var factory = DocumentBuilderFactory.newInstance();
      // Parse only: no DTD, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      builder.parse(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
    } catch (SAXException e) {
      problems.add(label + ": XML is not well-formed: " + e.getMessage());
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code tests/fixtures/<name>.json} ({@code device} + merged {@code raw_config}) renders the
   * pack's device file into {@code tests/golden/<model>/<name>.<ext>}, byte for byte.
   */
  private void golden(PluginPack pack, Path dir, boolean update) {
    Path fixtures = dir.resolve("tests/fixtures");
    if (!Files.isDirectory(fixtures)) {
      notes.add("no golden tests (tests/fixtures)");
      return;
    }
    FileEntry entry = pack.triggerFile().filter(f -> f.scope() == FileEntry.Scope.DEVICE)
        .or(() -> pack.files().stream().filter(f -> f.scope() == FileEntry.Scope.DEVICE).findFirst()).orElse(null);
    if (entry == null) {
      return;
    }
    String ext = extension(entry.template());
    int compared = 0;
    try (Stream<Path> files = Files.list(fixtures)) {
      for (Path fixture : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = fixture.getFileName().toString().replaceFirst("\\.json$", "");
        Map<String, Object> doc = Documents.mapper().readValue(fixture.toFile(), new TypeReference<>() {});
        @SuppressWarnings("unchecked")
        var d = (Map<String, Object>) doc.getOrDefault("device", Map.of());
        @SuppressWarnings("unchecked")
        var raw = (Map<String, Object>) doc.getOrDefault("raw_config", Map.of());
        Device device = Device.newBuilder("golden-" + name, Tenant.MASTER_UUID)
            .mac(Mac.parse(String.valueOf(d.getOrDefault("mac", TEST_MAC))))
            .ip((String) d.get("ip")).vendor(pack.vendor()).model((String) d.get("model"))
            .version((String) d.get("version")).plugin(pack.id()).build();
        String output = render(pack, entry, device, raw, "tests/fixtures/" + name + ".json");
        if (output == null) {
          continue;
        }
        Path golden = dir.resolve("tests/golden").resolve(String.valueOf(device.model())).resolve(name + "." + ext);
        if (update) {
          Files.createDirectories(golden.getParent());
          Files.writeString(golden, output, StandardCharsets.UTF_8);
        } else if (!Files.isRegularFile(golden)) {
          problems.add(dir.relativize(golden) + ": missing (write it with plugin check --update-golden)");
        } else if (!Files.readString(golden, StandardCharsets.UTF_8).equals(output)) {
          problems.add(dir.relativize(golden) + ": differs from the rendering of " + dir.relativize(fixture));
        }
        compared++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    notes.add(compared + " golden files " + (update ? "written" : "compared"));
  }

  static String extension(String template) {
    String name = template.endsWith(".j2") ? template.substring(0, template.length() - 3) : template;
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "out" : name.substring(dot + 1);
  }
}
