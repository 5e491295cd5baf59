package io.autoprovd.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.tftp.FileSource.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSourcesTest {

  private static TftpRequest request(String filename) {
    return new TftpRequest(
        new InetSocketAddress("127.0.0.1", 5000), filename, TftpRequest.Mode.OCTET, Map.of());
  }

  private static byte[] readAll(Result result) throws IOException {
    assertThat(result).isInstanceOf(Result.Found.class);
    var found = (Result.Found) result;
    try (ReadableByteChannel channel = found.content()) {
      var buffer = ByteBuffer.allocate((int) found.size() + 1);
      while (channel.read(buffer) >= 0 && buffer.hasRemaining()) {
        // read to the end
      }
      buffer.flip();
      var bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
  }

  @Nested
  class OfBytes {

    @Test
    void servesAKnownNameWithItsSize_andCopiesTheArray() throws IOException {
      byte[] content = {1, 2, 3};
      FileSource source = FileSources.ofBytes(Map.of("a.bin", content));
      content[0] = 9;

      Result result = source.open(request("a.bin"));

      assertThat(((Result.Found) result).size()).isEqualTo(3);
      assertThat(readAll(result)).containsExactly(1, 2, 3);
    }

    @Test
    void anyOtherNameIsNotFound() {
      FileSource source = FileSources.ofBytes(Map.of("a.bin", new byte[0]));

      assertThat(source.open(request("A.bin"))).isInstanceOf(Result.NotFound.class);
    }
  }

  @Nested
  class Directory {

    @TempDir
    Path parent;
    Path root;
    FileSource source;

    @BeforeEach
    void createTree() throws IOException {
      root = Files.createDirectories(parent.resolve("tftpboot"));
      Files.writeString(root.resolve("SEP001122334455.cnf.xml"), "<device/>");
      Files.createDirectories(root.resolve("firmware/yealink"));
      Files.writeString(root.resolve("firmware/yealink/T46S.rom"), "rom");
      Files.writeString(parent.resolve("secret.txt"), "secret");
      Files.createSymbolicLink(root.resolve("escape"), parent.resolve("secret.txt"));
      Files.createSymbolicLink(root.resolve("escape-dir"), parent);
      Files.createSymbolicLink(root.resolve("alias.rom"), root.resolve("firmware/yealink/T46S.rom"));
      source = FileSources.directory(root);
    }

    @Test
    void servesAFileAtTheTopWithItsSize() throws IOException {
      Result result = source.open(request("SEP001122334455.cnf.xml"));

      assertThat(((Result.Found) result).size()).isEqualTo(9);
      assertThat(readAll(result)).asString(StandardCharsets.US_ASCII).isEqualTo("<device/>");
    }

    @Test
    void servesANestedName() throws IOException {
      assertThat(readAll(source.open(request("firmware/yealink/T46S.rom"))))
          .asString(StandardCharsets.US_ASCII).isEqualTo("rom");
    }

    @Test
    void followsASymlinkThatStaysInsideTheRoot() throws IOException {
      assertThat(readAll(source.open(request("alias.rom"))))
          .asString(StandardCharsets.US_ASCII).isEqualTo("rom");
    }

    @Test
    void aMissingFileOrADirectoryIsNotFound() {
      assertThat(source.open(request("nope.cfg"))).isInstanceOf(Result.NotFound.class);
      assertThat(source.open(request("firmware"))).isInstanceOf(Result.NotFound.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "../secret.txt", "../../etc/passwd", "/etc/passwd", "a/../../x", "firmware/../../secret.txt",
        "..\\x", "firmware\\yealink\\T46S.rom", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt",
        "firmware%2fyealink", "a\0b", "a\nb", "./SEP001122334455.cnf.xml", "firmware//yealink/T46S.rom",
        "firmware/yealink/", "..", ".", "escape", "escape-dir/secret.txt"})
    void aHostileName_isDenied(String name) {
      assertThat(source.open(request(name))).isInstanceOf(Result.Denied.class);
    }

    @Test
    void aNameLongerThan255Bytes_isDenied() {
      assertThat(source.open(request("a".repeat(300)))).isInstanceOf(Result.Denied.class);
    }

    @Test
    void deniedAndNotFoundMessagesRevealNoPath() {
      assertThat(((Result.Denied) source.open(request("../secret.txt"))).message())
          .doesNotContain(root.toString());
      assertThat(((Result.NotFound) source.open(request("x"))).message())
          .doesNotContain(root.toString());
    }

    @Test
    void aRootThatIsNotADirectory_isRefusedAtCreation() {
      assertThatThrownBy(() -> FileSources.directory(parent.resolve("secret.txt")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a directory");
      assertThatThrownBy(() -> FileSources.directory(parent.resolve("missing")))
          .isInstanceOf(UncheckedIOException.class);
    }
  }
}
