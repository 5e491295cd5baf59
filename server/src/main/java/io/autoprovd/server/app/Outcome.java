package io.autoprovd.server.app;

import java.util.List;

/** The result of an administrative write; the REST layer maps each case to one status. */
public sealed interface Outcome<T> {
  record Done<T>(T value) implements Outcome<T> {}

  /** 400: every problem, each naming its field. */
  record Invalid<T>(List<String> problems) implements Outcome<T> {}

  /** 404. */
  record Missing<T>(String what) implements Outcome<T> {}

  /** 409: a duplicate id or MAC, or a concurrent change that could not be merged. */
  record Conflict<T>(String why) implements Outcome<T> {}

  /** 403: the object may not be changed that way. */
  record Forbidden<T>(String why) implements Outcome<T> {}
}
