package io.autoprovd.core.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The product guide's per-model feature table ("IOT phones", plugins-and-packages.md §6): its rows,
 * in the guide's order and groups, under stable snake_case keys, and its legend. A model's values
 * live in {@code plugin.yml} under {@code models.<model>.features}; this class checks them and
 * prints them as the guide's Markdown table.
 */
public final class FeatureMatrix {
  private FeatureMatrix() {}

  /** One row of the table; {@code group} is the bold heading it sits under (null for the header rows). */
  public record Row(String key, String label, String group, boolean count) {}

  /** The legend: how a feature is reached on the phone, or whether it works at all. */
  public enum Value {
    Y("Supported"), N("Not supported"), NT("Not tested"), NYT("Not yet tested"),
    HK("HardKey"), SK("SoftKey"), FK("Funckey"), MN("Menu");

    public final String meaning;

    Value(String meaning) {
      this.meaning = meaning;
    }

    public static Optional<Value> parse(Object value) {
      if (value == null) {
        return Optional.empty();
      }
      String text = value instanceof Boolean b ? (b ? "Y" : "N") : value.toString().strip();
      for (Value v : values()) {
        if (v.name().equals(text)) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }

  private static final String KEYS = "Supported programmable keys";
  private static final String GENERAL = "General Functions";
  private static final String TRANSFERS = "Transfers Functions";
  private static final String FORWARDS = "Forwards Functions";
  private static final String VOICEMAIL = "Voicemail Functions";
  private static final String AGENT = "Agent Functions";
  private static final String PARKING = "Parking Functions";
  private static final String PAGING = "Paging Functions";

  /** Every row, in the guide's order. */
  public static final List<Row> ROWS = List.of(
      new Row("provisioning", "Provisioning", null, false),
      new Row("ha", "H-A", null, false),
      new Row("directory", "Directory Wazo", null, false),
      new Row("funckeys", "Funckeys", null, true),
      new Row("supervised_user_key", "User with supervision function", KEYS, false),
      new Row("group_key", "Group", KEYS, false),
      new Row("queue_key", "Queue", KEYS, false),
      new Row("conference_key", "Conference Room with supervision function", KEYS, false),
      new Row("online_call_recording", "Online call recording", GENERAL, false),
      new Row("phone_status", "Phone status", GENERAL, false),
      new Row("sound_recording", "Sound recording", GENERAL, false),
      new Row("call_recording", "Call recording", GENERAL, false),
      new Row("incoming_call_filtering", "Incoming call filtering", GENERAL, false),
      new Row("dnd", "Do not disturb", GENERAL, false),
      new Row("group_interception", "Group interception", GENERAL, false),
      new Row("listen_online_calls", "Listen to online calls", GENERAL, false),
      new Row("directory_access", "Directory access", GENERAL, false),
      new Row("boss_secretary_filtering", "Filtering Boss - Secretary", GENERAL, false),
      new Row("blind_transfer", "Blind transfer", TRANSFERS, false),
      new Row("attended_transfer", "Indirect transfer", TRANSFERS, false),
      new Row("fwd_disable_all", "Disable all forwarding", FORWARDS, false),
      new Row("fwd_no_answer", "Enable/Disable forwarding on no answer", FORWARDS, false),
      new Row("fwd_busy", "Enable/Disable forwarding on busy", FORWARDS, false),
      new Row("fwd_unconditional", "Enable/Disable forwarding unconditional", FORWARDS, false),
      new Row("vm_supervised", "Enable voicemail with supervision function", VOICEMAIL, false),
      new Row("vm_reach", "Reach the voicemail", VOICEMAIL, false),
      new Row("vm_delete", "Delete messages from voicemail", VOICEMAIL, false),
      new Row("agent_toggle", "Connect/Disconnect a static agent", AGENT, false),
      new Row("agent_login", "Connect a static agent", AGENT, false),
      new Row("agent_logout", "Disconnect a static agent", AGENT, false),
      new Row("parking", "Parking", PARKING, false),
      new Row("parking_position", "Parking position", PARKING, false),
      new Row("paging", "Paging", PAGING, false));

  public static Optional<Row> row(String key) {
    return ROWS.stream().filter(r -> r.key().equals(key)).findFirst();
  }

  /**
   * What is wrong with a model's matrix: a row missing, a value outside the legend, a count that
   * is not a whole number. Keys beyond the guide's rows are the pack's own (a template may read
   * them) and are only checked for a legend value or a count.
   */
  public static List<String> problems(ModelSpec model) {
    var problems = new ArrayList<String>();
    String where = "models." + model.name() + ".features.";
    for (Row row : ROWS) {
      Object value = model.features().get(row.key());
      if (value == null) {
        problems.add(where + row.key() + ": missing (" + row.label() + ")");
      } else if (!valid(row.count(), value)) {
        problems.add(where + row.key() + ": " + value + " is not " + (row.count() ? "a count" : legend()));
      }
    }
    model.features().forEach((key, value) -> {
      if (row(key).isEmpty() && !valid(false, value) && !valid(true, value)) {
        problems.add(where + key + ": " + value + " is neither a count nor " + legend());
      }
    });
    return problems;
  }

  private static boolean valid(boolean count, Object value) {
    if (count) {
      return value instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue();
    }
    return Value.parse(value).isPresent();
  }

  private static String legend() {
    return String.join("/", java.util.Arrays.stream(Value.values()).map(Enum::name).toList());
  }

  /** One column of a printed table: a heading and a model's features. */
  public record Column(String heading, Map<String, Object> features) {
    public Column {
      features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** A model as a column: its features, with {@code funckeys} taken from its key count when unset. */
    public static Column of(String heading, ModelSpec model) {
      var features = new LinkedHashMap<>(model.features());
      features.putIfAbsent("funckeys", model.functionKeys());
      return new Column(heading, features);
    }
  }

  /**
   * The guide's Markdown table: the legend, then one row per feature with the group headings in
   * bold, one column per model (side by side when there are several). Missing values print empty.
   */
  public static String markdown(List<Column> columns) {
    var sb = new StringBuilder();
    for (Value v : Value.values()) {
      sb.append("- ").append(v.name()).append(" = ").append(v.meaning).append('\n');
    }
    sb.append('\n');
    var rows = new ArrayList<List<String>>();
    String group = null;
    for (Row row : ROWS) {
      if (row.group() != null && !row.group().equals(group)) {
        group = row.group();
        var heading = new ArrayList<String>();
        heading.add("**" + group + "**");
        columns.forEach(c -> heading.add(""));
        rows.add(heading);
      }
      var cells = new ArrayList<String>();
      cells.add(row.label());
      for (Column c : columns) {
        Object v = c.features().get(row.key());
        cells.add(v == null ? "" : v instanceof Boolean b ? (b ? "Y" : "N") : v.toString());
      }
      rows.add(cells);
    }
    var header = new ArrayList<String>();
    header.add("");
    columns.forEach(c -> header.add(c.heading()));
    int[] widths = new int[header.size()];
    for (List<String> r : concat(header, rows)) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], Math.max(r.get(i).length(), 3));
      }
    }
    line(sb, header, widths);
    var rule = new ArrayList<String>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(sb, rule, widths);
    rows.forEach(r -> line(sb, r, widths));
    return sb.toString();
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    var all = new ArrayList<List<String>>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths) {
    sb.append('|');
    for (int i = 0; i < cells.size(); i++) {
      sb.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
    }
    sb.append('\n');
  }
}
