package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.PluginPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Document;

/**
 * What the Snom packs' tests share: the JDK's DOM parser for every rendered file (Snom publishes
 * no XSD for its setting files, so well-formedness and the expected elements are what is
 * checked), identification as the server runs it, and the time-zone table of the templates.
 */
final class SnomXml {
  private SnomXml() {}

  /** Parses a rendered file as the phone would: UTF-8 XML, no DTD, no external entities. */
  static Document parse(String xml) {
    return GoldenFiles.parseXml(xml);
  }

  /** The text of the element {@code name} with {@code idx} (null: without idx), if present. */
  static Optional<String> setting(Document doc, String name, String idx) {
    var nodes = doc.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) {
      var e = (org.w3c.dom.Element) nodes.item(i);
      if (idx == null ? !e.hasAttribute("idx") : idx.equals(e.getAttribute("idx"))) {
        return Optional.of(e.getTextContent());
      }
    }
    return Optional.empty();
  }

  /** The first rule of the pack that reads this source and matches, as IdentifyStep applies them. */
  static Optional<DeviceInfo> identify(PluginPack pack, IdentifyRule.Source source, String input) {
    return GoldenFiles.identify(pack, source, input);
  }

  private static final Pattern ZONE_ENTRY = Pattern.compile("'([A-Za-z_]+/[A-Za-z_/]+)': '([A-Z]+\\d?)([+-])([\\d.]+)'");

  /** The {@code time_zones} table of a pack's tables.j2: IANA zone → Snom name. */
  static Map<String, String> timeZoneTable(PluginPack pack) {
    String source = pack.template("tables.j2").orElseThrow();
    var table = new LinkedHashMap<String, String>();
    var m = ZONE_ENTRY.matcher(source);
    while (m.find()) {
      table.put(m.group(1), m.group(2) + m.group(3) + m.group(4));
    }
    return table;
  }

  /** The standard UTC offset, in hours, that a Snom time-zone name such as {@code AUS+9.5} states. */
  static double snomOffsetHours(String snomZone) {
    var m = Pattern.compile("[+-][\\d.]+$").matcher(snomZone);
    assertThat(m.find()).as(snomZone).isTrue();
    return Double.parseDouble(m.group());
  }

  /** The zone's standard (winter) offset in hours, from the JDK's rules. */
  static double standardOffsetHours(String zone) {
    return ZoneId.of(zone).getRules().getStandardOffset(Instant.parse("2026-01-15T00:00:00Z")).getTotalSeconds() / 3600.0;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
