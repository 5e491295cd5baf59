package io.autoprovd.core.template;

import java.util.Optional;

/**
 * Supplies template sources by name: the template being rendered and everything it pulls in with
 * {@code {% include %}}, {@code {% import %}}, {@code {% from … import %}} and {@code {% extends %}}.
 *
 * <p>Called on the rendering thread, possibly several times per render; implementations must be
 * safe for concurrent use and must not block for long (plugin packs hold their templates in
 * memory, so {@code pack::template} is the usual loader). An unknown name is
 * {@link Optional#empty()}, never null and never an exception.
 */
@FunctionalInterface
public interface TemplateLoader {
  Optional<String> load(String name);
}
