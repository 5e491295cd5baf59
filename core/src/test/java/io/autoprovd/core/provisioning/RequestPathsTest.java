package io.autoprovd.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {
      "../x", "/../x", "a/../../x", "a/..", "..", "/..", "//etc/passwd", "/", "//", ".", "/.", "./x", "a/./b",
      "..\\x", "a\\b", "%2e%2e/x", "%2F", "a//b", "a/", "C:/Windows/win.ini", "a\u0000.cfg", "a\u0001b",
      "a\nb", "a\rb", "a\tb", "a\u007fb", "a\u001fb"})
  void aHostileOrInvalidName_isRefused(String raw) {
    // when / then
    assertThat(RequestPaths.normalize(raw)).isEmpty();
  }

  @Test
  void aNameLongerThan255Characters_isRefused() {
    // given
    String longest = "a".repeat(RequestPaths.MAX_LENGTH);

    // when / then
    assertThat(RequestPaths.normalize("a".repeat(300))).isEmpty();
    assertThat(RequestPaths.normalize("/" + "a".repeat(300))).isEmpty();
    assertThat(RequestPaths.normalize(longest + "a")).isEmpty();
    assertThat(RequestPaths.normalize(longest)).contains(longest);
    assertThat(RequestPaths.normalize("/" + longest)).contains(longest);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {
      "001565123456.cfg", "Cisco/CP-8841-3PCC/abc.cfg", "SEP001122334455.cnf.xml", "y000000000028.cfg",
      "snomD785-000413AABBCC.htm", "firmware/T46S-66.86.0.15.rom", "a..b", "...", ".hidden", "name with space.cfg"})
  void anOrdinaryName_isAcceptedAsItIs(String name) {
    // when / then
    assertThat(RequestPaths.normalize(name)).contains(name);
  }

  @Test
  void oneLeadingSlash_isDropped() {
    // when / then
    assertThat(RequestPaths.normalize("/001565123456.cfg")).contains("001565123456.cfg");
    assertThat(RequestPaths.normalize("/Cisco/CP-8841-3PCC/abc.cfg")).contains("Cisco/CP-8841-3PCC/abc.cfg");
  }
}
