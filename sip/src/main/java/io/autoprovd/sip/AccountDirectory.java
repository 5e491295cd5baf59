package io.autoprovd.sip;

import java.util.Objects;
import java.util.Optional;

/**
 * The autoprov SIP accounts: each device in autoprov has its own user name and password
 * (ARCHITECTURE §8), so an authenticated request names exactly one device, whatever address it
 * came from. Implemented by the server over the config store. Thread-safe; may block briefly (an
 * indexed query).
 */
@FunctionalInterface
public interface AccountDirectory {

  /** The account with that Digest user name, if a device in autoprov has it. */
  Optional<Account> find(String username);

  /** An account and the device it belongs to. {@link #toString} hides the password. */
  record Account(String username, String password, String deviceId) {
    public Account {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(deviceId, "deviceId");
    }

    @Override
    public String toString() {
      return "Account[username=" + username + ", password=***, deviceId=" + deviceId + "]";
    }
  }
}
