package io.autoprovd.core.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of a pack's file table: which request paths it answers and how their bytes are made.
 *
 * @param path the path pattern as written in {@code plugin.yml}
 * @param template template name under {@code templates/} (device and common scopes)
 * @param file file name under {@code static/} (static scope), or under the plugin's package
 *     folder (package scope; null = the requested path itself)
 * @param sensitive the file carries secrets: fetching it is written to the security log
 * @param trigger fetching it means "the phone has its current config"
 * @param groupNames the named groups of {@code compiled}, read once here rather than per request
 */
public record FileEntry(
    String path, Scope scope, String template, String file, boolean sensitive, boolean trigger,
    Pattern compiled, List<String> groupNames) {

  /** How the bytes of a file are made. */
  public enum Scope {
    /** Rendered per device from its merged raw config. */
    DEVICE,
    /** Rendered once per pack from the base raw config. */
    COMMON,
    /** Served byte for byte from the pack's {@code static/} folder. */
    STATIC,
    /**
     * Served byte for byte from the plugin's installed packages (firmware, language files): a file
     * an operator installed, kept outside the pack's folder so an upgrade keeps it.
     */
    PACKAGE
  }

  public FileEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(compiled, "compiled");
    groupNames = List.copyOf(groupNames);
  }

  public FileEntry(String path, Scope scope, String template, String file, boolean sensitive, boolean trigger,
      Pattern compiled) {
    this(path, scope, template, file, sensitive, trigger, compiled, List.copyOf(compiled.namedGroups().keySet()));
  }

  /** Compiles the {@code plugin.yml} pattern: {@code {mac}}/{@code {MAC}} become MAC groups. */
  static Pattern compile(String path) {
    String regex = path.replace("{mac}", "(?<mac>[0-9a-f]{12})").replace("{MAC}", "(?<mac>[0-9A-F]{12})");
    return Pattern.compile(regex);
  }

  /** The match of a request path (relative, no leading slash), if this entry answers it. */
  public Optional<PathMatch> match(String requestPath) {
    Matcher m = compiled.matcher(requestPath);
    if (!m.matches()) {
      return Optional.empty();
    }
    String mac = null;
    Map<String, String> vars = Map.of();
    for (String name : groupNames) {
      String value = m.group(name);
      if (name.equals("mac")) {
        mac = value;
      } else if (value != null) {
        if (vars.isEmpty()) {
          vars = new LinkedHashMap<>();
        }
        vars.put(name, value);
      }
    }
    return Optional.of(new PathMatch(this, mac, vars));
  }

  /**
   * A matched entry, the MAC the path names if any (12 hex digits as written), and the path's
   * other named groups ({@code snom(?<model>\w+)\.htm} → {@code model}), which templates see as
   * {@code path.<name>}: one template can serve a file per model.
   */
  public record PathMatch(FileEntry entry, String macInPath, Map<String, String> vars) {
    public PathMatch {
      vars = Map.copyOf(vars);
    }
  }
}
