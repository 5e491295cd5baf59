package io.autoprovd.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header fields of a SIP message, in order. Look-ups ignore case and understand the compact
 * forms of RFC 3261 §7.3.3 ({@code v} is {@code Via}, {@code i} is {@code Call-ID}, …; RFC 6665 adds
 * {@code o} for {@code Event}). Immutable; {@link #with}, {@link #without} and {@link #prepend} make
 * new values. Names keep the spelling they arrived with; {@link #toString} writes them as stored.
 */
public final class SipHeaders {
  private static final Map<String, String> COMPACT = Map.ofEntries(
      Map.entry("i", "call-id"), Map.entry("m", "contact"), Map.entry("e", "content-encoding"),
      Map.entry("l", "content-length"), Map.entry("c", "content-type"), Map.entry("f", "from"),
      Map.entry("s", "subject"), Map.entry("k", "supported"), Map.entry("t", "to"), Map.entry("v", "via"),
      Map.entry("o", "event"), Map.entry("u", "allow-events"), Map.entry("r", "refer-to"),
      Map.entry("b", "referred-by"), Map.entry("x", "session-expires"));

  /**
   * Headers whose value is a comma-separated list (RFC 3261 §7.3.1): one line may carry several
   * values. The authentication headers are not lists: their parameters are separated by commas.
   */
  private static final Set<String> LISTS = Set.of("via", "contact", "route", "record-route", "allow", "supported",
      "require", "proxy-require", "unsupported", "accept", "allow-events", "accept-encoding", "accept-language");

  public static final SipHeaders EMPTY = new SipHeaders(List.of());

  /**
   * One header line: its name as written, and its value with folding undone. Neither may hold a
   * line break, so no value can forge another header.
   */
  public record Field(String name, String value) {
    public Field {
      if (name == null || !Grammar.isToken(name)) {
        throw new IllegalArgumentException("header name: not a token: " + name);
      }
      if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + ": value must be one line");
      }
    }
  }

  private final List<Field> fields;

  private SipHeaders(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  public static SipHeaders of(List<Field> fields) {
    return new SipHeaders(fields);
  }

  /** The canonical lower-case long name: {@code "V"} and {@code "via"} both give {@code "via"}. */
  public static String canonical(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return COMPACT.getOrDefault(lower, lower);
  }

  public List<Field> fields() {
    return fields;
  }

  /** The first value of that header, as written (a list header's whole first line). */
  public Optional<String> first(String name) {
    String key = canonical(name);
    return fields.stream().filter(f -> canonical(f.name()).equals(key)).map(Field::value).findFirst();
  }

  /**
   * Every value of that header in order; for list headers each line is split at commas outside
   * quotes and angle brackets, so {@code Via: a, b} gives two values.
   */
  public List<String> all(String name) {
    String key = canonical(name);
    var values = new ArrayList<String>();
    for (Field f : fields) {
      if (canonical(f.name()).equals(key)) {
        if (LISTS.contains(key)) {
          values.addAll(splitList(f.value()));
        } else {
          values.add(f.value());
        }
      }
    }
    return values;
  }

  public boolean has(String name) {
    return first(name).isPresent();
  }

  /** These headers with every {@code name} line replaced by one line with {@code value}, in place of the first. */
  public SipHeaders with(String name, String value) {
    String key = canonical(name);
    var out = new ArrayList<Field>(fields.size() + 1);
    boolean placed = false;
    for (Field f : fields) {
      if (canonical(f.name()).equals(key)) {
        if (!placed) {
          out.add(new Field(name, value));
          placed = true;
        }
      } else {
        out.add(f);
      }
    }
    if (!placed) {
      out.add(new Field(name, value));
    }
    return new SipHeaders(out);
  }

  /** These headers with one more line at the end. */
  public SipHeaders add(String name, String value) {
    var out = new ArrayList<>(fields);
    out.add(new Field(name, value));
    return new SipHeaders(out);
  }

  /** These headers with one more line before all others (a new top {@code Via}). */
  public SipHeaders prepend(String name, String value) {
    var out = new ArrayList<Field>(fields.size() + 1);
    out.add(new Field(name, value));
    out.addAll(fields);
    return new SipHeaders(out);
  }

  public SipHeaders without(String name) {
    String key = canonical(name);
    return new SipHeaders(fields.stream().filter(f -> !canonical(f.name()).equals(key)).toList());
  }

  /** Splits at commas that are outside double quotes and angle brackets. */
  static List<String> splitList(String value) {
    var parts = new ArrayList<String>();
    var current = new StringBuilder();
    boolean quoted = false;
    int angle = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < value.length()) {
          current.append(c).append(value.charAt(++i));
          continue;
        }
        if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle++;
      } else if (c == '>' && angle > 0) {
        angle--;
      } else if (c == ',' && angle == 0) {
        addPart(parts, current);
        continue;
      }
      current.append(c);
    }
    addPart(parts, current);
    return parts;
  }

  private static void addPart(List<String> parts, StringBuilder current) {
    String part = current.toString().strip();
    if (!part.isEmpty()) {
      parts.add(part);
    }
    current.setLength(0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipHeaders other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    for (Field f : fields) {
      sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    return sb.toString();
  }
}
