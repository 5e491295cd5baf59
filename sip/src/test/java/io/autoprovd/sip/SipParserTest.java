package io.autoprovd.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipParserTest {
  static final String REGISTER = """
      REGISTER sip:autoprovd SIP/2.0\r
      Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK776asdhds;rport\r
      v: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKother, SIP/2.0/TCP 10.0.0.2\r
      Max-Forwards: 70\r
      To: "Phone" <sip:apabcdefghij@autoprovd>\r
      f: <sip:apabcdefghij@autoprovd>;tag=456248\r
      i: 843817637684230@998sdasdh09\r
      CSeq: 1826 REGISTER\r
      Contact: <sip:apabcdefghij@192.168.1.20:5060>;expires=600, <sip:apabcdefghij@192.168.1.20:5070>\r
      Subject: a folded\r
       header line\r
      l: 0\r
      \r
      """;

  static SipMessage parsed(String text) {
    var result = SipParser.parse(text);
    assertThat(result).isInstanceOf(SipParser.Parse.Parsed.class);
    return ((SipParser.Parse.Parsed) result).message();
  }

  static String malformed(String text, boolean stream) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    var result = SipParser.parse(bytes, bytes.length, stream);
    assertThat(result).isInstanceOf(SipParser.Parse.Malformed.class);
    return ((SipParser.Parse.Malformed) result).reason();
  }

  @Test
  void aRegister_withCompactNamesListsAndFolding_isReadField_byField() {
    var request = (SipRequest) parsed(REGISTER);

    assertThat(request.method()).isEqualTo("REGISTER");
    assertThat(request.uri().host()).isEqualTo("autoprovd");
    assertThat(request.headers().all("Via")).hasSize(3);
    assertThat(request.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
    assertThat(request.topVia().params()).containsKey("rport");
    assertThat(request.callId()).isEqualTo("843817637684230@998sdasdh09");
    assertThat(request.cseq()).isEqualTo(new SipMessage.CSeq(1826, "REGISTER"));
    assertThat(request.from().tag()).isEqualTo("456248");
    assertThat(request.to().displayName()).isEqualTo("Phone");
    assertThat(request.to().uri().user()).isEqualTo("apabcdefghij");
    assertThat(request.headers().all("contact")).hasSize(2);
    assertThat(NameAddress.parse(request.headers().all("Contact").getFirst()).params()).containsEntry("expires", "600");
    assertThat(request.header("subject")).contains("a folded header line");
  }

  @Test
  void encodingThenParsing_givesTheSameMessage() {
    var request = (SipRequest) parsed(REGISTER);

    var again = (SipRequest) parsed(new String(request.encode(), StandardCharsets.UTF_8));

    assertThat(again.headers().all("Via")).isEqualTo(request.headers().all("Via"));
    assertThat(again.method()).isEqualTo(request.method());
    assertThat(again.requestUri()).isEqualTo(request.requestUri());
  }

  @Test
  void bareLineFeeds_andLeadingEmptyLines_areAccepted() {
    var request = (SipRequest) parsed("\r\n\r\n" + REGISTER.replace("\r\n", "\n"));

    assertThat(request.callId()).isEqualTo("843817637684230@998sdasdh09");
  }

  @Test
  void onlyLineEnds_areAKeepAlive() {
    assertThat(SipParser.parse("\r\n\r\n")).isInstanceOf(SipParser.Parse.KeepAlive.class);
  }

  @Test
  void overUdp_aMissingContentLengthTakesTheRestOfTheDatagram_overTcpItIsAnError() {
    String withBody = REGISTER.replace("l: 0\r\n", "") + "v=0\r\n";

    assertThat(((SipRequest) parsed(withBody)).body()).hasSize(5);
    assertThat(malformed(withBody, true)).contains("Content-Length is required");
  }

  @Test
  void aContentLengthLongerThanTheDatagram_isMalformed_butTheRequestCanStillBeAnswered() {
    byte[] bytes = REGISTER.replace("l: 0", "l: 500").getBytes(StandardCharsets.UTF_8);

    var result = (SipParser.Parse.Malformed) SipParser.parse(bytes, bytes.length, false);

    assertThat(result.reason()).contains("Content-Length 500");
    assertThat(result.partial().callId()).isEqualTo("843817637684230@998sdasdh09");
  }

  @Test
  void garbage_isMalformedWithAReason_neverAnException() {
    assertThat(malformed("hello world\r\n\r\n", false)).contains("request line");
    assertThat(malformed("INVITE sip:1@h SIP/3.0\r\n\r\n", false)).contains("request line");
    assertThat(malformed("INV ITE sip:1@h SIP/2.0\r\n\r\n", false)).contains("request line");
    assertThat(malformed("SIP/2.0 999 Nope\r\n\r\n", false)).contains("status line");
    assertThat(malformed("OPTIONS sip:h SIP/2.0\r\nno colon here\r\n\r\n", false)).contains("colon");
    assertThat(malformed("OPTIONS sip:h SIP/2.0\r\nBad Name: x\r\n\r\n", false)).contains("not a token");
    assertThat(malformed("OPTIONS sip:h SIP/2.0\r\nContent-Length: x\r\n\r\n", false)).contains("not a number");
    assertThat(malformed("OPTIONS sip:h SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nab", false))
        .contains("several");
    assertThat(malformed("OPTIONS sip:h SIP/2.0\r\nVia: x", false)).contains("empty line");
  }

  @Test
  void tooManyHeaders_orAHugeMessage_areRefusedCheaply() {
    var many = new StringBuilder("OPTIONS sip:h SIP/2.0\r\n");
    for (int i = 0; i < 200; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    many.append("\r\n");
    assertThat(malformed(many.toString(), false)).contains("more than 128");

    byte[] huge = new byte[SipParser.MAX_MESSAGE + 1];
    assertThat(SipParser.parse(huge, huge.length, false)).isInstanceOf(SipParser.Parse.Malformed.class);
  }

  @Test
  void aResponse_isReadWithItsStatusAndReason() {
    var response = (SipResponse) parsed("SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
        + "CSeq: 2 REGISTER\r\nContent-Length: 0\r\n\r\n");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.reason()).isEqualTo("Unauthorized");
  }

  @Test
  void uris_nameAddresses_andVias_parseTheirParts() {
    var uri = SipUri.parse("sips:123456@[2001:db8::1]:5071;user=phone;transport=tcp");
    assertThat(uri.user()).isEqualTo("123456");
    assertThat(uri.host()).isEqualTo("[2001:db8::1]");
    assertThat(uri.port()).isEqualTo(5071);
    assertThat(uri.transportParam()).isEqualTo("tcp");

    var address = NameAddress.parse("sip:alice@example.com;tag=88");
    assertThat(address.uri().params()).isEmpty(); // §20.10: without <>, parameters are the header's
    assertThat(address.tag()).isEqualTo("88");

    var via = Via.parse("SIP / 2.0 / TCP 10.1.2.3:5070 ; branch=z9hG4bKx ; received=1.2.3.4");
    assertThat(via.transport()).isEqualTo("TCP");
    assertThat(via.sentBy()).isEqualTo("10.1.2.3:5070");
    assertThat(via.params()).containsEntry("received", "1.2.3.4");
  }
}
