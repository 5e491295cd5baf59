package io.autoprovd.core.template;

import java.util.Map;

/**
 * Renders Jinja2-syntax templates of plugin packs.
 *
 * <p>Contract:
 * <ul>
 *   <li>Thread-safe: one shared instance renders for every request thread.
 *   <li>Templates are untrusted data: they see the context's maps, lists, strings, numbers and
 *       booleans, and the functions and filters the engine registers (docs/templates.md), nothing
 *       else; no Java method of a context object is callable from a template.
 *   <li>The context is not modified; the engine renders from its own copy.
 *   <li>An undefined variable renders as the empty string (Jinja2's default {@code Undefined}).
 *   <li>Any failure (syntax error, unknown template, unknown filter, output or time limit
 *       exceeded) throws {@link RenderException} naming the template and line; no partial output
 *       is returned.
 * </ul>
 */
public interface TemplateEngine {

  /**
   * Renders {@code templateName}, loaded through {@code loader}, with {@code context} as its
   * top-level variables.
   *
   * @throws RenderException if the template cannot be loaded or rendered
   */
  String render(TemplateLoader loader, String templateName, Map<String, Object> context);
}
