-- PostgreSQL schema, version 3. Keep in step with ../sqlite/V3__dhcp_leases.sql.
-- The latest lease event the site's DHCP server reported for each address (docs/dhcp.md):
-- op is commit, expiry or release; mac is canonical aa:bb:cc:dd:ee:ff, or NULL when an ISC
-- expiry named only the address and no commit came before; at is epoch milliseconds.
CREATE TABLE dhcp_leases (
  ip           TEXT COLLATE "C" PRIMARY KEY,
  mac          TEXT,
  op           TEXT   NOT NULL CHECK (op IN ('commit', 'expiry', 'release')),
  vendor_class TEXT,
  at           BIGINT NOT NULL
);

CREATE INDEX dhcp_leases_mac ON dhcp_leases (mac);
