package io.autoprovd.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.Mac;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dhcpinfo payload (reference dhcp.md §4.1), read at the edge. */
class DhcpInfoTest {

  static LeaseReport valid(Map<String, ?> info) {
    var parsed = DhcpInfo.parse(info);
    assertThat(parsed).isInstanceOf(DhcpInfo.Parsed.Valid.class);
    return ((DhcpInfo.Parsed.Valid) parsed).report();
  }

  static List<String> problems(Map<String, ?> info) {
    var parsed = DhcpInfo.parse(info);
    assertThat(parsed).isInstanceOf(DhcpInfo.Parsed.Invalid.class);
    return ((DhcpInfo.Parsed.Invalid) parsed).problems();
  }

  @Test
  void theReferencePayload_isACommitOfThatMacAndAddress_withItsVendorClassDecoded() {
    // given the example of dhcp.md §4.1
    var info = Map.of("op", "commit", "ip", "10.0.0.42", "mac", "0:15:65:a:b:c", "options", List.of("060.43.69.73.63.6f"));

    // when
    LeaseReport report = valid(info);

    // then
    assertThat(report).isEqualTo(new LeaseReport.Commit("10.0.0.42", Mac.parse("00:15:65:0a:0b:0c"), Map.of(60, "Cisco")));
    assertThat(((LeaseReport.Commit) report).vendorClass()).isEqualTo("Cisco");
  }

  @Test
  void iscsWayOfWritingOptions_withoutADotAfterTheCode_andATrailingNul_isRead() {
    // given what dhcpd's binary-to-ascii gives for "CP-3PCC\0", and a user class
    var info = Map.of("op", "commit", "ip", "10.0.0.42", "mac", "00:15:65:0a:0b:0c",
        "options", List.of("06043.50.2d.33.50.43.43.0", "077.54.68"));

    // when
    var commit = (LeaseReport.Commit) valid(info);

    // then the option keeps its NUL, the vendor class drops it
    assertThat(commit.options()).containsEntry(60, "CP-3PCC\0").containsEntry(77, "Th");
    assertThat(commit.vendorClass()).isEqualTo("CP-3PCC");
  }

  @Test
  void aLaterDuplicateOfAnOption_replacesTheEarlierOne_andAnEmptyValueIsAllowed() {
    // when
    var commit = (LeaseReport.Commit) valid(Map.of("op", "commit", "ip", "10.0.0.1", "mac", "001565000001",
        "options", List.of("060.61", "060.62", "012")));

    // then
    assertThat(commit.options()).containsEntry(60, "b").containsEntry(12, "");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "10.1, 10.0.0.1",
      "10.0.258, 10.0.1.2",
      "0x0a.0.0.1, 10.0.0.1",
      "012.0.0.1, 10.0.0.1",
      "167772161, 10.0.0.1",
      "192.168.1.200, 192.168.1.200"})
  void theAddress_isReadWithTheLenientCParser_andWrittenAsADottedQuad(String sent, String stored) {
    // when
    LeaseReport report = valid(Map.of("op", "release", "ip", sent));

    // then
    assertThat(report.ip()).isEqualTo(stored);
  }

  @Test
  void aReleaseOrExpiry_needsOnlyTheAddress() {
    assertThat(valid(Map.of("op", "release", "ip", "10.0.0.1"))).isEqualTo(new LeaseReport.Release("10.0.0.1", null));
    assertThat(valid(Map.of("op", "expiry", "ip", "10.0.0.1", "mac", "00-15-65-00-00-01")))
        .isEqualTo(new LeaseReport.Expiry("10.0.0.1", Mac.parse("00:15:65:00:00:01")));
  }

  @ParameterizedTest(name = "op {0}")
  @ValueSource(strings = {"renew", "COMMIT", ""})
  void anUnknownOperation_isRefused_naming(String op) {
    assertThat(problems(Map.of("op", op, "ip", "10.0.0.1")))
        .containsExactly("op: invalid operation value '" + op + "' (commit, expiry or release)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"060436973", "60.43", "060.", "060.4g", "060.123", "256.01", "0x3c.01", ""})
  void aMalformedOptionString_isRefused_namingItsPlaceAndValue(String option) {
    // when
    List<String> problems = problems(Map.of("op", "commit", "ip", "10.0.0.1", "mac", "001565000001",
        "options", List.of("060.61", option)));

    // then
    assertThat(problems).singleElement().asString().startsWith("options[1]: ").contains(option.isEmpty() ? "''" : option);
  }

  @Test
  void garbage_isRefusedWithEveryReasonAtOnce() {
    // when
    List<String> problems = problems(Map.of("op", "commit", "ip", "10.0.0.300", "mac", "00:15:65:zz:00:01",
        "options", "060.61"));

    // then
    assertThat(problems).containsExactly(
        "ip: not an IPv4 address: '10.0.0.300'",
        "mac: not a MAC address: '00:15:65:zz:00:01'",
        "options: a list of strings, not '060.61'");
  }

  @Test
  void aCommit_needsItsMacAndOptions() {
    assertThat(problems(Map.of("op", "commit", "ip", "10.0.0.1"))).containsExactly(
        "mac: required for commit", "options: required for commit (may be an empty list)");
    assertThat(problems(Map.of())).containsExactly("op: required, commit, expiry or release", "ip: required");
  }

  @Test
  void controlCharactersInAnOffendingValue_doNotReachTheLogAsTheyAre() {
    // when
    List<String> problems = problems(Map.of("op", "commit\nFAKE LOG LINE", "ip", "10.0.0.1"));

    // then
    assertThat(problems.getFirst()).doesNotContain("\n").contains("commit?FAKE LOG LINE");
  }
}
