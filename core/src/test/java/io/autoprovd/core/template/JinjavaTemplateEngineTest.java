package io.autoprovd.core.template;

import static io.autoprovd.core.template.TemplateTesting.ENGINE;
import static io.autoprovd.core.template.TemplateTesting.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JinjavaTemplateEngineTest {

  static TemplateLoader loader(Map<String, String> templates) {
    return name -> Optional.ofNullable(templates.get(name));
  }

  @Test
  void rendersContextVariables_andUndefinedAsEmpty() {
    assertThat(render("{{ a }}-{{ b.c }}-{{ nope }}-{{ nope.deeper }}", Map.of("a", 1, "b", Map.of("c", "x"))))
        .isEqualTo("1-x--");
  }

  @Test
  void includeImportAndExtends_goThroughTheLoader() {
    TemplateLoader loader = loader(Map.of(
        "main", "{% extends 'base' %}{% block body %}{% include 'part' %}|{% import 'lib' as lib %}{{ lib.hi(name) }}{% endblock %}",
        "base", "<{% block body %}{% endblock %}>",
        "part", "part {{ name }}",
        "lib", "{% macro hi(n) %}hi {{ n }}{% endmacro %}"));
    assertThat(ENGINE.render(loader, "main", Map.of("name", "bob"))).isEqualTo("<part bob|hi bob>");
  }

  @Test
  void unknownTemplate_failsNamingIt() {
    assertThatThrownBy(() -> ENGINE.render(loader(Map.of()), "nope.j2", Map.of()))
        .isInstanceOfSatisfying(RenderException.class, e -> {
          assertThat(e.template()).isEqualTo("nope.j2");
          assertThat(e.line()).isZero();
        });
    assertThatThrownBy(() -> ENGINE.render(loader(Map.of("t", "{% include 'gone' %}")), "t", Map.of()))
        .isInstanceOf(RenderException.class).hasMessageContaining("gone");
  }

  @Test
  void errors_carryTemplateAndLine_andThePluginWhenTheCallerAddsIt() {
    RenderException e = (RenderException) org.assertj.core.api.Assertions.catchThrowable(
        () -> ENGINE.render(loader(Map.of("mac.cfg.j2", "a\nb\n{{ nofn(1) }}\n")), "mac.cfg.j2", Map.of()));
    assertThat(e.template()).isEqualTo("mac.cfg.j2");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.pluginId()).isEmpty();
    RenderException attributed = e.withPlugin("yealink");
    assertThat(attributed.pluginId()).contains("yealink");
    assertThat(attributed).hasMessageStartingWith("yealink:mac.cfg.j2:3: ");
  }

  @Test
  void syntaxError_fails() {
    assertThatThrownBy(() -> render("x\n{{ a + }}")).isInstanceOf(RenderException.class);
    assertThatThrownBy(() -> render("{% for x in %}{% endfor %}")).isInstanceOf(RenderException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ ''.getClass() }}", "{{ s.getClass().forName('java.lang.Runtime') }}", "{{ s.toUpperCase() }}",
      "{{ m.getClass() }}", "{{ xs.getClass() }}", "{{ m.entrySet() }}", "{% for x in xs %}{{ loop.getClass() }}{% endfor %}"})
  void sandbox_javaMethodCalls_failCleanly(String template) {
    Map<String, Object> ctx = Map.of("s", "str", "m", Map.of("k", 1), "xs", List.of(1));
    assertThatThrownBy(() -> render(template, ctx)).isInstanceOf(RenderException.class).hasMessageContaining("not available in templates");
  }

  @Test
  void sandbox_beanPropertiesOfNonMaps_areUndefined() {
    Map<String, Object> ctx = Map.of("s", "str", "n", 5, "obj", new StringBuilder("secret"));
    assertThat(render("[{{ s.class }}][{{ s.bytes }}][{{ s.blank }}][{{ n.class.name }}][{{ obj.length }}][{{ s.__class__ }}]", ctx))
        .isEqualTo("[][][][][][]");
  }

  @Test
  void contextIsNotModified_byTemplatesThatMutateLists() {
    List<Object> xs = new ArrayList<>(List.of(1));
    Map<String, Object> ctx = new HashMap<>(Map.of("xs", xs));
    assertThat(render("{% do xs.append(2) %}{{ xs|join(',') }}", ctx)).isEqualTo("1,2");
    assertThat(xs).containsExactly(1);
  }

  @Test
  void outputLimit_failsTheRender() {
    var small = new JinjavaTemplateEngine(new JinjavaTemplateEngine.Limits(1000, Duration.ofSeconds(5), 10));
    assertThatThrownBy(() -> small.render(loader(Map.of("t", "{% for i in range(500) %}xxxx{% endfor %}")), "t", Map.of()))
        .isInstanceOf(RenderException.class);
  }

  @Test
  void timeLimit_stopsARunawayLoop() {
    var quick = new JinjavaTemplateEngine(new JinjavaTemplateEngine.Limits(100_000_000, Duration.ofMillis(200), 10));
    long start = System.nanoTime();
    assertThatThrownBy(() -> quick.render(
        loader(Map.of("t", "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")), "t", Map.of()))
        .isInstanceOf(RenderException.class).hasMessageContaining("time limit");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void selfInclusion_isCut() {
    // Jinjava detects the cycle and skips the nested include.
    assertThat(ENGINE.render(loader(Map.of("t", "x{% include 't' %}")), "t", Map.of())).isEqualTo("xx");
  }

  @Test
  void oneInstance_rendersConcurrently() throws Exception {
    try (var pool = Executors.newFixedThreadPool(4)) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        results.add(pool.submit(() -> render("{% for x in range(n) if x is even %}{{ x }}{% endfor %}", Map.of("n", n))));
      }
      for (int i = 0; i < 40; i++) {
        StringBuilder expected = new StringBuilder();
        for (int x = 0; x < i; x += 2) {
          expected.append(x);
        }
        assertThat(results.get(i).get()).isEqualTo(expected.toString());
      }
    }
  }
}
