package io.autoprovd.core;

/**
 * Root of the exceptions autoprovd throws for bugs and infrastructure failures. Expected outcomes
 * (unknown device, unknown path, validation errors) are values, never exceptions.
 */
public class AutoprovdException extends RuntimeException {
  public AutoprovdException(String message) {
    super(message);
  }

  public AutoprovdException(String message, Throwable cause) {
    super(message, cause);
  }
}
