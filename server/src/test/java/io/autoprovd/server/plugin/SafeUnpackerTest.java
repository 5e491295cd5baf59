package io.autoprovd.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoprovd.core.plugin.PackageSpec.Unpack;
import io.autoprovd.server.plugin.TestPacks.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives from elsewhere are unpacked only inside their folder, and only within limits. */
class SafeUnpackerTest {
  static final SafeUnpacker.Limits SMALL = new SafeUnpacker.Limits(1 << 20, 20, 512 << 10);

  @TempDir Path dir;
  Path into;

  @BeforeEach
  void setUp() throws IOException {
    into = Files.createDirectories(dir.resolve("into"));
  }

  Path tar(Entry... entries) throws IOException {
    return TestPacks.tarGz(dir.resolve("a.tar.gz"), entries);
  }

  void assertRefused(Path archive, Unpack format, String why) throws IOException {
    assertThatThrownBy(() -> SafeUnpacker.unpack(archive, format, into, SMALL, SafeUnpacker.Placement.AS_IS))
        .isInstanceOf(InstallException.class).hasMessageContaining(why);
    // nothing was written outside the folder
    assertThat(dir.resolve("x")).doesNotExist();
    assertThat(dir.getParent().resolve("x")).doesNotExist();
  }

  @Test
  void aWellFormedArchive_isUnpackedEntryByEntry() throws IOException {
    Path archive = tar(Entry.file("./pack/plugin.yml", "id: x\n"), Entry.file("pack/templates/a.j2", "a"));

    var written = SafeUnpacker.unpack(archive, Unpack.TAR_GZ, into, SMALL, SafeUnpacker.Placement.AS_IS);

    assertThat(written).containsExactly("pack/plugin.yml", "pack/templates/a.j2");
    assertThat(into.resolve("pack/templates/a.j2")).hasContent("a");
  }

  @Test
  void anEntryClimbingOut_isRefused() throws IOException {
    assertRefused(tar(Entry.file("pack/../../x", "evil")), Unpack.TAR_GZ, "climbs out of its folder");
  }

  @Test
  void anAbsolutePath_isRefused() throws IOException {
    assertRefused(tar(Entry.file("/tmp/x", "evil")), Unpack.TAR_GZ, "absolute path");
  }

  @Test
  void aSymlinkPointingOut_isRefused_andSoIsAnyLink() throws IOException {
    assertRefused(tar(Entry.symlink("pack/x", "/etc/passwd")), Unpack.TAR_GZ, "is a link to /etc/passwd");
    assertRefused(tar(Entry.file("pack/a", "a"), Entry.hardlink("pack/b", "pack/a")), Unpack.TAR_GZ, "links are refused");
  }

  @Test
  void aDecompressionBomb_isRefusedBeforeFillingTheDisk() throws IOException {
    // given 64 MiB of zeros: a few kilobytes once compressed
    Path bomb = tar(Entry.zeros("pack/zeros.bin", 64L << 20));
    assertThat(Files.size(bomb)).isLessThan(200_000);

    // then
    assertRefused(bomb, Unpack.TAR_GZ, "larger than");
    assertThat(into.resolve("pack/zeros.bin")).doesNotExist();
  }

  @Test
  void aZipBomb_isCountedAsItInflates_notByWhatItsHeadersClaim() throws IOException {
    Path bomb = TestPacks.zipOfZeros(dir.resolve("bomb.zip"), "zeros.bin", 64L << 20);
    assertThat(Files.size(bomb)).isLessThan(200_000);

    assertRefused(bomb, Unpack.ZIP, "inflates to more than");
  }

  @Test
  void manyMediumFiles_stopAtTheTotalLimit() throws IOException {
    Entry[] entries = new Entry[5];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = Entry.zeros("pack/f" + i, 400 << 10);
    }
    assertRefused(tar(entries), Unpack.TAR_GZ, "inflates to more than 1048576 bytes");
  }

  @Test
  void tooManyEntries_areRefused() throws IOException {
    Entry[] entries = new Entry[25];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = Entry.file("pack/f" + i, "x");
    }
    assertRefused(tar(entries), Unpack.TAR_GZ, "more than 20 entries");
  }

  @Test
  void aNameTwice_isRefused_soASecondEntryCannotReplaceTheFirst() throws IOException {
    assertRefused(tar(Entry.file("pack/a", "1"), Entry.file("pack/a", "2")), Unpack.TAR_GZ, "appears twice");
  }

  @Test
  void aTruncatedArchive_isRefusedAsUnreadable() throws IOException {
    Path archive = tar(Entry.file("pack/a", new String(TestPacks.firmware(200_000), java.nio.charset.StandardCharsets.ISO_8859_1)));
    Files.write(archive, TestPacks.truncated(Files.readAllBytes(archive)));

    assertRefused(archive, Unpack.TAR_GZ, "unreadable or truncated");
  }

  @Test
  void zipEntries_areCheckedTheSameWay() throws IOException {
    assertRefused(TestPacks.zip(dir.resolve("a.zip"), "../x", "evil"), Unpack.ZIP, "climbs out");
    assertRefused(TestPacks.zip(dir.resolve("b.zip"), "/x", "evil"), Unpack.ZIP, "absolute path");
    assertRefused(TestPacks.zip(dir.resolve("c.zip"), "C:/x", "evil"), Unpack.ZIP, "absolute path");
  }

  @Test
  void placement_keepsOnlyWhatTheInstallStepIncludes_whereItSays() throws IOException {
    Path zip = TestPacks.zip(dir.resolve("fw.zip"), "release/T1.rom", "rom", "release/notes.txt", "notes");

    var written = SafeUnpacker.unpack(zip, Unpack.ZIP, into, SMALL,
        name -> name.endsWith(".rom") ? Optional.of("firmware/" + Path.of(name).getFileName()) : Optional.empty());

    assertThat(written).containsExactly("firmware/T1.rom");
    try (Stream<Path> all = Files.walk(into)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> into.relativize(p).toString())).containsExactly("firmware/T1.rom");
    }
  }
}
