package io.autoprovd.sip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A SIP request. The Request-URI is kept as text as received and parsed on demand with {@link
 * #uri()}: a request with a URI of another scheme must still be answered (416), so it cannot fail
 * to exist.
 */
public record SipRequest(String method, String requestUri, SipHeaders headers, byte[] body) implements SipMessage {

  public SipRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestUri, "requestUri");
    Objects.requireNonNull(headers, "headers");
    body = body == null ? new byte[0] : body;
  }

  public SipUri uri() {
    return SipUri.parse(requestUri);
  }

  public boolean is(String name) {
    return method.equals(name);
  }

  public SipRequest withHeaders(SipHeaders newHeaders) {
    return new SipRequest(method, requestUri, newHeaders, body);
  }

  @Override
  public String startLine() {
    return method + " " + requestUri + " SIP/2.0";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipRequest r && r.method.equals(method) && r.requestUri.equals(requestUri)
        && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, requestUri, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return startLine() + "\r\n" + headers + "\r\n" + new String(body, StandardCharsets.UTF_8);
  }
}
