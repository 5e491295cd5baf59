package io.autoprovd.sip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A SIP response: status code 100 to 699 and a reason phrase. */
public record SipResponse(int status, String reason, SipHeaders headers, byte[] body) implements SipMessage {

  public SipResponse {
    if (status < 100 || status > 699) {
      throw new IllegalArgumentException("status: must be 100..699, got " + status);
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(headers, "headers");
    body = body == null ? new byte[0] : body;
    // A reason phrase never holds a line break: it would forge headers.
    reason = reason.replaceAll("[\\r\\n]+", " ");
  }

  public boolean provisional() {
    return status < 200;
  }

  public boolean success() {
    return status >= 200 && status < 300;
  }

  public SipResponse withHeaders(SipHeaders newHeaders) {
    return new SipResponse(status, reason, newHeaders, body);
  }

  public SipResponse withBody(String contentType, byte[] newBody) {
    return new SipResponse(status, reason, headers.with("Content-Type", contentType), newBody);
  }

  @Override
  public String startLine() {
    return "SIP/2.0 " + status + " " + reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipResponse r && r.status == status && r.reason.equals(reason)
        && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, reason, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return startLine() + "\r\n" + headers + "\r\n" + new String(body, StandardCharsets.UTF_8);
  }
}
