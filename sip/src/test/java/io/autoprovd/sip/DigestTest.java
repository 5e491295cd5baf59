package io.autoprovd.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {
  @Test
  void theRfc2617ExampleGivesItsPublishedResponse() {
    // RFC 2617 §3.5.
    String response = Digest.response("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
        "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth");

    assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void theRfc7616Sha256ExampleGivesItsPublishedResponse() {
    // RFC 7616 §3.9.1.
    String response = Digest.response("SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
        "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth");

    assertThat(response).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void credentialsAnsweringAChallenge_verifyWithTheRightPassword_only() {
    var challenge = Digest.Challenge.parse("Digest realm=\"autoprovd\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"");

    var credentials = Digest.answer(challenge, "apabcdefghij", "s3cret", "REGISTER", "sip:autoprovd", "c0ffee");
    var parsed = Digest.Credentials.parse(credentials.toString());

    assertThat(parsed.verify("REGISTER", "s3cret")).isTrue();
    assertThat(parsed.verify("REGISTER", "wrong")).isFalse();
    assertThat(parsed.verify("INVITE", "s3cret")).isFalse();
  }

  @Test
  void credentialsWithoutQop_areTheRfc2069Form() {
    var challenge = new Digest.Challenge("r", "n", null, "MD5", null, false);

    var credentials = Digest.answer(challenge, "u", "p", "INVITE", "sip:123456@h", null);

    assertThat(credentials.qop()).isNull();
    assertThat(Digest.Credentials.parse(credentials.toString()).verify("INVITE", "p")).isTrue();
  }

  @Test
  void anUnknownAlgorithmNeverVerifies() {
    var c = Digest.Credentials.parse("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", "
        + "response=\"00\", algorithm=MD4");

    assertThat(c.verify("REGISTER", "p")).isFalse();
  }

  @Test
  void credentialsMissingAParameter_areRefusedNamingIt() {
    assertThatThrownBy(() -> Digest.Credentials.parse("Digest username=\"u\", realm=\"r\", uri=\"sip:x\""))
        .hasMessageContaining("nonce");
    assertThatThrownBy(() -> Digest.Credentials.parse("Basic dXNlcjpwYXNz")).hasMessageContaining("Digest");
  }
}
