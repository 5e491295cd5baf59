package io.autoprovd.core.plugin;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An optional download a pack offers (firmware, language files, ring tones), as declared under
 * {@code packages} in {@code plugin.yml}: the files to fetch, each pinned by size and SHA-256, and
 * what to take out of them into the plugin's package folder, which the file table's {@code
 * package} scope serves. Installing one runs nothing: archives are only unpacked.
 *
 * @param files fetched in order; at least one
 * @param install the steps that place content into the package folder; when none are declared,
 *     each file is unpacked (archives) or copied (anything else) into the folder's root
 */
public record PackageSpec(
    String id, String version, String description, List<PackageFile> files, List<InstallStep> install) {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public PackageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    files = List.copyOf(files);
    install = List.copyOf(install);
  }

  /** Bytes to download for this package (the sum of its files' declared sizes). */
  public long downloadSize() {
    return files.stream().mapToLong(PackageFile::size).sum();
  }

  public Optional<PackageFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * The steps to run: the declared ones, or one per file into the root with the unpacking its
   * name implies.
   */
  public List<InstallStep> effectiveInstall() {
    if (!install.isEmpty()) {
      return install;
    }
    return files.stream().map(f -> new InstallStep(f.name(), Unpack.byName(f.name()), List.of(), "", false)).toList();
  }

  /**
   * One file of a package.
   *
   * @param name the file's name once downloaded (a single path segment)
   * @param url where to fetch it; null when the vendor needs a login and the operator drops the
   *     file into the plugin's package cache by hand (it is still checked against {@code sha256})
   * @param size its exact size in bytes; a download that grows beyond it is cut off
   * @param sha256 lower-case hex
   */
  public record PackageFile(String name, URI url, long size, String sha256) {
    public PackageFile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sha256, "sha256");
      if (size < 0) {
        throw new IllegalArgumentException("size: must be >= 0");
      }
    }
  }

  /**
   * Takes content from one of the package's files into the package folder.
   *
   * @param from the name of one of the package's files
   * @param include glob patterns ({@code *.rom}, {@code lang/**}) over the paths inside the
   *     archive (or over the file's own name when it is not unpacked); empty = everything
   * @param to the folder under the package root ({@code ""} = the root), relative, without {@code ..}
   * @param flatten keep only each entry's file name, dropping the folders it sat in
   */
  public record InstallStep(String from, Unpack unpack, List<String> include, String to, boolean flatten) {
    public InstallStep {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(unpack, "unpack");
      include = List.copyOf(include);
      to = to == null ? "" : to;
    }
  }

  /** How a file is opened: copied as it is, or unpacked from one of these archive formats. */
  public enum Unpack {
    NONE, ZIP, TAR, TAR_GZ, TAR_BZ2;

    /** The format a file name implies: {@code .zip}, {@code .tar}, {@code .tar.gz}/{@code .tgz}, {@code .tar.bz2}/{@code .tbz2}. */
    public static Unpack byName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".zip")) {
        return ZIP;
      }
      if (n.endsWith(".tar")) {
        return TAR;
      }
      if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
        return TAR_GZ;
      }
      if (n.endsWith(".tar.bz2") || n.endsWith(".tbz2")) {
        return TAR_BZ2;
      }
      return NONE;
    }

    /** As written in {@code plugin.yml}: {@code none}, {@code zip}, {@code tar}, {@code tar.gz}, {@code tar.bz2}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static Optional<Unpack> parse(String text) {
      for (Unpack u : values()) {
        if (u.yamlName().equals(text)) {
          return Optional.of(u);
        }
      }
      return Optional.empty();
    }
  }
}
