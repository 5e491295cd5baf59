-- PostgreSQL schema, version 1. Keep in step with ../sqlite/V1__tenants_devices_configs.sql.
-- Keys are COLLATE "C" so that ORDER BY id is code-point order whatever the database locale, as on
-- SQLite. JSON documents are TEXT, not JSONB: JSONB reorders keys, and documents must come back
-- as they were stored. last_seen is epoch milliseconds, as on SQLite.

CREATE TABLE tenants (
  uuid        TEXT COLLATE "C" PRIMARY KEY,
  name        TEXT,
  parent_uuid TEXT
);

INSERT INTO tenants (uuid, name, parent_uuid)
VALUES ('00000000-0000-4000-8000-000000000001', 'master', NULL);

-- seq numbers rows in insertion order ("the oldest device with that serial").
CREATE TABLE devices (
  id                        TEXT COLLATE "C" PRIMARY KEY,
  seq                       BIGINT  GENERATED ALWAYS AS IDENTITY,
  mac                       TEXT,
  sn                        TEXT,
  uuid                      TEXT,
  ip                        TEXT,
  vendor                    TEXT,
  model                     TEXT,
  version                   TEXT,
  plugin                    TEXT,
  config                    TEXT,
  configured                BOOLEAN NOT NULL,
  configured_reason         TEXT,
  tenant_uuid               TEXT    NOT NULL,
  is_new                    BOOLEAN NOT NULL,
  added                     TEXT,
  description               TEXT,
  options                   TEXT    NOT NULL,
  extra                     TEXT    NOT NULL,
  remote_state_sip_username TEXT,
  last_seen                 BIGINT,
  revision                  BIGINT  NOT NULL
);

-- A named unique index rather than a column constraint, so query plans and errors name it.
-- NULLs are distinct: any number of devices may have no MAC.
CREATE UNIQUE INDEX devices_mac ON devices (mac);
CREATE INDEX devices_sn ON devices (sn);
CREATE INDEX devices_uuid ON devices (uuid);
CREATE INDEX devices_ip ON devices (ip);
CREATE INDEX devices_plugin ON devices (plugin);
CREATE INDEX devices_config ON devices (config);
CREATE INDEX devices_tenant_uuid ON devices (tenant_uuid);

CREATE TABLE configs (
  id          TEXT COLLATE "C" PRIMARY KEY,
  parent_ids  TEXT    NOT NULL,
  raw_config  TEXT    NOT NULL,
  role        TEXT,
  transient   BOOLEAN NOT NULL,
  deletable   BOOLEAN NOT NULL,
  tenant_uuid TEXT,
  extra       TEXT    NOT NULL,
  revision    BIGINT  NOT NULL
);

CREATE INDEX configs_role ON configs (role);

-- One row per entry of configs.parent_ids, so that finding the children of a config is indexed.
CREATE TABLE config_parents (
  config_id TEXT    NOT NULL REFERENCES configs (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  parent_id TEXT    NOT NULL,
  PRIMARY KEY (config_id, position)
);

CREATE INDEX config_parents_parent_id ON config_parents (parent_id);
