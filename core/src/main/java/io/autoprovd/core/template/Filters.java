package io.autoprovd.core.template;

import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidReason;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ObjectIterator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The filters the engine adds to (or fixes in) Jinjava's set; see docs/templates.md. */
final class Filters {

  private Filters() {}

  static List<Filter> all() {
    return List.of(new DefaultFilter("default"), new DefaultFilter("d"),
        new IntFilter(), new MinMax("max", 1), new MinMax("min", -1), new ByPosition(),
        new Weekday(), new DstMwdh(), new DstMdh(), new FormatOffset());
  }

  /** Base class: Jinjava's String-args entry point delegates to the Object-args one. */
  private abstract static class ObjectFilter implements Filter {
    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return filter(var, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public abstract Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs);

    static Object arg(Object[] args, int i, Object dflt) {
      return args != null && args.length > i && args[i] != null ? args[i] : dflt;
    }
  }

  /**
   * Jinja2's {@code default(value, boolean=false)}, alias {@code d}: the default keeps its type.
   * Jinjava's turns it into a string, so {@code (n|d(1)) + 1} gave "11" instead of 2.
   */
  static final class DefaultFilter extends ObjectFilter {
    private final String name;

    DefaultFilter(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      Object dflt = kwargs.containsKey("default_value") ? kwargs.get("default_value") : arg(args, 0, "");
      Object whenFalse = kwargs.getOrDefault("boolean", arg(args, 1, false));
      boolean replaceFalsy = Boolean.TRUE.equals(whenFalse) || "true".equalsIgnoreCase(String.valueOf(whenFalse));
      if (var == null || (replaceFalsy && !com.hubspot.jinjava.util.ObjectTruthValue.evaluate(var))) {
        return dflt;
      }
      return var;
    }
  }

  /**
   * Jinja2's {@code int(default=0, base=10)}: booleans are 1/0 (Jinjava gives 0 for true), a
   * string is parsed in {@code base} (with its 0x/0o/0b prefix), else as a float and truncated.
   */
  static final class IntFilter extends ObjectFilter {
    @Override
    public String getName() {
      return "int";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      Object dflt = kwargs.getOrDefault("default", arg(args, 0, 0L));
      int base = Integer.parseInt(String.valueOf(kwargs.getOrDefault("base", arg(args, 1, 10))));
      return switch (var) {
        case null -> dflt;
        case Boolean b -> b ? 1L : 0L;
        case BigDecimal d -> d.longValue();
        case Number n -> n.longValue();
        default -> parse(var.toString().trim().replace("_", ""), base, dflt);
      };
    }

    private static Object parse(String s, int base, Object dflt) {
      String digits = s;
      String lower = s.toLowerCase(Locale.ROOT);
      String sign = "";
      if (lower.startsWith("-") || lower.startsWith("+")) {
        sign = lower.substring(0, 1);
        lower = lower.substring(1);
        digits = digits.substring(1);
      }
      if ((base == 16 && lower.startsWith("0x")) || (base == 8 && lower.startsWith("0o")) || (base == 2 && lower.startsWith("0b"))) {
        digits = digits.substring(2);
      }
      try {
        return Long.parseLong(sign + digits, base);
      } catch (NumberFormatException e) {
        if (base != 10) {
          return dflt;
        }
      }
      try {
        return new BigDecimal(s).longValue();
      } catch (NumberFormatException e) {
        return dflt;
      }
    }
  }

  /** Jinja2's {@code max}/{@code min}: numbers numerically, strings case-insensitively. */
  static final class MinMax extends ObjectFilter {
    private final String name;
    private final int sign;

    MinMax(String name, int sign) {
      this.name = name;
      this.sign = sign;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      boolean caseSensitive = Boolean.parseBoolean(String.valueOf(kwargs.getOrDefault("case_sensitive", arg(args, 0, false))));
      Object best = null;
      var it = ObjectIterator.getLoop(var);
      while (it.hasNext()) {
        Object v = it.next();
        if (best == null || sign * compare(v, best, caseSensitive) > 0) {
          best = v;
        }
      }
      return best;
    }

    private static int compare(Object a, Object b, boolean caseSensitive) {
      if (a instanceof Number x && b instanceof Number y) {
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
      }
      String x = String.valueOf(a);
      String y = String.valueOf(b);
      return caseSensitive ? x.compareTo(y) : x.compareToIgnoreCase(y);
    }
  }

  /**
   * {@code by_position}: a map keyed by numeric strings ({@code funckeys}, {@code sip_lines}) as a
   * list of its values sorted by number, each a copy with {@code position} (int) added. Entries
   * whose key is not a number or whose value is not a map are left out.
   */
  static final class ByPosition extends ObjectFilter {
    @Override
    public String getName() {
      return "by_position";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      List<Map<String, Object>> out = new ArrayList<>();
      if (var instanceof Map<?, ?> map) {
        map.forEach((k, v) -> {
          Integer position = position(k);
          if (position != null && v instanceof Map<?, ?> fields) {
            Map<String, Object> copy = new LinkedHashMap<>();
            fields.forEach((fk, fv) -> copy.put(String.valueOf(fk), fv));
            copy.put("position", position);
            out.add(copy);
          }
        });
      }
      out.sort(Comparator.comparingInt(m -> (Integer) m.get("position")));
      return out;
    }

    private static Integer position(Object key) {
      try {
        return Integer.valueOf(String.valueOf(key).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** {@code iso_weekday|weekday('sun0')}: renumber an ISO weekday for a vendor. */
  static final class Weekday extends ObjectFilter {
    @Override
    public String getName() {
      return "weekday";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      if (var == null) {
        return null;
      }
      return TimeZones.weekday(number(var, this), String.valueOf(arg(args, 0, "iso")));
    }
  }

  /** {@code rule|dst_mwdh(scheme='iso')}: {@code month/week/weekday/hour}, e.g. {@code 3/5/7/2}. */
  static final class DstMwdh extends ObjectFilter {
    @Override
    public String getName() {
      return "dst_mwdh";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      if (!(var instanceof Map<?, ?> rule) || rule.get("weekday") == null) {
        return null;
      }
      int weekday = TimeZones.weekday(number(rule.get("weekday"), this), String.valueOf(arg(args, 0, "iso")));
      return rule.get("month") + "/" + rule.get("week") + "/" + weekday + "/" + rule.get("hour");
    }
  }

  /** {@code rule|dst_mdh}: {@code month/day/hour} of a fixed-date rule, e.g. {@code 3/21/0}. */
  static final class DstMdh extends ObjectFilter {
    @Override
    public String getName() {
      return "dst_mdh";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      if (!(var instanceof Map<?, ?> rule) || rule.get("day") == null) {
        return null;
      }
      return rule.get("month") + "/" + rule.get("day") + "/" + rule.get("hour");
    }
  }

  /** {@code minutes|format_offset(style='short')}: see {@link TimeZones#formatOffset}. */
  static final class FormatOffset extends ObjectFilter {
    @Override
    public String getName() {
      return "format_offset";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      if (var == null) {
        return null;
      }
      return TimeZones.formatOffset(number(var, this), String.valueOf(arg(args, 0, "short")));
    }
  }

  private static int number(Object value, Filter filter) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(JinjavaInterpreter.getCurrent(), filter, InvalidReason.NUMBER_FORMAT, 0, value.toString());
    }
  }
}
