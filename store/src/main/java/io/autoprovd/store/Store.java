package io.autoprovd.store;

import io.autoprovd.core.code.CodeStore;
import io.autoprovd.core.code.SipAccountIndex;
import io.autoprovd.core.config.ConfigStore;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.core.token.TokenStore;
import io.autoprovd.store.internal.Database;
import io.autoprovd.store.internal.CachedDeviceStore;
import io.autoprovd.store.internal.SqlCodeStore;
import io.autoprovd.store.internal.SqlConfigStore;
import io.autoprovd.store.internal.SqlDeviceStore;
import io.autoprovd.store.internal.SqlDhcpLeaseStore;
import io.autoprovd.store.internal.SqlParameterStore;
import io.autoprovd.store.internal.SqlSipAccountIndex;
import io.autoprovd.store.internal.SqlTenantStore;
import io.autoprovd.store.internal.SqlTokenStore;
import java.time.Duration;
import java.util.Objects;

/**
 * The database of one autoprovd installation: devices, configs, tenants and API tokens, on SQLite
 * (embedded default) or PostgreSQL.
 *
 * <pre>{@code
 * try (Store store = Store.open(StoreSettings.sqlite(dataDir))) {
 *   DeviceStore devices = store.devices();
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #open} migrates the schema before it returns, so a store that opened is usable. The
 * stores it hands out are thread-safe and live as long as this object; after {@link #close()} they
 * throw {@link StoreException}. Open one {@code Store} per database and share it.
 */
public final class Store implements AutoCloseable {
  private final Database db;
  private final CachedDeviceStore devices;
  private final ConfigStore configs;
  private final TenantStore tenants;
  private final TokenStore tokens;
  private final DhcpLeaseStore dhcpLeases;
  private final ParameterStore parameters;
  private final CodeStore codes;
  private final SipAccountIndex sipAccounts;

  private Store(Database db) {
    this.db = db;
    // The phone path reads a device by MAC on every fetch; writes refresh the entry.
    this.devices = new CachedDeviceStore(new SqlDeviceStore(db), 200_000, Duration.ofSeconds(30), Duration.ofSeconds(2));
    this.configs = new SqlConfigStore(db);
    this.tenants = new SqlTenantStore(db);
    this.tokens = new SqlTokenStore(db);
    this.dhcpLeases = new SqlDhcpLeaseStore(db);
    this.parameters = new SqlParameterStore(db);
    this.codes = new SqlCodeStore(db);
    this.sipAccounts = new SqlSipAccountIndex(db);
  }

  /**
   * Opens the pools and brings the schema up to date.
   *
   * @throws StoreException when the database cannot be reached or a migration fails
   */
  public static Store open(StoreSettings settings) {
    return new Store(Database.open(Objects.requireNonNull(settings, "settings")));
  }

  public DeviceStore devices() {
    return devices;
  }

  public ConfigStore configs() {
    return configs;
  }

  /** Parameters set through REST {@code /0.2/configure}. */
  public ParameterStore parameters() {
    return parameters;
  }

  public TenantStore tenants() {
    return tenants;
  }

  /** API tokens, by hash (migration V2). */
  public TokenStore tokens() {
    return tokens;
  }

  /** The latest DHCP lease event of each address (migration V3). */
  public DhcpLeaseStore dhcpLeases() {
    return dhcpLeases;
  }

  /** Provisioning codes (migration V6). */
  public CodeStore codes() {
    return codes;
  }

  /** Finds the config that owns an autoprov SIP account, by user name (migration V6). */
  public SipAccountIndex sipAccounts() {
    return sipAccounts;
  }

  /** Runs a trivial query; never throws. */
  public Health check() {
    return db.check();
  }

  /** Closes the pools. Idempotent. */
  @Override
  public void close() {
    devices.close(); // writes the last-seen times still buffered
    db.close();
  }
}
