package io.autoprovd.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.tftp.TftpRequest.Mode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

  private static Decoded decode(String packet) {
    byte[] bytes = packet.getBytes(StandardCharsets.ISO_8859_1);
    return Wire.decode(bytes, bytes.length);
  }

  @Test
  void aReadRequestWithOptions_keepsTheirOrderAndSpelling() {
    Decoded decoded = decode("\0\1dir/file.cfg\0NetAscii\0BLKSIZE\0001428\0tsize\0000\0");

    assertThat(decoded).isEqualTo(new Decoded.Valid(new Packet.ReadRequest("dir/file.cfg",
        Mode.NETASCII, List.of(new Option("BLKSIZE", "1428"), new Option("tsize", "0")))));
  }

  @Test
  void nulPaddingAfterTheRequest_isNotAnOption() {
    Decoded decoded = decode("\0\1file\0octet\0\0\0\0");

    assertThat(decoded).isEqualTo(
        new Decoded.Valid(new Packet.ReadRequest("file", Mode.OCTET, List.of())));
  }

  @Test
  void anOptionWithAnEmptyValue_isKeptForNegotiationToJudge() {
    Decoded decoded = decode("\0\1file\0octet\0blksize\0\0");

    assertThat(decoded).isEqualTo(new Decoded.Valid(
        new Packet.ReadRequest("file", Mode.OCTET, List.of(new Option("blksize", "")))));
  }

  @Test
  void anOptionWithoutValue_isRefusedWithError8() {
    assertThat(decode("\0\1file\0octet\0blksize\0"))
        .isEqualTo(new Decoded.Invalid(ErrorCode.OPTION_REFUSED, "option blksize without value"));
  }

  @Test
  void moreThan32Options_areRefused() {
    var request = new StringBuilder("\0\1file\0octet\0");
    for (int i = 0; i < 33; i++) {
      request.append("x").append(i).append("\0").append("1\0");
    }

    assertThat(decode(request.toString()))
        .isEqualTo(new Decoded.Invalid(ErrorCode.OPTION_REFUSED, "too many options"));
  }

  @Test
  void aFilenameOfExactly512Bytes_isAccepted() {
    assertThat(decode("\0\1" + "f".repeat(512) + "\0octet\0")).isInstanceOf(Decoded.Valid.class);
  }

  @Test
  void lessThanTwoBytes_isGarbage() {
    assertThat(Wire.decode(new byte[] {0}, 1)).isInstanceOf(Decoded.Garbage.class);
  }

  @Test
  void anErrorWithoutNul_isReadLeniently() {
    assertThat(decode("\0\5\0\1gone")).isEqualTo(new Decoded.Valid(new Packet.Error(1, "gone")));
  }

  @Test
  void anErrorPacketIsNulTerminated_andItsMessageIsPrintableAsciiOfBoundedLength() {
    byte[] packet = Wire.error(ErrorCode.OPTION_REFUSED, "bad\u00e9" + "x".repeat(200));

    assertThat(packet).startsWith(0, 5, 0, 8, 'b', 'a', 'd', '?');
    assertThat(packet).hasSize(4 + Wire.MAX_ERROR_MESSAGE + 1).endsWith(0);
  }

  @Test
  void dataBlockNumbersAreCutTo16Bits() {
    byte[] packet = new byte[4];

    Wire.putDataHeader(packet, 65_536L + 3);

    assertThat(packet).containsExactly(0, 3, 0, 3);
  }
}
