package io.autoprovd.server.plugin;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.plugin.FeatureMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code autoprovd plugin new}: a pack for a phone nobody supports yet, which loads, passes {@code
 * plugin check}, and provisions one SIP line out of the box, so the work left is the vendor's
 * real parameter names (new-phone guide, step 9). Writes {@code plugin.yml}, a per-device XML
 * template, a common file, and a golden-test skeleton under {@code tests/}.
 */
public final class PackScaffold {
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private PackScaffold() {}

  /** The pack id a vendor name gives: lower case, runs of other characters as one dash. */
  public static String idFor(String vendor) {
    String id = vendor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("vendor: needs at least one letter or digit");
    }
    return id.length() > 64 ? id.substring(0, 64) : id;
  }

  /**
   * Writes a new pack into {@code dir} (created; must not hold a {@code plugin.yml} yet).
   *
   * @return the pack's id
   */
  public static String create(String vendor, List<String> models, Path dir) {
    if (vendor == null || vendor.isBlank()) {
      throw new IllegalArgumentException("vendor: required");
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("model: at least one");
    }
    for (String model : models) {
      if (!MODEL.matcher(model).matches()) {
        throw new IllegalArgumentException("model: must match " + MODEL.pattern() + ", got " + model);
      }
    }
    String id = idFor(vendor);
    try {
      if (Files.exists(dir.resolve("plugin.yml"))) {
        throw new IllegalArgumentException(dir + " already holds a pack (plugin.yml)");
      }
      Files.createDirectories(dir.resolve("templates"));
      Files.createDirectories(dir.resolve("static"));
      Files.createDirectories(dir.resolve("tests/fixtures"));
      write(dir.resolve("plugin.yml"), descriptor(id, vendor.strip(), models));
      write(dir.resolve("templates/device.xml.j2"), DEVICE_TEMPLATE);
      write(dir.resolve("templates/common.cfg.j2"), COMMON_TEMPLATE);
      write(dir.resolve("tests/fixtures/one-line.json"), fixture(models.getFirst()));
      write(dir.resolve("README.md"), readme(id, vendor.strip(), models));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var report = PackLinter.updateGolden(dir);
    if (!report.ok()) {
      throw new IllegalStateException("the new pack does not pass its own check: " + report.problems());
    }
    return id;
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String descriptor(String id, String vendor, List<String> models) {
    String vendorRegex = vendor.replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1").replace(" ", "\\s+");
    String modelAlternatives = String.join("|", models.stream()
        .map(m -> m.replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1")).toList());
    var sb = new StringBuilder();
    sb.append("""
        # %s phones — made by `autoprovd plugin new`. What to do next is in README.md.
        id: %s
        version: 0.1.0
        vendor: %s
        description: %s
        sync:
          event: check-sync            # the SIP NOTIFY event that makes the phone fetch again: see the admin guide

        identify:
          # The User-Agent the phone sends: `autoprovd plugin discovered` shows the real one.
          # Groups read: mac, sn, uuid, model, version.
          - user_agent: '^%s[\\s/_-]+(?<model>%s)[\\s/_-]+(?<version>[\\w.]+)(?:.*?(?<mac>(?:[0-9A-Fa-f]{2}[:-]?){5}[0-9A-Fa-f]{2}))?'

        # lines = SIP accounts; function_keys = programmable keys. features = the guide's matrix:
        # Y supported, N not supported, NT not tested, NYT not yet tested, HK hard key, SK soft key,
        # FK function key, MN menu; funckeys is a count.
        models:
        """.formatted(vendor, id, yamlString(vendor),
            yamlString(vendor + " " + String.join(", ", models) + " (new pack, not yet tested on a phone)"),
            vendorRegex.replace("'", "''"), modelAlternatives.replace("'", "''")));
    for (String model : models) {
      sb.append("  ").append(yamlKey(model)).append(":\n");
      sb.append("    lines: 1\n");
      sb.append("    function_keys: 0\n");
      sb.append("    features:\n");
      for (var row : FeatureMatrix.ROWS) {
        sb.append("      ").append(row.key()).append(": ").append(row.count() ? "0" : "NYT").append('\n');
      }
    }
    sb.append("""

        files:
          - path: '{mac}\\.xml'          # the per-device file, named by the MAC (lower case, no separators)
            scope: device
            template: device.xml.j2
            sensitive: true            # it holds SIP passwords
            trigger: true
          - path: '%s\\.cfg'
            scope: common
            template: common.cfg.j2
          - path: 'firmware/[\\w.()-]+'  # served from installed packages (see packages below)
            scope: package

        # Firmware and language files, installed on demand (autoprovd plugins install-package …):
        # packages:
        #   %s-fw:
        #     version: '1.0.0'
        #     description: %s firmware
        #     files:
        #       - url: https://downloads.example.com/%s-1.0.0.zip
        #         size: 12345678
        #         sha256: <64 hex digits>
        #     install:
        #       - from: %s-1.0.0.zip
        #         include: ['*.rom']
        #         to: firmware
        #         flatten: true
        """.formatted(id, models.getFirst(), models.getFirst(), models.getFirst(), models.getFirst()));
    return sb.toString();
  }

  private static String yamlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String yamlKey(String s) {
    return s.matches("[A-Za-z][A-Za-z0-9_-]*") ? s : yamlString(s);
  }

  private static String fixture(String model) {
    var doc = new LinkedHashMap<String, Object>();
    doc.put("device", Map.of("mac", "00:00:5e:00:53:01", "model", model, "version", "1.0", "ip", "192.0.2.50"));
    doc.put("raw_config", SampleConfigs.oneLine());
    try {
      return Documents.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readme(String id, String vendor, List<String> models) {
    return """
        # %s pack (`%s`)

        Made by `autoprovd plugin new` for %s. It provisions one SIP line in a generic XML file; what
        is left is the vendor's real file names and parameters (the new-phone guide's questions):

        1. Point the phone at autoprovd (DHCP option 66 or the phone's web page) and watch
           `autoprovd plugin discovered`: the User-Agent, the files it asks for, over HTTP or TFTP.
        2. Fix `identify` so the phone is recognised, and `files` so its requests are answered.
        3. Write the vendor's parameters into `templates/`; run `autoprovd plugin check .` after each
           change, and `autoprovd plugin check --update-golden .` to accept new golden files in
           `tests/golden/` (review the diff like code).
        4. Fill the feature matrix in `plugin.yml` as you test (`autoprovd plugin matrix .`).
        5. `autoprovd plugin build . --out REPO_DIR` publishes it to a repository folder.
        """.formatted(vendor, id, String.join(", ", models));
  }

  private static final String DEVICE_TEMPLATE = """
      <?xml version="1.0" encoding="UTF-8"?>
      {#
        Per-device file: one <account> per SIP line the model has. The element names are placeholders:
        replace them with the vendor's. Values pass through |e, as XML needs.
      #}
      <settings vendor="{{ plugin.vendor|e }}" model="{{ device.model|d('')|e }}" mac="{{ device.mac|d('')|e }}">
        <provisioning url="{{ XX_server_url|e }}/"/>
      {% for line in sip_lines|by_position if line.position <= (model.lines|d(1)) %}
      {% set l = effective_line(line) %}
        <account index="{{ line.position }}">
          <display_name>{{ l.display_name|d('')|e }}</display_name>
          <user>{{ l.username|d('')|e }}</user>
          <auth_user>{{ l.auth_username|d('')|e }}</auth_user>
          <password>{{ l.password|d('')|e }}</password>
          <registrar>{{ l.registrar_ip|d('')|e }}</registrar>
          <registrar_port>{{ l.registrar_port|d(5060) }}</registrar_port>
          <proxy>{{ l.proxy_ip|d('')|e }}</proxy>
          <transport>{{ l.transport|d('udp')|e }}</transport>
          <dtmf>{{ l.dtmf_mode|d('')|e }}</dtmf>
        </account>
      {% endfor %}
      {% if ntp_enabled and ntp_ip is defined and ntp_ip %}
        <ntp server="{{ ntp_ip|e }}"/>
      {% endif %}
      {% set tz = tz_info(timezone) if timezone is defined else (none) %}
      {% if tz %}
        <timezone name="{{ tz.name|e }}" offset="{{ tz.utc_offset }}"/>
      {% endif %}
      {% if locale is defined and locale %}
        <language>{{ locale|e }}</language>
      {% endif %}
      </settings>
      """;

  private static final String COMMON_TEMPLATE = """
      # {{ plugin.vendor }} common file ({{ plugin.id }} {{ plugin.version }}), the same for every phone of this pack
      provisioning_url={{ XX_server_url }}/
      """;
}
