-- SQLite schema, version 1. Keep in step with ../postgresql/V1__tenants_devices_configs.sql.
-- STRICT tables: without it SQLite stores any value in any column.
-- Booleans are INTEGER 0/1; JSON documents are TEXT; last_seen is epoch milliseconds.

CREATE TABLE tenants (
  uuid        TEXT NOT NULL PRIMARY KEY,
  name        TEXT,
  parent_uuid TEXT
) STRICT;

INSERT INTO tenants (uuid, name, parent_uuid)
VALUES ('00000000-0000-4000-8000-000000000001', 'master', NULL);

-- seq is the rowid: only an INTEGER PRIMARY KEY numbers rows by itself and keeps its numbers
-- through VACUUM. A new row always gets a number above every existing one, so ORDER BY seq is
-- insertion order ("the oldest device with that serial"). id is therefore UNIQUE, not the key.
CREATE TABLE devices (
  seq                       INTEGER PRIMARY KEY,
  id                        TEXT    NOT NULL UNIQUE,
  mac                       TEXT,
  sn                        TEXT,
  uuid                      TEXT,
  ip                        TEXT,
  vendor                    TEXT,
  model                     TEXT,
  version                   TEXT,
  plugin                    TEXT,
  config                    TEXT,
  configured                INTEGER NOT NULL CHECK (configured IN (0, 1)),
  configured_reason         TEXT,
  tenant_uuid               TEXT    NOT NULL,
  is_new                    INTEGER NOT NULL CHECK (is_new IN (0, 1)),
  added                     TEXT,
  description               TEXT,
  options                   TEXT    NOT NULL,
  extra                     TEXT    NOT NULL,
  remote_state_sip_username TEXT,
  last_seen                 INTEGER,
  revision                  INTEGER NOT NULL
) STRICT;

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
  id          TEXT    NOT NULL PRIMARY KEY,
  parent_ids  TEXT    NOT NULL,
  raw_config  TEXT    NOT NULL,
  role        TEXT,
  transient   INTEGER NOT NULL CHECK (transient IN (0, 1)),
  deletable   INTEGER NOT NULL CHECK (deletable IN (0, 1)),
  tenant_uuid TEXT,
  extra       TEXT    NOT NULL,
  revision    INTEGER NOT NULL
) STRICT;

CREATE INDEX configs_role ON configs (role);

-- One row per entry of configs.parent_ids, so that finding the children of a config is indexed.
CREATE TABLE config_parents (
  config_id TEXT    NOT NULL REFERENCES configs (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  parent_id TEXT    NOT NULL,
  PRIMARY KEY (config_id, position)
) STRICT;

CREATE INDEX config_parents_parent_id ON config_parents (parent_id);
