package io.autoprovd.core.template;

import static io.autoprovd.core.template.TemplateTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TimeZonesTest {

  @Test
  void paris_lastSundayOfMarchAt2_toLastSundayOfOctoberAt3() {
    assertThat(render("{% set tz = tz_info('Europe/Paris') %}{{ tz.utc_offset_minutes }} {{ tz.utc_offset }} "
        + "{{ tz.has_dst }} {{ tz.dst.save_minutes }} {{ tz.dst.start|dst_mwdh }} {{ tz.dst.end|dst_mwdh }} "
        + "{{ tz.dst.start.time }} {{ tz.dst.start.last }} {{ tz.dst.exact }}"))
        .isEqualTo("60 +01:00 true 60 3/5/7/2 10/5/7/3 02:00 true true");
  }

  @Test
  void sydney_southernHemisphere_startsInOctober() {
    assertThat(render("{% set tz = tz_info('Australia/Sydney') %}{{ tz.utc_offset }} {{ tz.dst.start|dst_mwdh }} "
        + "{{ tz.dst.end|dst_mwdh }} {{ tz.dst.exact }}"))
        .isEqualTo("+10:00 10/1/7/2 4/1/7/3 true");
  }

  @Test
  void newYork_secondSundayOfMarch_firstSundayOfNovember() {
    assertThat(render("{% set tz = tz_info('America/New_York') %}{{ tz.utc_offset|replace(':', '') }} "
        + "{{ tz.dst.start|dst_mwdh }} {{ tz.dst.end|dst_mwdh }}"))
        .isEqualTo("-0500 3/2/7/2 11/1/7/2");
  }

  @Test
  void santiago_sundayOnOrAfterThe2nd_isApproximatedAsWeek1AndMarkedInexact() {
    var tz = TimeZones.info("America/Santiago").orElseThrow();
    assertThat(tz.standardMinutes()).isEqualTo(-240);
    var dst = tz.dst().orElseThrow();
    assertThat(dst.start().month()).isEqualTo(9);
    assertThat(dst.start().onOrAfter()).isEqualTo(2);
    assertThat(dst.start().week()).isEqualTo(1);
    assertThat(dst.start().minutes()).isZero();
    assertThat(dst.start().exact()).isFalse();
    assertThat(dst.end().month()).isEqualTo(4);
  }

  @Test
  void zonesWithoutDst_haveTheirCurrentStandardOffset() {
    assertThat(render("{% set tz = tz_info('America/Sao_Paulo') %}{{ tz.utc_offset }} {{ tz.has_dst }} [{{ tz.dst }}]"))
        .isEqualTo("-03:00 false []");
    assertThat(render("{{ tz_info('Asia/Kolkata').utc_offset_minutes|format_offset }} {{ tz_info('UTC').utc_offset_minutes|format_offset }} "
        + "{{ tz_info('Asia/Kathmandu').utc_offset }} {{ tz_info('America/St_Johns').utc_offset_minutes|format_offset }}"))
        .isEqualTo("+5:30 0 +05:45 -3:30");
  }

  @Test
  void unknownOrBlankZone_isNone() {
    assertThat(render("[{{ tz_info('Mars/Olympus') }}][{{ tz_info('') }}][{{ tz_info(none) }}]")).isEqualTo("[][][]");
  }

  @Test
  void offsetStyles() {
    assertThat(TimeZones.formatOffset(60, "short")).isEqualTo("+1");
    assertThat(TimeZones.formatOffset(-210, "short")).isEqualTo("-3:30");
    assertThat(TimeZones.formatOffset(0, "short")).isEqualTo("0");
    assertThat(TimeZones.formatOffset(345, "long")).isEqualTo("+05:45");
    assertThat(TimeZones.formatOffset(-300, "gmt")).isEqualTo("GMT-05:00");
    assertThat(TimeZones.formatOffset(60, "posix")).isEqualTo("-1");
    assertThat(TimeZones.formatOffset(-300, "posix")).isEqualTo("5");
  }

  @Test
  void weekdaySchemes_sundayIs7_0_1() {
    assertThat(render("{{ 7|weekday('iso') }} {{ 7|weekday('sun0') }} {{ 7|weekday('sun1') }} {{ 1|weekday('sun1') }} {{ 1|weekday('mon0') }}"))
        .isEqualTo("7 0 1 2 0");
  }

  /** Every zone with recurring DST whose rules are exact: our encoding reproduces its transitions. */
  @Test
  void everyZone_exactRulesReproduceTheNextTransitions() {
    List<String> checked = new ArrayList<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      var dst = TimeZones.info(id).orElseThrow().dst();
      if (dst.isEmpty() || !dst.get().start().exact() || !dst.get().end().exact()) {
        continue;
      }
      assertTransitionsMatch(id, 2031);
      checked.add(id);
    }
    assertThat(checked).contains("Europe/Paris", "America/New_York", "Australia/Sydney").hasSizeGreaterThan(100);
  }

  @Property(tries = 200)
  void anyYear_exactRulesReproduceZoneRulesNextTransition(@ForAll("zonesWithExactDst") String zone, @ForAll @IntRange(min = 2026, max = 2200) int year) {
    assertTransitionsMatch(zone, year);
  }

  @Provide
  Arbitrary<String> zonesWithExactDst() {
    return Arbitraries.of(ZoneId.getAvailableZoneIds().stream()
        .filter(id -> TimeZones.info(id).orElseThrow().dst().map(d -> d.start().exact() && d.end().exact()).orElse(false))
        .sorted().toList());
  }

  private static void assertTransitionsMatch(String zone, int year) {
    ZoneRules rules = ZoneId.of(zone).getRules();
    var dst = TimeZones.info(zone).orElseThrow().dst().orElseThrow();
    Instant from = ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    for (int i = 0; i < 2; i++) {
      ZoneOffsetTransition next = rules.nextTransition(from);
      boolean isStart = next.isGap();
      TimeZones.DstRule rule = isStart ? dst.start() : dst.end();
      int y = next.getDateTimeBefore().getYear();
      assertThat(rule.instantIn(y, next.getOffsetBefore())).as("%s %s %d", zone, isStart ? "start" : "end", y).isEqualTo(next.getInstant());
      from = next.getInstant();
    }
  }

  @Test
  void tzInfoMap_hasEveryDocumentedField() {
    Map<String, Object> paris = Functions.tzInfo("Europe/Paris");
    assertThat(paris).containsOnlyKeys("name", "utc_offset_minutes", "utc_offset", "utc_offset_hours", "has_dst", "dst");
    @SuppressWarnings("unchecked")
    Map<String, Object> start = (Map<String, Object>) ((Map<String, Object>) paris.get("dst")).get("start");
    assertThat(start).containsOnlyKeys("month", "fixed_date", "day", "week", "last", "on_or_after", "weekday",
        "weekday_sun0", "weekday_sun1", "minutes", "hour", "minute", "time", "exact");
    assertThat(start).containsEntry("weekday", 7).containsEntry("weekday_sun0", 0).containsEntry("weekday_sun1", 1);
  }
}
