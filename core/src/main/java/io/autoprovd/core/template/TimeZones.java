package io.autoprovd.core.template;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time zone facts for phone configuration, derived from the zone's recurring transition rules
 * ({@link ZoneRules#getTransitionRules()}), never from one year's sample (vendors.md §3.2 defect
 * 1), and never from the clock: the same tzdata gives the same answer any day of any year.
 */
final class TimeZones {

  private TimeZones() {}

  /** Everything a vendor needs about a zone; see docs/templates.md {@code tz_info}. */
  record ZoneInfo(String name, int standardMinutes, Optional<Dst> dst) {}

  /** Recurring daylight-saving time: the yearly start and end, and the extra minutes. */
  record Dst(int saveMinutes, DstRule start, DstRule end) {}

  /**
   * One yearly change, in the wall-clock time in force just before it (what phones expect).
   *
   * @param weekday null for a fixed date
   * @param week 1–4 = n-th {@code weekday} of the month, 5 = last; null for a fixed date
   * @param day the day of the month for a fixed date, else null
   * @param onOrAfter for "weekday on or after day N" rules, N; else null
   * @param minutes minutes after local midnight, 0–1439
   * @param exact false when {@code week}/{@code day} only approximate the rule (e.g. Chile's
   *     "first Sunday on or after the 2nd", which is week 1 in six years out of seven)
   */
  record DstRule(int month, Integer week, DayOfWeek weekday, Integer day, Integer onOrAfter, int minutes, boolean exact) {
    boolean last() {
      return week != null && week == 5;
    }

    boolean fixedDate() {
      return weekday == null;
    }

    /** When this rule fires in {@code year}, given the UTC offset in force before it. */
    Instant instantIn(int year, ZoneOffset before) {
      LocalDate first = LocalDate.of(year, month, 1);
      LocalDate date;
      if (weekday == null) {
        date = first.withDayOfMonth(day);
      } else if (last()) {
        date = first.with(TemporalAdjusters.lastInMonth(weekday));
      } else {
        date = first.with(TemporalAdjusters.dayOfWeekInMonth(week, weekday));
      }
      return LocalDateTime.of(date, java.time.LocalTime.MIN).plusMinutes(minutes).toInstant(before);
    }
  }

  static Optional<ZoneInfo> info(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    ZoneRules rules;
    try {
      rules = ZoneId.of(name.trim()).getRules();
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    List<ZoneOffsetTransitionRule> recurring = rules.getTransitionRules();
    ZoneOffset standard;
    if (!recurring.isEmpty()) {
      standard = recurring.getFirst().getStandardOffset();
    } else if (!rules.getTransitions().isEmpty()) {
      standard = rules.getTransitions().getLast().getOffsetAfter();
    } else {
      standard = rules.getOffset(Instant.EPOCH);
    }
    ZoneOffsetTransitionRule start = null;
    ZoneOffsetTransitionRule end = null;
    for (ZoneOffsetTransitionRule r : recurring) {
      if (r.getOffsetAfter().getTotalSeconds() > r.getOffsetBefore().getTotalSeconds()) {
        start = start == null ? r : start;
      } else {
        end = end == null ? r : end;
      }
    }
    Optional<Dst> dst = Optional.empty();
    if (start != null && end != null) {
      int save = (start.getOffsetAfter().getTotalSeconds() - standard.getTotalSeconds()) / 60;
      dst = Optional.of(new Dst(save, rule(start), rule(end)));
    }
    return Optional.of(new ZoneInfo(name.trim(), standard.getTotalSeconds() / 60, dst));
  }

  static DstRule rule(ZoneOffsetTransitionRule r) {
    int minutes = r.getLocalTime().toSecondOfDay() / 60 + (r.isMidnightEndOfDay() ? 1440 : 0);
    int before = r.getOffsetBefore().getTotalSeconds() / 60;
    minutes += switch (r.getTimeDefinition()) {
      case UTC -> before;
      case STANDARD -> before - r.getStandardOffset().getTotalSeconds() / 60;
      case WALL -> 0;
    };
    int shift = Math.floorDiv(minutes, 1440);
    minutes = Math.floorMod(minutes, 1440);
    Month month = r.getMonth();
    int indicator = r.getDayOfMonthIndicator();
    DayOfWeek weekday = r.getDayOfWeek();
    boolean exact = true;
    if (shift != 0) {
      if (indicator > 0) {
        indicator += shift;
      } else {
        exact = false; // "on or before the end of the month" moved by a day: not expressible
      }
      if (weekday != null) {
        weekday = weekday.plus(shift);
      }
    }
    if (weekday == null) {
      boolean inMonth = indicator >= 1 && indicator <= month.minLength();
      return new DstRule(month.getValue(), null, null, Math.max(1, Math.min(indicator, month.minLength())), null, minutes, exact && inMonth);
    }
    if (indicator < 0) {
      return new DstRule(month.getValue(), 5, weekday, null, null, minutes, exact && indicator == -1);
    }
    // Java stores tzdata's "lastSun" of a 31- or 30-day month as "Sunday on or after the 25th"
    // (or 24th): the same days, so it is the last week, exactly.
    if (month != Month.FEBRUARY && indicator == month.maxLength() - 6) {
      return new DstRule(month.getValue(), 5, weekday, null, indicator, minutes, exact);
    }
    boolean nth = (indicator - 1) % 7 == 0 && indicator <= 22;
    int week = Math.max(1, Math.min(5, (indicator + 6) / 7));
    return new DstRule(month.getValue(), week, weekday, null, indicator, minutes, exact && nth);
  }

  static Map<String, Object> toMap(ZoneInfo zone) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", zone.name());
    m.put("utc_offset_minutes", zone.standardMinutes());
    m.put("utc_offset", formatOffset(zone.standardMinutes(), "long"));
    m.put("utc_offset_hours", zone.standardMinutes() / 60);
    m.put("has_dst", zone.dst().isPresent());
    m.put("dst", zone.dst().map(d -> {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("save_minutes", d.saveMinutes());
      dm.put("start", toMap(d.start()));
      dm.put("end", toMap(d.end()));
      dm.put("exact", d.start().exact() && d.end().exact());
      return dm;
    }).orElse(null));
    return m;
  }

  static Map<String, Object> toMap(DstRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("month", r.month());
    m.put("fixed_date", r.fixedDate());
    m.put("day", r.day());
    m.put("week", r.week());
    m.put("last", r.last());
    m.put("on_or_after", r.onOrAfter());
    Integer iso = r.weekday() == null ? null : r.weekday().getValue();
    m.put("weekday", iso);
    m.put("weekday_sun0", iso == null ? null : weekday(iso, "sun0"));
    m.put("weekday_sun1", iso == null ? null : weekday(iso, "sun1"));
    m.put("minutes", r.minutes());
    m.put("hour", r.minutes() / 60);
    m.put("minute", r.minutes() % 60);
    m.put("time", "%02d:%02d".formatted(r.minutes() / 60, r.minutes() % 60));
    m.put("exact", r.exact());
    return m;
  }

  /**
   * An ISO weekday (1 = Monday … 7 = Sunday) in a vendor's numbering: {@code iso}/{@code mon1}
   * (Yealink, Cisco), {@code mon0} (0 = Monday), {@code sun0} (0 = Sunday … 6 = Saturday;
   * Fanvil), {@code sun1} (1 = Sunday … 7 = Saturday; Polycom, Aastra).
   */
  static int weekday(int iso, String scheme) {
    if (iso < 1 || iso > 7) {
      throw new IllegalArgumentException("weekday must be 1 (Monday) to 7 (Sunday), got " + iso);
    }
    return switch (scheme == null ? "iso" : scheme) {
      case "iso", "mon1" -> iso;
      case "mon0" -> iso - 1;
      case "sun0" -> iso % 7;
      case "sun1" -> iso % 7 + 1;
      default -> throw new IllegalArgumentException("unknown weekday scheme '" + scheme + "' (iso, mon1, mon0, sun0, sun1)");
    };
  }

  /**
   * A UTC offset in minutes as text: {@code short} = {@code +1}, {@code -3:30}, {@code 0}
   * (Yealink {@code local_time.time_zone}); {@code long} = {@code +01:00}; {@code gmt} =
   * {@code GMT+01:00}; {@code posix} = the POSIX TZ sign convention, {@code -1} for UTC+1.
   */
  static String formatOffset(int minutes, String style) {
    int abs = Math.abs(minutes);
    String sign = minutes < 0 ? "-" : "+";
    return switch (style == null ? "short" : style) {
      case "short" -> minutes == 0 ? "0" : sign + (abs / 60) + (abs % 60 == 0 ? "" : ":%02d".formatted(abs % 60));
      case "long" -> sign + "%02d:%02d".formatted(abs / 60, abs % 60);
      case "gmt" -> "GMT" + sign + "%02d:%02d".formatted(abs / 60, abs % 60);
      case "posix" -> (minutes > 0 ? "-" : minutes < 0 ? "" : "") + (abs / 60) + (abs % 60 == 0 ? "" : ":%02d".formatted(abs % 60));
      default -> throw new IllegalArgumentException("unknown offset style '" + style + "' (short, long, gmt, posix)");
    };
  }
}
