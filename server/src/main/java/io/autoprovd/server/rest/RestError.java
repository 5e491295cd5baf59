package io.autoprovd.server.rest;

import java.util.List;

/**
 * A client's mistake found at the REST edge, answered with its status and a JSON body {@code
 * {"message": …, "errors": […]}}. Thrown by {@link RestContext} helpers and by route handlers;
 * {@link RestServer} turns it into the response and logs one line. Never a server failure: those
 * are other exceptions, answered 500.
 *
 * @param errors one entry per problem, each naming its field ({@code device.mac: not a MAC address})
 */
public final class RestError extends RuntimeException {
  private final int status;
  private final List<String> errors;

  public RestError(int status, String message) {
    this(status, message, List.of());
  }

  public RestError(int status, String message, List<String> errors) {
    super(message, null, false, false);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("status: a client error is 4xx, was " + status);
    }
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** 400 listing every problem. */
  public static RestError invalid(List<String> problems) {
    return new RestError(400, String.join("; ", problems), problems);
  }

  /** 401 with the reference's body: the same for every authentication failure (provd-rest-api.md §4). */
  public static RestError unauthorized() {
    return new RestError(401, "Unauthorized");
  }

  public static RestError notFound(String what) {
    return new RestError(404, what);
  }

  public int status() {
    return status;
  }

  public List<String> errors() {
    return errors;
  }
}
