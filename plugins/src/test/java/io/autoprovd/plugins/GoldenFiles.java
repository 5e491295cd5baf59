package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.FileEntry;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.provisioning.TemplateContext;
import io.autoprovd.core.template.JinjavaTemplateEngine;
import io.autoprovd.core.template.TemplateEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import java.util.stream.Stream;

/**
 * Renders a pack's templates from fixtures and compares them byte for byte with golden files
 * (STYLE.md §8.9). {@code -Dgolden.update=true} rewrites the golden files instead; review the
 * diff like code.
 *
 * <p>A fixture is {@code src/test/resources/<pack>/fixtures/<name>.json}: {@code device}
 * ({@code mac}, {@code model}, {@code version}, {@code ip}) and the merged {@code raw_config}
 * (before the defaults of config-model.md §4.6, which {@link TemplateContext} applies). Its golden
 * file is {@code src/test/golden/<pack>/<model>/<name>.<ext>} where {@code ext} is the extension
 * of the device file's path pattern.
 */
final class GoldenFiles {

  static final TemplateEngine ENGINE = new JinjavaTemplateEngine();
  static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Fixture(String name, Device device, Map<String, Object> rawConfig) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final String packId;
  final PluginPack pack;

  GoldenFiles(String packId) {
    this.packId = packId;
    this.pack = PluginPack.load(Path.of("src/main/packs", packId));
  }

  List<Fixture> fixtures() {
    Path dir = Path.of("src/test/resources", packId, "fixtures");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().map(this::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Fixture read(Path file) {
    try {
      Map<String, Object> doc = JSON.readValue(file.toFile(), Map.class);
      Map<String, Object> d = (Map<String, Object>) doc.get("device");
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      Device device = Device.newBuilder("dev-" + name, "00000000-0000-4000-8000-000000000001")
          .mac(Mac.parse((String) d.get("mac")))
          .ip((String) d.get("ip"))
          .vendor(pack.vendor())
          .model((String) d.get("model"))
          .version((String) d.get("version"))
          .plugin(pack.id())
          .options((Map<String, Object>) d.getOrDefault("options", Map.of()))
          .build();
      return new Fixture(name, device, (Map<String, Object>) doc.get("raw_config"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Fixture fixture(String name) {
    return fixtures().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no fixture " + name + " in " + packId));
  }

  /** What the first of the pack's rules reading {@code source} says of {@code input}. */
  Optional<DeviceInfo> identify(IdentifyRule.Source source, String input) {
    return identify(pack, source, input);
  }

  static Optional<DeviceInfo> identify(PluginPack pack, IdentifyRule.Source source, String input) {
    for (IdentifyRule rule : pack.rules()) {
      if (rule.source() == source) {
        var found = rule.apply(input, pack.vendor());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** A rendered XML file as a DOM (namespace-aware, no DTD); malformed XML fails the test. */
  static Document parseXml(String xml) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException(e);
    } catch (SAXException e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
    }
  }

  String render(FileEntry entry, Fixture fixture) {
    return render(entry, Map.of(), fixture);
  }

  /** Renders the file the pack serves at {@code path} (relative, as a phone asks for it). */
  String render(String path, Fixture fixture) {
    FileEntry.PathMatch match = pack.route(path)
        .orElseThrow(() -> new AssertionError(pack.id() + " serves no file " + path));
    return render(match.entry(), match.vars(), fixture);
  }

  private String render(FileEntry entry, Map<String, String> pathVars, Fixture fixture) {
    Map<String, Object> context = entry.scope() == FileEntry.Scope.DEVICE
        ? TemplateContext.forDevice(pack, fixture.device(), fixture.rawConfig(), pathVars)
        : TemplateContext.forCommon(pack, fixture.rawConfig(), pathVars);
    return ENGINE.render(pack::template, entry.template(), context);
  }

  /** Compares with (or, with {@code -Dgolden.update=true}, writes) the golden file. */
  void assertGolden(Fixture fixture, String ext, String rendered) {
    Path golden = Path.of("src/test/golden", packId, fixture.device().model(), fixture.name() + "." + ext);
    try {
      if (UPDATE) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        return;
      }
      assertThat(golden).as("golden file %s (create it with -Dgolden.update=true)", golden).exists();
      assertThat(rendered).as("rendering of %s differs from %s", fixture.name(), golden)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
