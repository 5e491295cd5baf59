package io.autoprovd.core.plugin;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One identification rule of a pack: a regex over one part of a request, whose named groups
 * ({@code mac}, {@code sn}, {@code uuid}, {@code model}, {@code version}) say who is asking.
 *
 * @param fixed values set when the rule matches, for fields the regex does not capture
 * @param withoutUserAgent only applies to requests that carry no User-Agent
 */
public record IdentifyRule(
    Source source, Pattern pattern, Map<String, String> fixed, boolean withoutUserAgent) {

  /** Longer inputs are never matched: a hostile User-Agent cannot make a regex run long. */
  public static final int MAX_INPUT = 1024;

  /** Which part of a request the rule reads. */
  public enum Source {
    USER_AGENT,
    /** HTTP path (without the leading slash) or TFTP file name. */
    PATH,
    TFTP,
    DHCP_VENDOR_CLASS
  }

  public IdentifyRule {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pattern, "pattern");
    fixed = fixed == null ? Map.of() : Map.copyOf(fixed);
  }

  /** What the input says, with the pack's vendor; empty when the rule does not match. */
  public Optional<DeviceInfo> apply(String input, String vendor) {
    if (input == null || input.length() > MAX_INPUT) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(input);
    if (!m.find()) {
      return Optional.empty();
    }
    String macText = group(m, "mac", fixed.get("mac"));
    Mac mac = macText == null ? null : Mac.tryParse(macText).orElse(null);
    return Optional.of(new DeviceInfo(
        mac,
        group(m, "sn", fixed.get("sn")),
        group(m, "uuid", fixed.get("uuid")),
        fixed.getOrDefault("vendor", vendor),
        group(m, "model", fixed.get("model")),
        group(m, "version", fixed.get("version")),
        null));
  }

  private String group(Matcher m, String name, String fallback) {
    if (!pattern.pattern().contains("(?<" + name + ">")) {
      return fallback;
    }
    String value = m.group(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
