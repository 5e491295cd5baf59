package io.autoprovd.core.code;

import java.util.Optional;

/**
 * Finds the config that owns a SIP account, by the user name of its line 1 as written in the
 * config's own layer ({@code raw_config.sip_lines."1".username}). Autoprov accounts are unique per
 * device (ARCHITECTURE §8), so the account a phone authenticates with names its config, and the
 * config names the device: identity never comes from an IP address, which NAPT makes ambiguous.
 *
 * <p>Thread-safe; indexed, so its cost does not grow with the number of configs.
 */
@FunctionalInterface
public interface SipAccountIndex {
  /** The id of the config whose own line 1 user name is {@code username}; the first by id if several. */
  Optional<String> findConfigId(String username);
}
