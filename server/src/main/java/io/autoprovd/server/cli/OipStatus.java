package io.autoprovd.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation's status as the server writes it (provd-rest-api.md §7): {@code
 * [label|]state[;current[/end]]} followed by one {@code (...)} group per sub-operation, as in
 * {@code install|progress(download|progress;13818/54000)}.
 *
 * @param label null when the operation has none
 * @param current null when not set
 * @param end null when not set (written only when non-zero)
 */
record OipStatus(String label, String state, Long current, Long end, List<OipStatus> subs) {
  private static final Pattern HEAD = Pattern.compile("(?:(\\w+)\\|)?(\\w+)(?:;(\\d+)(?:/(\\d+))?)?");

  OipStatus {
    subs = List.copyOf(subs);
  }

  /** Parses a status string; throws {@link IllegalArgumentException} naming where it stops making sense. */
  static OipStatus parse(String text) {
    var parser = new Parser(text);
    OipStatus status = parser.status();
    if (parser.at != text.length()) {
      throw new IllegalArgumentException("not an operation status at character " + parser.at + ": " + text);
    }
    return status;
  }

  boolean done() {
    return state.equals("success") || state.equals("fail");
  }

  /** For people: {@code install: progress, download 13818/54000 (25%)}. */
  String describe() {
    var text = new StringBuilder();
    if (label != null) {
      text.append(label).append(": ");
    }
    text.append(state).append(progress());
    for (OipStatus sub : subs) {
      text.append(", ").append(sub.describeInline());
    }
    return text.toString();
  }

  private String describeInline() {
    String own = (label == null ? "" : label + " ") + state + progress();
    if (subs.isEmpty()) {
      return own;
    }
    return own + " (" + String.join(", ", subs.stream().map(OipStatus::describeInline).toList()) + ")";
  }

  private String progress() {
    if (current == null) {
      return "";
    }
    if (end == null || end == 0) {
      return " " + current;
    }
    return " " + current + "/" + end + " (" + (100 * current / end) + "%)";
  }

  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    OipStatus status() {
      Matcher head = HEAD.matcher(text).region(at, text.length());
      if (!head.lookingAt()) {
        throw new IllegalArgumentException("not an operation status at character " + at + ": " + text);
      }
      at = head.end();
      var subs = new ArrayList<OipStatus>();
      while (at < text.length() && text.charAt(at) == '(') {
        at++;
        subs.add(status());
        if (at >= text.length() || text.charAt(at) != ')') {
          throw new IllegalArgumentException("unbalanced ( at character " + at + ": " + text);
        }
        at++;
      }
      return new OipStatus(head.group(1), head.group(2), number(head.group(3)), number(head.group(4)), subs);
    }

    private static Long number(String digits) {
      return digits == null ? null : Long.parseLong(digits);
    }
  }
}
