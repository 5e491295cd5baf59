package io.autoprovd.core.config;

/** One validation problem: the dotted path of the field and what is wrong with it. */
public record Violation(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
