package io.autoprovd.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclTest {
  @ParameterizedTest(name = "{0} grants {1}: {2}")
  @CsvSource({
      "provd.dev_mgr.devices.read, provd.dev_mgr.devices.read, true",
      "provd.dev_mgr.devices.read, provd.dev_mgr.devices.create, false",
      "provd.dev_mgr.devices.*.read, provd.dev_mgr.devices.abc.read, true",
      "provd.dev_mgr.devices.*.read, provd.dev_mgr.devices.read, false",
      "provd.dev_mgr.devices.*.read, provd.dev_mgr.devices.a.b.read, false",
      "provd.#, provd.cfg_mgr.configs.x.raw.read, true",
      "provd.#, provd, true",
      "provd.dev_mgr.#, provd.cfg_mgr.configs.read, false",
      "provd.#.read, provd.dev_mgr.devices.x.read, true",
      "provd.#.read, provd.dev_mgr.devices.x.update, false",
      "!provd.#, provd.dev_mgr.devices.read, false",
      "#, anything.at.all, true",
  })
  void wildcards_matchAsWazoAuthDoes(String granted, String required, boolean expected) {
    assertThat(Acl.matches(granted, required)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} denies {1}: {2}")
  @CsvSource({
      "!provd.configure.#, provd.configure.x.NAT.update, true",
      "!provd.configure.#, provd.dev_mgr.devices.read, false",
      "!provd.dev_mgr.devices.*.delete, provd.dev_mgr.devices.abc.delete, true",
      "provd.#, provd.dev_mgr.devices.read, false",
  })
  void aNegativeAcl_deniesWhatItMatches_andOnlyThat(String granted, String required, boolean expected) {
    assertThat(Acl.denies(granted, required)).isEqualTo(expected);
  }
}
