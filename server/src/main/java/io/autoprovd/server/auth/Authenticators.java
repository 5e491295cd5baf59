package io.autoprovd.server.auth;

import io.autoprovd.core.token.TokenStore;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how REST tokens are checked, from {@code auth.*} settings: autoprovd's own tokens by
 * default, wazo-auth when {@code auth.wazo_auth_url} is set. Exactly one of the two: with
 * wazo-auth, local tokens are not accepted, so a token revoked in wazo-auth cannot live on here.
 */
public final class Authenticators {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticators.class);

  private Authenticators() {}

  /**
   * The authenticator the REST API uses. With local tokens this also makes sure the first-start
   * admin token exists ({@link AdminToken#ensure}).
   */
  public static Authenticator create(ServerSettings settings, Store store) {
    return create(settings.auth(), settings.dataDir().toAbsolutePath(), store.tokens(), InstantSource.system());
  }

  public static Authenticator create(ServerSettings.Auth auth, Path dataDir, TokenStore tokens, InstantSource clock) {
    if (auth.wazoAuth().isPresent()) {
      LOG.info("REST API tokens are checked by wazo-auth at {} (cached {}); local tokens are not accepted",
          auth.wazoAuthUrl(), auth.cacheTtl());
      return WazoAuthAuthenticator.create(auth.wazoAuthUrl(), auth.cacheTtl());
    }
    AdminToken.ensure(dataDir, tokens, clock);
    return new LocalAuthenticator(tokens, clock, auth.cacheTtl());
  }
}
