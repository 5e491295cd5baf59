package io.autoprovd.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {
  private static final String HASH = "ab".repeat(32);
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");

  private static ApiToken token(List<String> acls, String name, Instant expiresAt) {
    return new ApiToken("id1", HASH, "tenant", acls, name, null, NOW, expiresAt);
  }

  @Test
  void timestamps_areKeptToTheMillisecond_asEveryStoreKeepsThem() {
    // when
    ApiToken token = token(List.of("provd.#"), "n", NOW.plusSeconds(10));

    // then
    assertThat(token.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
    assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:00:10.123Z"));
  }

  @Test
  void aToken_expiresAtItsExpiry_notBefore() {
    // given
    ApiToken token = token(List.of("provd.#"), "n", NOW.plusSeconds(10));

    // then
    assertThat(token.isExpiredAt(token.expiresAt().minusMillis(1))).isFalse();
    assertThat(token.isExpiredAt(token.expiresAt())).isTrue();
    assertThat(token(List.of("provd.#"), "n", null).isExpiredAt(Instant.MAX)).isFalse();
  }

  @Test
  void theAclList_isCopied() {
    // given
    var acls = new ArrayList<>(List.of("provd.#"));
    ApiToken token = token(acls, "n", null);

    // when
    acls.add("other.#");

    // then
    assertThat(token.acls()).containsExactly("provd.#");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "provd..read", ".provd", "provd.", "provd read", "provd.\tx"})
  void aMalformedAcl_isRefused_namingIt(String acl) {
    assertThatThrownBy(() -> token(List.of("provd.#", acl), "n", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("acls: not an ACL")
        .hasMessageEndingWith(": " + acl);
  }

  @Test
  void wildcardsAndNegations_areAcls() {
    // when
    ApiToken token = token(List.of("provd.#", "provd.dev_mgr.devices.*.read", "!provd.configure.#", "#"), "n", null);

    // then
    assertThat(token.acls()).hasSize(4);
  }

  @Test
  void noAclAtAll_isRefused() {
    assertThatThrownBy(() -> token(List.of(), "n", null))
        .hasMessage("acls: at least one ACL is needed (provd.# grants everything)");
  }

  @Test
  void anExpiryNotAfterCreation_isRefused() {
    assertThatThrownBy(() -> token(List.of("provd.#"), "n", NOW))
        .hasMessageStartingWith("expiresAt: must be after createdAt");
  }

  @Test
  void aBlankOrOverlongName_isRefused_andANameIsStripped() {
    assertThatThrownBy(() -> token(List.of("provd.#"), "  ", null)).hasMessageStartingWith("name: 1 to 64 characters");
    assertThatThrownBy(() -> token(List.of("provd.#"), "x".repeat(65), null)).hasMessageStartingWith("name:");
    assertThat(token(List.of("provd.#"), " confd ", null).name()).isEqualTo("confd");
  }

  @Test
  void aHashThatIsNotSha256Hex_isRefused() {
    assertThatThrownBy(() -> new ApiToken("id1", "AB".repeat(32), "t", List.of("provd.#"), "n", null, NOW, null))
        .hasMessage("hash: must be 64 lower-case hex digits");
  }
}
