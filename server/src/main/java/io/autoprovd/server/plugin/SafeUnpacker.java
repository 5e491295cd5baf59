package io.autoprovd.server.plugin;

import io.autoprovd.core.plugin.PackageSpec.Unpack;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an archive someone else made (a plugin pack, a vendor's firmware zip) into an empty
 * folder, refusing anything that could write outside it or fill the disk: absolute names, {@code
 * ..}, links of any kind (a pack is data; it has no use for them, and refusing them all is simpler
 * to trust than judging where each points), devices and pipes, duplicate names, more entries or
 * bytes than the limits allow. Bytes are counted as they are inflated, never trusted from headers,
 * so a decompression bomb stops at the limit. On a refusal the caller discards the folder.
 */
final class SafeUnpacker {

  /**
   * @param maxBytes total bytes written
   * @param maxEntries entries read (files, folders, skipped ones)
   * @param maxFileBytes bytes of one file
   */
  record Limits(long maxBytes, int maxEntries, long maxFileBytes) {
    /** A plugin pack: descriptor, templates, a few static files. */
    static final Limits PACKS = new Limits(64L << 20, 10_000, 32L << 20);
    /** Firmware and language archives: Android-based phones ship images of 700 MB. */
    static final Limits PACKAGES = new Limits(4L << 30, 100_000, 2L << 30);
  }

  /**
   * Where an entry goes: its checked relative name in, the relative target out, or empty to skip
   * it (an {@code include} filter that does not match).
   */
  @FunctionalInterface
  interface Placement extends Function<String, Optional<String>> {
    Placement AS_IS = Optional::of;
  }

  private final Limits limits;
  private long bytes;
  private int entries;

  private SafeUnpacker(Limits limits) {
    this.limits = limits;
  }

  /**
   * Unpacks {@code archive} into {@code into} (which must exist).
   *
   * @return the relative paths of the files written, in archive order
   * @throws InstallException naming the archive and the offending entry
   */
  static List<String> unpack(Path archive, Unpack format, Path into, Limits limits, Placement placement) {
    var unpacker = new SafeUnpacker(limits);
    try {
      return switch (format) {
        case ZIP -> unpacker.zip(archive, into, placement);
        case TAR -> unpacker.tar(archive, into, placement, in -> in);
        case TAR_GZ -> unpacker.tar(archive, into, placement, GzipCompressorInputStream::new);
        case TAR_BZ2 -> unpacker.tar(archive, into, placement, BZip2CompressorInputStream::new);
        case NONE -> throw new IllegalArgumentException("not an archive format: none");
      };
    } catch (InstallException e) {
      throw new InstallException(archive.getFileName() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InstallException(archive.getFileName() + ": unreadable or truncated archive: " + e.getMessage(), e);
    }
  }

  private interface Decompressor {
    InputStream open(InputStream in) throws IOException;
  }

  private List<String> tar(Path archive, Path into, Placement placement, Decompressor decompressor) throws IOException {
    var written = new ArrayList<String>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(decompressor.open(raw))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        count();
        String name = entryName(entry.getName());
        if (entry.isSymbolicLink() || entry.isLink()) {
          throw new InstallException("entry " + entry.getName() + " is a link to " + entry.getLinkName()
              + "; links are refused");
        }
        if (entry.isDirectory()) {
          continue;
        }
        if (!entry.isFile()) {
          throw new InstallException("entry " + entry.getName() + " is not a regular file (device, pipe, …)");
        }
        // A skipped entry is still read through; its declared size must fit too.
        if (entry.getSize() > limits.maxFileBytes()) {
          throw new InstallException("entry " + name + " is larger than " + limits.maxFileBytes() + " bytes");
        }
        var target = placement.apply(name);
        if (target.isPresent()) {
          write(into, target.get(), tar);
          written.add(target.get());
        }
      }
    }
    return written;
  }

  private List<String> zip(Path archive, Path into, Placement placement) throws IOException {
    var written = new ArrayList<String>();
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
        count();
        String name = entryName(entry.getName());
        if (entry.isUnixSymlink()) {
          throw new InstallException("entry " + entry.getName() + " is a link; links are refused");
        }
        if (entry.isDirectory()) {
          continue;
        }
        var target = placement.apply(name);
        if (target.isPresent()) {
          try (InputStream in = zip.getInputStream(entry)) {
            write(into, target.get(), in);
          }
          written.add(target.get());
        }
      }
    }
    return written;
  }

  private void count() {
    if (++entries > limits.maxEntries()) {
      throw new InstallException("more than " + limits.maxEntries() + " entries");
    }
  }

  /**
   * The entry's name as a relative path of plain segments; a leading {@code ./} is dropped, a
   * trailing {@code /} (folders) too.
   */
  static String entryName(String raw) {
    String name = raw;
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (raw.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new InstallException("entry " + raw + " has an absolute path");
    }
    if (name.isEmpty()) {
      return "";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new InstallException("entry " + printable(raw) + " has a control character or a backslash in its name");
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw new InstallException("entry " + raw + " climbs out of its folder (..)");
      }
      if (segment.isEmpty() || segment.equals(".")) {
        throw new InstallException("entry " + raw + " has an empty or . segment");
      }
    }
    return name;
  }

  private void write(Path into, String relative, InputStream in) throws IOException {
    Path target = into.resolve(relative).normalize();
    if (relative.isEmpty() || !target.startsWith(into) || target.equals(into)) {
      throw new InstallException("entry " + relative + " would land outside its folder");
    }
    try {
      Files.createDirectories(target.getParent());
    } catch (FileAlreadyExistsException e) {
      throw new InstallException("entry " + relative + " needs a folder where a file of that name is", e);
    }
    long fileBytes = 0;
    byte[] buffer = new byte[1 << 16];
    // CREATE_NEW: a second entry of the same name must not replace (or write through) the first.
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        fileBytes += n;
        bytes += n;
        if (fileBytes > limits.maxFileBytes()) {
          throw new InstallException("entry " + relative + " inflates to more than " + limits.maxFileBytes() + " bytes");
        }
        if (bytes > limits.maxBytes()) {
          throw new InstallException("archive inflates to more than " + limits.maxBytes() + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (FileAlreadyExistsException e) {
      throw new InstallException("entry " + relative + " appears twice", e);
    }
  }

  private static String printable(String s) {
    var sb = new StringBuilder();
    s.codePoints().limit(200).forEach(c -> sb.append(c < 0x20 || c == 0x7f ? "\\x%02x".formatted(c) : Character.toString(c)));
    return sb.toString();
  }
}
