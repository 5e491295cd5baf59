package io.autoprovd.core.template;

import java.util.Map;
import java.util.Optional;

/** One engine for all tests in this package (it is thread-safe and shared in production too). */
final class TemplateTesting {
  static final JinjavaTemplateEngine ENGINE = new JinjavaTemplateEngine();

  private TemplateTesting() {}

  static String render(String template, Map<String, Object> context) {
    return ENGINE.render(name -> name.equals("t") ? Optional.of(template) : Optional.empty(), "t", context);
  }

  static String render(String template) {
    return render(template, Map.of());
  }
}
