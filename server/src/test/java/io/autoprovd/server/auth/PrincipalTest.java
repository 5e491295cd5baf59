package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalTest {
  @Test
  void aPrincipal_isAllowedWhatOneOfItsAclsGrants() {
    // given
    var principal = new Principal("t", "tenant", List.of("provd.dev_mgr.devices.*.read", "provd.status.read"));

    // then
    assertThat(principal.allows("provd.dev_mgr.devices.abc.read")).isTrue();
    assertThat(principal.allows("provd.status.read")).isTrue();
    assertThat(principal.allows("provd.dev_mgr.devices.abc.delete")).isFalse();
    assertThat(principal.allows("provd.cfg_mgr.configs.read")).isFalse();
  }

  @Test
  void aNegativeAcl_takesAwayWhatABroaderOneGrants_wherever_itSitsInTheList() {
    // given
    var denyFirst = new Principal("t", "tenant", List.of("!provd.configure.#", "provd.#"));
    var denyLast = new Principal("t", "tenant", List.of("provd.#", "!provd.configure.#"));

    // then
    for (Principal principal : List.of(denyFirst, denyLast)) {
      assertThat(principal.allows("provd.configure.tenant.NAT.update")).isFalse();
      assertThat(principal.allows("provd.dev_mgr.devices.read")).isTrue();
    }
  }

  @Test
  void onlyNegativeAcls_allowNothing() {
    // given
    var principal = new Principal("t", "tenant", List.of("!provd.configure.#"));

    // then
    assertThat(principal.allows("provd.dev_mgr.devices.read")).isFalse();
  }

  @Test
  void noAcl_allowsNothing() {
    assertThat(new Principal("t", "tenant", List.of()).allows("provd.status.read")).isFalse();
  }
}
