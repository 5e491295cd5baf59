package io.autoprovd.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.config.InMemoryConfigStore;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.provisioning.TemplateRenderer;
import io.autoprovd.core.template.JinjavaTemplateEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render cache: a hit for an unchanged file, never stale bytes after a change. */
class CachingRendererTest {
  @TempDir Path dir;

  PluginPack pack(String folder, String template) throws IOException {
    Path root = Files.createDirectories(dir.resolve(folder));
    Files.writeString(root.resolve("plugin.yml"), """
        id: acme
        version: 1.0.0
        vendor: Acme
        files:
          - path: 'acme(?<model>\\d+)\\.cfg'
            scope: common
            template: common.j2
        """);
    Files.createDirectories(root.resolve("templates"));
    Files.writeString(root.resolve("templates/common.j2"), template);
    return PluginPack.load(root);
  }

  @Test
  void aPackReinstalledWithTheSameVersionButOtherTemplates_isRenderedAgain() throws IOException {
    // given
    var configs = new ConfigCache(new InMemoryConfigStore());
    Map<String, Object> base = Map.of("ip", "10.0.0.1");
    var renderer = new CachingRenderer(new TemplateRenderer(new JinjavaTemplateEngine(), configs.merger(), () -> base),
        configs, () -> base, 1 << 20);
    PluginPack first = pack("first", "one {{ path.model }}");
    PluginPack reinstalled = pack("second", "two {{ path.model }}");
    var entry = first.route("acme42.cfg").orElseThrow();

    // when
    String before = text(renderer.render(first, entry.entry(), entry.vars(), null).orElseThrow());
    String again = text(renderer.render(first, entry.entry(), entry.vars(), null).orElseThrow());
    var other = reinstalled.route("acme7.cfg").orElseThrow();
    String otherModel = text(renderer.render(first, other.entry(), other.vars(), null).orElseThrow());
    String after = text(renderer.render(reinstalled, entry.entry(), entry.vars(), null).orElseThrow());

    // then
    assertThat(before).isEqualTo("one 42").isEqualTo(again);
    assertThat(otherModel).isEqualTo("one 7");
    assertThat(after).isEqualTo("two 42");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
