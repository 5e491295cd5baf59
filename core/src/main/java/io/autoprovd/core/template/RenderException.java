package io.autoprovd.core.template;

import io.autoprovd.core.AutoprovdException;
import java.util.Optional;

/**
 * A template could not be rendered. Carries the template, the 1-based line (0 when unknown) and,
 * once the caller adds it with {@link #withPlugin(String)}, the plugin pack's id.
 */
public final class RenderException extends AutoprovdException {

  private final String template;
  private final int line;
  private final String pluginId;
  private final String reason;

  public RenderException(String template, int line, String reason) {
    this(template, line, reason, null, null);
  }

  public RenderException(String template, int line, String reason, Throwable cause) {
    this(template, line, reason, null, cause);
  }

  private RenderException(String template, int line, String reason, String pluginId, Throwable cause) {
    super(message(pluginId, template, line, reason), cause);
    this.template = template;
    this.line = line;
    this.reason = reason;
    this.pluginId = pluginId;
  }

  private static String message(String pluginId, String template, int line, String reason) {
    StringBuilder sb = new StringBuilder();
    if (pluginId != null) {
      sb.append(pluginId).append(':');
    }
    sb.append(template);
    if (line > 0) {
      sb.append(':').append(line);
    }
    return sb.append(": ").append(reason).toString();
  }

  /** The same failure, attributed to a plugin pack (the engine itself does not know packs). */
  public RenderException withPlugin(String pluginId) {
    return new RenderException(template, line, reason, pluginId, getCause());
  }

  public String template() {
    return template;
  }

  /** 1-based line in {@link #template()}, or 0 when the engine could not tell. */
  public int line() {
    return line;
  }

  /** What went wrong, without the location prefix. */
  public String reason() {
    return reason;
  }

  public Optional<String> pluginId() {
    return Optional.ofNullable(pluginId);
  }
}
