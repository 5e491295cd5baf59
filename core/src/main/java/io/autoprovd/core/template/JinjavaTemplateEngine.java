package io.autoprovd.core.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@link TemplateEngine} on Jinjava with a Jinja2-compatibility layer and a sandbox.
 *
 * <p>Jinja2 behaviour chosen here (docs/templates.md "Engine settings"): {@code trim_blocks} and
 * {@code lstrip_blocks} are on (a line holding only a block tag leaves no trace in the output),
 * the template's trailing newline is kept, iterating a dict gives its keys, autoescape is off.
 *
 * <p>Limits: the output (and any string built while rendering) is bounded by
 * {@link Limits#maxOutputChars()}, and the render time by {@link Limits#timeout()} (checked
 * before each template node is rendered, so a runaway loop stops within one iteration).
 *
 * <p>Thread-safe: build one and share it.
 */
public final class JinjavaTemplateEngine implements TemplateEngine {

  /** Bounds on one render. */
  public record Limits(long maxOutputChars, Duration timeout, int maxIncludeDepth) {
    public static final Limits DEFAULT = new Limits(2_000_000, Duration.ofSeconds(5), 10);

    public Limits {
      if (maxOutputChars <= 0) {
        throw new IllegalArgumentException("maxOutputChars must be positive");
      }
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      if (maxIncludeDepth < 1) {
        throw new IllegalArgumentException("maxIncludeDepth must be at least 1");
      }
    }
  }

  private static final ScopedValue<TemplateLoader> LOADER = ScopedValue.newInstance();
  private static final ScopedValue<Long> DEADLINE = ScopedValue.newInstance();

  private final Jinjava jinjava;
  private final Limits limits;

  public JinjavaTemplateEngine() {
    this(Limits.DEFAULT);
  }

  public JinjavaTemplateEngine(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withElResolver(SandboxResolver.create())
        .withTrimBlocks(true)
        .withLstripBlocks(false) // Jinjava's also strips mid-line: see lstripBlocks()
        .withKeepTrailingNewline(true)
        .withFailOnUnknownTokens(false)
        .withNestedInterpretationEnabled(false)
        .withEnableRecursiveMacroCalls(false)
        .withMaxRenderDepth(limits.maxIncludeDepth())
        .withMaxOutputSize(limits.maxOutputChars())
        .withMaxStringLength(limits.maxOutputChars())
        .withMaxListSize(100_000)
        .withMaxMapSize(100_000)
        .withRangeLimit(10_000)
        .withNodePreProcessor((node, interpreter) -> checkDeadline())
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withIterateOverMapKeys(true)
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withEvaluateMapKeys(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .build())
        .build();
    this.jinjava = new Jinjava(config);
    jinjava.setResourceLocator((name, charset, interpreter) -> {
      TemplateLoader loader = LOADER.isBound() ? LOADER.get() : n -> java.util.Optional.empty();
      return loader.load(name).map(JinjavaTemplateEngine::lstripBlocks)
          .orElseThrow(() -> new ResourceNotFoundException("no template named '" + name + "'"));
    });
    jinjava.registerTag(new CompatForTag());
    Filters.all().forEach(jinjava::registerFilter);
    register("tz_info", "tzInfo", Object.class);
    register("locale_parts", "localeParts", Object.class);
    register("lookup", "lookup", Object.class, Object.class);
    register("effective_line", "effectiveLine", Object.class);
  }

  private void register(String name, String method, Class<?>... params) {
    jinjava.registerFunction(new ELFunctionDefinition("", name, Functions.class, method, params));
  }

  public Limits limits() {
    return limits;
  }

  @Override
  public String render(TemplateLoader loader, String templateName, Map<String, Object> context) {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(templateName, "templateName");
    String source = loader.load(templateName).map(JinjavaTemplateEngine::lstripBlocks)
        .orElseThrow(() -> new RenderException(templateName, 0, "no such template"));
    Map<String, Object> copy = copyMap(context == null ? Map.of() : context);
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    RenderResult result;
    try {
      result = ScopedValue.where(LOADER, loader).where(DEADLINE, deadline)
          .call(() -> jinjava.renderForResult(source, copy));
    } catch (TimeLimitExceeded e) {
      throw new RenderException(templateName, 0, e.getMessage());
    } catch (RuntimeException e) {
      throw new RenderException(templateName, 0, "render failed: " + e, e);
    }
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw failure(templateName, error);
      }
    }
    return result.getOutput();
  }

  private static RenderException failure(String templateName, TemplateError error) {
    Throwable cause = error.getException();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TimeLimitExceeded) {
        return new RenderException(templateName, error.getLineno(), t.getMessage());
      }
    }
    String where = error.getSourceTemplate().filter(s -> !s.isBlank()).orElse(templateName);
    return new RenderException(where, Math.max(0, error.getLineno()), error.getMessage(), cause);
  }

  private static final Pattern LINE_START_BEFORE_TAG = Pattern.compile("^[ \\t]+(?=\\{[%#](?!\\+))", Pattern.MULTILINE);
  private static final Pattern PLUS_MODIFIER = Pattern.compile("\\{([%#])\\+");

  /**
   * Jinja2's {@code lstrip_blocks}: spaces and tabs between the start of a line and a block or
   * comment tag are removed, unless the tag opens with {@code +} ({@code {%+ … %}}). Jinjava's own
   * option also eats whitespace between an expression and a tag in mid-line ({@code {{ x }}
   * {% endif %}} loses its space), so the engine does it here instead. Line numbers are kept.
   */
  static String lstripBlocks(String source) {
    String stripped = LINE_START_BEFORE_TAG.matcher(source).replaceAll("");
    return PLUS_MODIFIER.matcher(stripped).replaceAll("{$1");
  }

  private static void checkDeadline() {
    if (DEADLINE.isBound() && System.nanoTime() - DEADLINE.get() > 0) {
      throw new TimeLimitExceeded();
    }
  }

  /** Thrown from inside Jinjava when a render runs past its deadline. */
  private static final class TimeLimitExceeded extends RuntimeException {
    TimeLimitExceeded() {
      super("render time limit exceeded", null, false, false);
    }
  }

  /**
   * A private, mutable copy of the context: templates may {@code append}/{@code update}
   * (Jinja2's {@code do}) without touching the caller's maps, and values that are not maps,
   * lists, strings, numbers or booleans stay opaque (the sandbox resolves nothing on them).
   */
  private static Map<String, Object> copyMap(Map<?, ?> source) {
    Map<String, Object> out = new LinkedHashMap<>();
    source.forEach((k, v) -> out.put(String.valueOf(k), copyValue(v)));
    return out;
  }

  private static Object copyValue(Object value) {
    return switch (value) {
      case Map<?, ?> m -> copyMap(m);
      case Collection<?> c -> {
        List<Object> list = new ArrayList<>(c.size());
        c.forEach(v -> list.add(copyValue(v)));
        yield list;
      }
      case null, default -> value;
    };
  }
}
