package io.autoprovd.server.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An operation in progress (wazo-provd's OIP): label, state, progress and ordered sub-operations.
 * Written by the one thread doing the work, read by any number of pollers: every accessor is
 * synchronized on this object, which no one else locks and which is never held while working.
 */
public final class Operation {
  private static final Pattern LABEL = Pattern.compile("\\w*");

  /** States only move forward: waiting → progress → success or fail. */
  public enum State {
    WAITING, PROGRESS, SUCCESS, FAIL;

    String wire() {
      return name().toLowerCase();
    }
  }

  private final String label;
  private State state = State.WAITING;
  private Long current;
  private long end;
  private String failure;
  private final List<Operation> subs = new ArrayList<>();

  public Operation(String label) {
    if (label != null && !LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("label: must be \\w+, got " + label);
    }
    this.label = label == null || label.isEmpty() ? null : label;
  }

  public synchronized State state() {
    return state;
  }

  public synchronized void progress() {
    advance(State.PROGRESS);
  }

  public synchronized void progress(long current, long end) {
    advance(State.PROGRESS);
    this.current = current;
    this.end = end;
  }

  public synchronized void succeed() {
    advance(State.SUCCESS);
  }

  /** The reason is kept for logs and the CLI; the wire status says only {@code fail}. */
  public synchronized void fail(String reason) {
    advance(State.FAIL);
    this.failure = reason;
  }

  public synchronized String failure() {
    return failure;
  }

  public synchronized Operation sub(String subLabel) {
    var sub = new Operation(subLabel);
    subs.add(sub);
    return sub;
  }

  public synchronized boolean done() {
    return state == State.SUCCESS || state == State.FAIL;
  }

  private void advance(State next) {
    if (next.ordinal() < state.ordinal() || (done() && next != state)) {
      throw new IllegalStateException("operation cannot go from " + state + " to " + next);
    }
    state = next;
  }

  /**
   * The status string of provd-rest-api.md §7: {@code [label "|"] state [";" current ["/" end]]
   * {"(" sub ")"}}, e.g. {@code install|progress(download|progress;13818/54000)}.
   */
  public synchronized String format() {
    var sb = new StringBuilder();
    if (label != null) {
      sb.append(label).append('|');
    }
    sb.append(state.wire());
    if (current != null) {
      sb.append(';').append(current);
      if (end != 0) {
        sb.append('/').append(end);
      }
    }
    for (Operation sub : subs) {
      sb.append('(').append(sub.format()).append(')');
    }
    return sb.toString();
  }
}
