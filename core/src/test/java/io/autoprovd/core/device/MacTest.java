package io.autoprovd.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MacTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "00:15:65:12:34:56",
      "00-15-65-12-34-56", "0015.6512.3456", "001565123456"})
  void everyUsualSpellingWithDigitsOnly_parsesToTheCanonicalForm(String text) {
    // when
    Mac mac = Mac.parse(text);

    // then
    assertThat(mac.value()).isEqualTo("00:15:65:12:34:56");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "80:5e:c0:ab:cd:ef", "80:5E:C0:AB:CD:EF", "80-5e-c0-ab-cd-ef", "80-5E-C0-AB-CD-EF",
      "805e.c0ab.cdef", "805E.C0AB.CDEF", "805ec0abcdef", "805EC0ABCDEF", "805Ec0aBcDeF"})
  void everyUsualSpellingInAnyCase_parsesToLowerCaseWithColons(String text) {
    // when
    Mac mac = Mac.parse(text);

    // then
    assertThat(mac.value()).isEqualTo("80:5e:c0:ab:cd:ef");
    assertThat(mac.toString()).isEqualTo("80:5e:c0:ab:cd:ef");
  }

  @Test
  void aParsedMac_offersItsCompactFormAndOui() {
    // given
    Mac mac = Mac.parse("80:5E:C0:11:22:33");

    // then
    assertThat(mac.compact()).isEqualTo("805ec0112233");
    assertThat(mac.oui()).isEqualTo("805ec0");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {
      "00:15:65:12:34", "00:15:65:12:34:56:78", "0015651234567", "00156512345",
      "00:15:65:12:34:5g", "zz:zz:zz:zz:zz:zz", "00:15:65:12:34:56 ", " 001565123456",
      "00156512:3456", "0:015:65:12:34:56", "00:15:65.12:34:56", "0015-6512-3456",
      "00::15:65:12:34:56", "00/15/65/12/34/56", "garbage", "Yealink SIP-T46S 00:15:65:12:34:56"})
  void garbage_isRefusedWithAMessageNamingTheText(String text) {
    // when / then
    assertThat(Mac.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> Mac.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mac:")
        .hasMessageContaining(String.valueOf(text));
  }

  @Test
  void theCanonicalConstructor_refusesANonCanonicalValue() {
    // when / then
    assertThatThrownBy(() -> new Mac("00-15-65-12-34-56"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mac:");
    assertThatThrownBy(() -> new Mac("AA:BB:CC:DD:EE:FF"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void macs_compareByTheirCanonicalValue() {
    // given
    Mac low = Mac.parse("00:15:65:00:00:01");
    Mac high = Mac.parse("80:5e:c0:00:00:00");

    // then
    assertThat(low).isLessThan(high);
    assertThat(Mac.parse("805EC0000000")).isEqualTo(high).hasSameHashCodeAs(high);
  }

  @Property
  void parsingAnySpellingOfSixBytes_roundTripsToTheSameBytes(
      @ForAll @Size(6) byte[] bytes, @ForAll("spellings") Spelling spelling) {
    // given
    String text = spelling.write(bytes);

    // when
    Mac mac = Mac.parse(text);

    // then
    assertThat(mac.value()).isEqualTo(HexFormat.ofDelimiter(":").formatHex(bytes));
    assertThat(Mac.parse(mac.value())).isEqualTo(mac);
    assertThat(Mac.parse(mac.compact())).isEqualTo(mac);
    assertThat(HexFormat.of().parseHex(mac.compact())).isEqualTo(bytes);
  }

  @Provide
  Arbitrary<Spelling> spellings() {
    return Arbitraries.of(Spelling.class);
  }

  enum Spelling {
    COLONS_LOWER, COLONS_UPPER, DASHES_LOWER, DASHES_UPPER, CISCO_DOTS, BARE_LOWER, BARE_UPPER;

    String write(byte[] bytes) {
      String bare = HexFormat.of().formatHex(bytes);
      return switch (this) {
        case COLONS_LOWER -> HexFormat.ofDelimiter(":").formatHex(bytes);
        case COLONS_UPPER -> HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
        case DASHES_LOWER -> HexFormat.ofDelimiter("-").formatHex(bytes);
        case DASHES_UPPER -> HexFormat.ofDelimiter("-").withUpperCase().formatHex(bytes);
        case CISCO_DOTS -> bare.substring(0, 4) + "." + bare.substring(4, 8) + "." + bare.substring(8);
        case BARE_LOWER -> bare;
        case BARE_UPPER -> bare.toUpperCase(java.util.Locale.ROOT);
      };
    }
  }
}
