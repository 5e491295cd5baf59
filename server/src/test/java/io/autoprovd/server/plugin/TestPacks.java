package io.autoprovd.server.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Pack folders and archives for the tests, well-formed and hostile. */
final class TestPacks {
  static final String ACME_UA = "Acme AP1 2.0.1 00:11:22:33:44:55";
  static final String ACME_MAC_FILE = "001122334455.cfg";

  private TestPacks() {}

  /**
   * A small pack {@code acme} at {@code version}: its device file says which version rendered it,
   * its static file too, and it serves firmware from packages.
   */
  static Path acme(Path parent, String version, String packagesYaml) throws IOException {
    Path dir = parent.resolve("acme-" + version).resolve("acme");
    Files.createDirectories(dir.resolve("templates"));
    Files.createDirectories(dir.resolve("static"));
    Files.writeString(dir.resolve("plugin.yml"), """
        id: acme
        version: %s
        vendor: Acme
        description: Acme AP phones, version %s
        identify:
          - user_agent: '^Acme (?<model>AP\\d+) (?<version>[\\d.]+) (?<mac>[\\da-f:]{17})$'
        models:
          AP1:
            lines: 1
            function_keys: 2
            features: { provisioning: Y, paging: N }
        files:
          - path: '{mac}\\.cfg'
            scope: device
            template: mac.cfg.j2
            sensitive: true
            trigger: true
          - path: 'acme\\.txt'
            scope: static
            file: acme.txt
          - path: 'firmware/[\\w.-]+(?:/[\\w.-]+)*'
            scope: package
        %s
        """.formatted(version, version, packagesYaml));
    Files.writeString(dir.resolve("templates/mac.cfg.j2"),
        "pack={{ plugin.version }}\nuser={{ sip_lines['1'].username|d('') }}\n");
    Files.writeString(dir.resolve("static/acme.txt"), "static of " + version + "\n");
    return dir;
  }

  /** One entry of a hand-made archive; {@code zeros} >= 0 makes a file of that many zero bytes. */
  record Entry(String name, byte type, String linkTarget, byte[] content, long zeros) {
    static Entry file(String name, String content) {
      return new Entry(name, TarArchiveEntry.LF_NORMAL, null, content.getBytes(StandardCharsets.UTF_8), -1);
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, TarArchiveEntry.LF_SYMLINK, target, new byte[0], -1);
    }

    static Entry hardlink(String name, String target) {
      return new Entry(name, TarArchiveEntry.LF_LINK, target, new byte[0], -1);
    }

    static Entry zeros(String name, long size) {
      return new Entry(name, TarArchiveEntry.LF_NORMAL, null, null, size);
    }
  }

  /** A .tar.gz holding exactly these entries, names written as given (no checks). */
  static Path tarGz(Path file, Entry... entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        var gzip = new GzipCompressorOutputStream(out);
        var tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        var entry = new TarArchiveEntry(e.name(), e.type(), true);
        if (e.linkTarget() != null) {
          entry.setLinkName(e.linkTarget());
        } else {
          entry.setSize(e.zeros() >= 0 ? e.zeros() : e.content().length);
        }
        tar.putArchiveEntry(entry);
        if (e.zeros() >= 0) {
          byte[] block = new byte[1 << 16];
          for (long left = e.zeros(); left > 0; left -= block.length) {
            tar.write(block, 0, (int) Math.min(block.length, left));
          }
        } else if (e.linkTarget() == null) {
          tar.write(e.content());
        }
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  /** A .zip with these files (name → content). */
  static Path zip(Path file, String... namesAndContents) throws IOException {
    Files.createDirectories(file.getParent());
    try (var zip = new ZipArchiveOutputStream(file)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putArchiveEntry(new ZipArchiveEntry(namesAndContents[i]));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.ISO_8859_1));
        zip.closeArchiveEntry();
      }
    }
    return file;
  }

  /** A .zip with one deflated entry of {@code size} zero bytes. */
  static Path zipOfZeros(Path file, String name, long size) throws IOException {
    Files.createDirectories(file.getParent());
    try (var zip = new ZipArchiveOutputStream(file)) {
      zip.putArchiveEntry(new ZipArchiveEntry(name));
      byte[] block = new byte[1 << 16];
      for (long left = size; left > 0; left -= block.length) {
        zip.write(block, 0, (int) Math.min(block.length, left));
      }
      zip.closeArchiveEntry();
    }
    return file;
  }

  /** Deterministic pseudo-random bytes (a "firmware image"). */
  static byte[] firmware(int size) {
    byte[] bytes = new byte[size];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      bytes[i] = (byte) x;
    }
    return bytes;
  }

  static byte[] truncated(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length / 2);
  }
}
