-- SQLite schema, version 4. Keep in step with ../postgresql/V4__parameters.sql.
-- Server parameters changed through REST /0.2/configure (provd-rest-api.md §8.6). One row per set
-- value: scope '' holds the global parameters, a tenant UUID that tenant's own (provisioning_key).
-- An unset parameter has no row.
CREATE TABLE parameters (
  scope TEXT NOT NULL,
  id    TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (scope, id)
) STRICT;

-- A provisioning key names one tenant in phone URLs: unique across tenants, enforced here so that
-- two tenants setting the same key at once cannot both win.
CREATE UNIQUE INDEX parameters_provisioning_key ON parameters (value) WHERE id = 'provisioning_key';

-- REST searches select devices by vendor and model as often as by plugin.
CREATE INDEX devices_vendor ON devices (vendor);
CREATE INDEX devices_model ON devices (model);
