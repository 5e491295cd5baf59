-- SQLite schema, version 6: provisioning codes and the autoprov SIP account index.
-- Keep in step with ../postgresql/V6__provisioning_codes.sql.
-- A code is unique across the server (a phone in autoprov has no tenant yet, the code alone must
-- name the line); a line config carries at most one code. No foreign keys: a code whose line
-- config was deleted is reported as such when dialed (and listed until revoked), and a deleted
-- device's claim is stale and taken over by the next claim. Times are epoch milliseconds.
CREATE TABLE provisioning_codes (
  code        TEXT    NOT NULL PRIMARY KEY,
  config_id   TEXT    NOT NULL,
  tenant_uuid TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  claimed_by  TEXT,
  claimed_at  INTEGER
) STRICT;

CREATE UNIQUE INDEX provisioning_codes_config_id ON provisioning_codes (config_id);
CREATE INDEX provisioning_codes_claimed_by ON provisioning_codes (claimed_by);

-- Every REGISTER and INVITE to the autoprov SIP service looks its account up by user name: the
-- line 1 user name of a config's own layer. Queries must repeat this exact expression.
CREATE INDEX configs_line1_username ON configs (json_extract(raw_config, '$.sip_lines."1".username'));
