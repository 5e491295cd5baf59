package io.autoprovd.tftp;

import static io.autoprovd.tftp.TestFiles.loopbackSettings;
import static io.autoprovd.tftp.TestFiles.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.autoprovd.tftp.TestClient.Data;
import io.autoprovd.tftp.TestClient.Error;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TftpServerTest {

  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final Duration QUIET = Duration.ofMillis(150);

  private final Map<String, byte[]> files = new HashMap<>(Map.of(
      "empty.bin", new byte[0],
      "one-block.bin", randomBytes(512),
      "three-blocks.bin", randomBytes(2 * 512 + 100),
      "ten-blocks-of-8.bin", randomBytes(8 * 9 + 3)));
  private TftpServer server;
  private TestClient client;

  private void start(TftpSettings settings, FileSource source) {
    server = TftpServer.start(settings, source);
    client = new TestClient(server.localAddress());
  }

  private void start(TftpSettings settings) {
    start(settings, FileSources.ofBytes(files));
  }

  private void start() {
    start(loopbackSettings());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void assertServesNormalRequests() {
    try (var fresh = new TestClient(server.localAddress())) {
      assertThat(fresh.download("three-blocks.bin")).isEqualTo(files.get("three-blocks.bin"));
    }
  }

  private void awaitNoActiveTransfer() {
    await().atMost(Duration.ofSeconds(5)).until(() -> server.check().activeTransfers() == 0);
  }

  @Nested
  class PlainReadRequests {

    @Test
    void aFileIsSentInBlocksOf512_fromANewTransferId_andTheLastBlockIsShort() {
      start();

      client.requestRead("three-blocks.bin", "octet");
      Data first = client.receiveData();
      client.ack(1);
      Data second = client.receiveData();
      client.ack(2);
      Data third = client.receiveData();
      client.ack(3);

      assertThat(first.from().getPort()).isNotEqualTo(server.localAddress().getPort());
      assertThat(first.block()).isEqualTo(1);
      assertThat(first.payload()).hasSize(512);
      assertThat(second.block()).isEqualTo(2);
      assertThat(third.block()).isEqualTo(3);
      assertThat(third.payload()).hasSize(100);
      byte[] all = new byte[1124];
      System.arraycopy(first.payload(), 0, all, 0, 512);
      System.arraycopy(second.payload(), 0, all, 512, 512);
      System.arraycopy(third.payload(), 0, all, 1024, 100);
      assertThat(all).isEqualTo(files.get("three-blocks.bin"));
      awaitNoActiveTransfer();
    }

    @Test
    void aFileOfExactlyOneBlock_endsWithAnEmptyDataBlock() {
      start();

      client.requestRead("one-block.bin", "octet");
      Data first = client.receiveData();
      client.ack(1);
      Data last = client.receiveData();
      client.ack(2);

      assertThat(first.payload()).isEqualTo(files.get("one-block.bin"));
      assertThat(last.block()).isEqualTo(2);
      assertThat(last.payload()).isEmpty();
      assertThat(client.receive(QUIET)).isEmpty();
      awaitNoActiveTransfer();
    }

    @Test
    void anEmptyFile_isOneEmptyDataBlock() {
      start();

      client.requestRead("empty.bin", "octet");
      Data only = client.receiveData();
      client.ack(1);

      assertThat(only.block()).isEqualTo(1);
      assertThat(only.payload()).isEmpty();
      assertThat(client.receive(QUIET)).isEmpty();
      awaitNoActiveTransfer();
    }

    @Test
    void modeNamesAreCaseInsensitive() {
      start();

      client.requestRead("empty.bin", "OcTeT");

      assertThat(client.receiveData().payload()).isEmpty();
    }

    @Test
    void anUnknownFile_getsError1_withTheSourcesMessage() {
      start();

      client.requestRead("nope.cfg", "octet");
      Error error = client.receiveError();

      assertThat(error.code()).isEqualTo(1);
      assertThat(error.message()).isEqualTo("file not found");
    }

    @Test
    void aDeniedFile_getsError2() {
      start(loopbackSettings(), request -> new FileSource.Result.Denied("not for you"));

      client.requestRead("secret.cfg", "octet");
      Error error = client.receiveError();

      assertThat(error.code()).isEqualTo(2);
      assertThat(error.message()).isEqualTo("not for you");
    }

    @Test
    void theSourceSeesThePeerTheRawNameTheModeAndTheOptionsInLowerCase() {
      var seen = new AtomicReference<TftpRequest>();
      start(loopbackSettings(), request -> {
        seen.set(request);
        return new FileSource.Result.NotFound("no");
      });

      client.requestRead("/../Odd Name\\x.cfg", "netascii", "BlkSize", "1024", "vendor", "acme");
      client.receiveError();

      TftpRequest request = seen.get();
      assertThat(request.filename()).isEqualTo("/../Odd Name\\x.cfg");
      assertThat(request.mode()).isEqualTo(TftpRequest.Mode.NETASCII);
      assertThat(request.options()).containsExactlyInAnyOrderEntriesOf(
          Map.of("blksize", "1024", "vendor", "acme"));
      assertThat(request.peer().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    }

    @Test
    void aSourceThatThrows_getsError0_andTheServerKeepsServing() {
      start(loopbackSettings(), request -> {
        if (request.filename().equals("boom")) {
          throw new IllegalStateException("bug in the source");
        }
        return FileSources.ofBytes(files).open(request);
      });

      client.requestRead("boom", "octet");
      Error error = client.receiveError();

      assertThat(error.code()).isZero();
      assertThat(error.message()).isEqualTo("internal error");
      assertServesNormalRequests();
      awaitNoActiveTransfer();
    }
  }

  @Nested
  class Netascii {

    @Test
    void lineFeedsAreSentAsCrLf_andCarriageReturnsAsCrNul_acrossBlockBoundaries() {
      files.put("text.cfg", "a\nbc\rd\r\n\n".getBytes(StandardCharsets.US_ASCII));
      start();

      client.requestRead("text.cfg", "netascii", "blksize", "8");
      client.receiveOptionAck();
      client.ack(0);
      Data first = client.receiveData();
      client.ack(1);
      Data second = client.receiveData();
      client.ack(2);

      assertThat(first.payload()).isEqualTo("a\r\nbc\r\0d".getBytes(StandardCharsets.US_ASCII));
      assertThat(second.payload()).isEqualTo("\r\0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void tsizeIsNotAcknowledgedInNetascii_becauseTheConvertedSizeIsUnknown() {
      files.put("text.cfg", "a\n".getBytes(StandardCharsets.US_ASCII));
      start();

      client.requestRead("text.cfg", "netascii", "tsize", "0", "blksize", "512");

      assertThat(client.receiveOptionAck().options()).containsOnlyKeys("blksize");
    }
  }

  @Nested
  class OptionNegotiation {

    @Test
    void theOackListsOnlyTheGrantedOptions_withTheClientsSpelling_andTsizeIsTheFileSize() {
      start();

      client.requestRead("three-blocks.bin", "octet",
          "blksize", "1428", "TSIZE", "0", "timeout", "3", "windowsize", "16", "foo", "bar");
      var oack = client.receiveOptionAck();

      assertThat(oack.options()).containsExactly(
          entry("blksize", "1428"), entry("timeout", "3"), entry("windowsize", "16"),
          entry("TSIZE", "1124"));
      assertThat(oack.from().getPort()).isNotEqualTo(server.localAddress().getPort());
    }

    @Test
    void afterTheClientAcksBlockZero_dataUsesTheNegotiatedBlockSize() {
      start();

      client.requestRead("three-blocks.bin", "octet", "blksize", "1000");
      client.receiveOptionAck();
      client.ack(0);
      Data first = client.receiveData();
      client.ack(1);
      Data last = client.receiveData();
      client.ack(2);

      assertThat(first.payload()).hasSize(1000);
      assertThat(last.payload()).hasSize(124);
    }

    @Test
    void tooLargeBlockAndWindowSizes_areNegotiatedDownToTheConfiguredMaximum() {
      start(loopbackSettings().withMaxBlockSize(1468).withMaxWindowSize(8));

      client.requestRead("three-blocks.bin", "octet", "blksize", "65464", "windowsize", "65535");

      assertThat(client.receiveOptionAck().options())
          .containsEntry("blksize", "1468")
          .containsEntry("windowsize", "8");
    }

    @Test
    void onlyUnknownOptions_meansNoOack_andDataOneAnswersTheRequest() {
      start();

      client.requestRead("empty.bin", "octet", "multicast", "", "x-vendor", "1");

      assertThat(client.receiveData().block()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "blksize, 4", "blksize, 7", "blksize, abc", "blksize, ''", "blksize, -512",
        "timeout, 0", "timeout, 256", "timeout, 1.5", "windowsize, 0", "windowsize, many",
        "tsize, x"})
    void anInvalidOptionValue_getsError8_andNoData(String name, String value) {
      start();

      client.requestRead("three-blocks.bin", "octet", name, value);
      Error error = client.receiveError();

      assertThat(error.code()).isEqualTo(8);
      assertThat(error.message()).contains(name);
      assertThat(client.receive(QUIET)).isEmpty();
      awaitNoActiveTransfer();
    }

    @Test
    void aDuplicateOption_getsError8() {
      start();

      client.requestRead("three-blocks.bin", "octet", "blksize", "1024", "BLKSIZE", "512");

      Error error = client.receiveError();
      assertThat(error.code()).isEqualTo(8);
      assertThat(error.message()).contains("duplicate");
    }

    @Test
    void aClientThatRefusesTheOackWithError8_endsTheTransferQuietly() {
      start(loopbackSettings().withRetransmitTimeout(SHORT_TIMEOUT));

      client.requestRead("three-blocks.bin", "octet", "blksize", "1024");
      client.receiveOptionAck();
      client.sendToTransfer(TestClient.errorPacket(8, "no thanks"));

      assertThat(client.receive(SHORT_TIMEOUT.multipliedBy(2))).isEmpty();
      awaitNoActiveTransfer();
    }

    @Test
    void anUnacknowledgedOack_isResent() {
      start(loopbackSettings().withRetransmitTimeout(SHORT_TIMEOUT));

      client.requestRead("three-blocks.bin", "octet", "blksize", "1024");
      client.receiveOptionAck();

      assertThat(client.receiveOptionAck().options()).containsEntry("blksize", "1024");
    }
  }

  @Nested
  class Windows {

    @Test
    void windowsizeN_sendsNBlocksBeforeWaitingForAnAck() {
      start();

      client.requestRead("ten-blocks-of-8.bin", "octet", "blksize", "8", "windowsize", "4");
      client.receiveOptionAck();
      client.ack(0);
      int[] blocks = {
          client.receiveData().block(), client.receiveData().block(),
          client.receiveData().block(), client.receiveData().block()};
      var beforeAck = client.receive(QUIET);
      client.ack(4);
      int next = client.receiveData().block();

      assertThat(blocks).containsExactly(1, 2, 3, 4);
      assertThat(beforeAck).isEmpty();
      assertThat(next).isEqualTo(5);
    }

    @Test
    void anAckInsideTheWindow_resumesFromTheBlockAfterIt() {
      start();

      client.requestRead("ten-blocks-of-8.bin", "octet", "blksize", "8", "windowsize", "4");
      client.receiveOptionAck();
      client.ack(0);
      for (int i = 0; i < 4; i++) {
        client.receiveData();
      }
      client.ack(2);
      int[] resent = {
          client.receiveData().block(), client.receiveData().block(),
          client.receiveData().block(), client.receiveData().block()};

      assertThat(resent).containsExactly(3, 4, 5, 6);
      assertThat(client.receive(QUIET)).isEmpty();
    }

    @Test
    void onTimeout_theWholeWindowIsResentFromTheFirstUnacknowledgedBlock() {
      start(loopbackSettings().withRetransmitTimeout(SHORT_TIMEOUT));

      client.requestRead("ten-blocks-of-8.bin", "octet", "blksize", "8", "windowsize", "3");
      client.receiveOptionAck();
      client.ack(0);
      for (int i = 0; i < 3; i++) {
        client.receiveData();
      }
      int[] resent = {
          client.receiveData().block(), client.receiveData().block(), client.receiveData().block()};

      assertThat(resent).containsExactly(1, 2, 3);
    }

    @Test
    void theLastWindowStopsAtTheLastBlock() {
      start();

      client.requestRead("ten-blocks-of-8.bin", "octet", "blksize", "8", "windowsize", "16");
      client.receiveOptionAck();
      client.ack(0);
      var blocks = new ArrayList<Data>();
      for (int i = 0; i < 10; i++) {
        blocks.add(client.receiveData());
      }
      var extra = client.receive(QUIET);
      client.ack(10);

      assertThat(blocks.getLast().block()).isEqualTo(10);
      assertThat(blocks.getLast().payload()).hasSize(3);
      assertThat(extra).isEmpty();
      awaitNoActiveTransfer();
    }
  }

  @Nested
  class Retransmission {

    @Test
    void anUnacknowledgedBlock_isResentAfterTheTimeout_upToMaxRetries_thenTheTransferIsAbandoned() {
      start(loopbackSettings().withRetransmitTimeout(SHORT_TIMEOUT).withMaxRetries(2));

      client.requestRead("three-blocks.bin", "octet");
      Data original = client.receiveData();
      Data firstResend = client.receiveData();
      Data secondResend = client.receiveData();
      var afterRetries = client.receive(SHORT_TIMEOUT.multipliedBy(2));

      assertThat(original.block()).isEqualTo(1);
      assertThat(firstResend.block()).isEqualTo(1);
      assertThat(secondResend.payload()).isEqualTo(original.payload());
      assertThat(afterRetries).isEmpty();
      awaitNoActiveTransfer();
    }

    @Test
    void aDuplicateAck_doesNotResendTheNextBlock() {
      start(loopbackSettings().withRetransmitTimeout(Duration.ofMillis(800)));

      client.requestRead("three-blocks.bin", "octet");
      client.receiveData();
      client.ack(1);
      Data second = client.receiveData();
      client.ack(1);
      var afterDuplicate = client.receive(Duration.ofMillis(400));
      client.ack(2);
      Data third = client.receiveData();

      assertThat(second.block()).isEqualTo(2);
      assertThat(afterDuplicate).as("Sorcerer's Apprentice: no answer to a duplicate ACK").isEmpty();
      assertThat(third.block()).isEqualTo(3);
    }

    @Test
    void aClientError_endsTheTransferWithoutReply() {
      start(loopbackSettings().withRetransmitTimeout(SHORT_TIMEOUT));

      client.requestRead("three-blocks.bin", "octet");
      client.receiveData();
      client.sendToTransfer(TestClient.errorPacket(0, "disk full"));

      assertThat(client.receive(SHORT_TIMEOUT.multipliedBy(2))).isEmpty();
      awaitNoActiveTransfer();
    }
  }

  @Nested
  class BlockNumbers {

    @Test
    void blockNumbersWrapFrom65535ToZero_soLongFilesArrive() {
      byte[] content = randomBytes(8 * 65_536 + 8 * 10 + 5);
      files.put("big.bin", content);
      start();

      byte[] received = client.download("big.bin", "blksize", "8", "windowsize", "64");

      assertThat(received).isEqualTo(content);
    }

    @Test
    void theBlockAfter65535_isNumberedZero() {
      byte[] content = randomBytes(8 * 65_537);
      files.put("big.bin", content);
      start();
      client.requestRead("big.bin", "octet", "blksize", "8", "windowsize", "64");
      client.receiveOptionAck();
      client.ack(0);
      Data data = null;
      for (long block = 1; block <= 65_536; block++) {
        data = client.receiveData();
        if (block % 64 == 0) {
          client.ack(data.block());
        }
      }

      assertThat(data.block()).isZero();
      assertThat(data.payload()).isEqualTo(Arrays.copyOfRange(content, 8 * 65_535, 8 * 65_536));
    }
  }

  @Nested
  class TransferIds {

    @Test
    void aPacketFromAnotherPort_getsError5_andTheTransferGoesOn() {
      start();
      client.requestRead("three-blocks.bin", "octet");
      client.receiveData();

      try (var stranger = new TestClient(server.localAddress())) {
        stranger.send(TestClient.ackPacket(1), client.transferId());
        Error error = stranger.receiveError();

        assertThat(error.code()).isEqualTo(5);
        assertThat(error.message()).isEqualTo("Unknown transfer ID");
      }
      client.ack(1);
      assertThat(client.receiveData().block()).isEqualTo(2);
    }
  }

  @Nested
  class Refusals {

    @Test
    void aWriteRequest_getsError2_becauseTheServerIsReadOnly() {
      start();

      byte[] wrq = TestClient.readRequestPacket("upload.bin", "octet");
      wrq[1] = 2;
      client.sendToListener(wrq);
      Error error = client.receiveError();

      assertThat(error.code()).isEqualTo(2);
      assertThat(error.message()).isEqualTo("read-only server");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "unknown opcode 9", "missing NUL after the mode", "missing NUL after the filename",
        "empty filename", "unknown mode", "mail mode", "no mode", "filename over 512 bytes",
        "DATA to the listening port", "ACK to the listening port", "OACK to the listening port",
        "truncated ACK"})
    void aMalformedPacket_getsError4_andTheServerKeepsServing(String kind) {
      start();

      client.sendToListener(malformed(kind));
      Error error = client.receiveError();

      assertThat(error.code()).isEqualTo(4);
      assertThat(error.from()).isEqualTo(server.localAddress());
      assertServesNormalRequests();
      awaitNoActiveTransfer();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty datagram", "one byte", "ERROR to the listening port"})
    void junkAndErrorsAreDroppedSilently_andTheServerKeepsServing(String kind) {
      start();

      client.sendToListener(switch (kind) {
        case "empty datagram" -> new byte[0];
        case "one byte" -> new byte[] {1};
        default -> TestClient.errorPacket(0, "hello");
      });

      assertThat(client.receive(QUIET)).isEmpty();
      assertServesNormalRequests();
    }

    private static byte[] malformed(String kind) {
      return switch (kind) {
        case "unknown opcode 9" -> new byte[] {0, 9, 'x', 0};
        case "missing NUL after the mode" -> bytes("\0\1file\0octet");
        case "missing NUL after the filename" -> bytes("\0\1file");
        case "empty filename" -> bytes("\0\1\0octet\0");
        case "unknown mode" -> bytes("\0\1file\0binary\0");
        case "mail mode" -> bytes("\0\1file\0mail\0");
        case "no mode" -> bytes("\0\1file\0");
        case "filename over 512 bytes" -> bytes("\0\1" + "a".repeat(513) + "\0octet\0");
        case "DATA to the listening port" -> bytes("\0\3\0\1hello");
        case "ACK to the listening port" -> TestClient.ackPacket(1);
        case "OACK to the listening port" -> bytes("\0\6blksize\0512\0");
        case "truncated ACK" -> new byte[] {0, 4, 1};
        default -> throw new IllegalArgumentException(kind);
      };
    }

    private static byte[] bytes(String s) {
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void beyondTheConcurrencyLimit_aRequestGetsServerBusy_andIsServedOnceASlotIsFree() {
      start(loopbackSettings().withMaxConcurrentTransfers(1).withRetransmitTimeout(SHORT_TIMEOUT)
          .withMaxRetries(1));
      client.requestRead("three-blocks.bin", "octet");
      client.receiveData();

      try (var second = new TestClient(server.localAddress())) {
        second.requestRead("three-blocks.bin", "octet");
        Error error = second.receiveError();

        assertThat(error.code()).isZero();
        assertThat(error.message()).contains("busy");
      }
      awaitNoActiveTransfer();
      assertServesNormalRequests();
    }
  }

  @Nested
  class Lifecycle {

    @Test
    void checkReportsActiveTransfers_andCloseEndsThem() {
      start();
      client.requestRead("three-blocks.bin", "octet");
      client.receiveData();

      var during = server.check();
      server.close();
      var after = server.check();

      assertThat(during.running()).isTrue();
      assertThat(during.activeTransfers()).isEqualTo(1);
      assertThat(after.running()).isFalse();
      assertThat(after.activeTransfers()).isZero();
    }

    @Test
    void aPortInUse_failsWithAMessageThatSaysWhatToDo() throws Exception {
      try (var taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        var settings = loopbackSettings().withPort(taken.getLocalPort());

        assertThatThrownBy(() -> TftpServer.start(settings, FileSources.ofBytes(files)))
            .isInstanceOf(UncheckedIOException.class)
            .hasCauseInstanceOf(BindException.class)
            .hasMessageContaining("cannot bind TFTP to")
            .hasMessageContaining(String.valueOf(taken.getLocalPort()))
            .hasMessageContaining("another TFTP port");
      }
    }
  }
}
