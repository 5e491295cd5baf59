-- PostgreSQL schema, version 6: provisioning codes and the autoprov SIP account index.
-- Keep in step with ../sqlite/V6__provisioning_codes.sql (comments there).
CREATE TABLE provisioning_codes (
  code        TEXT COLLATE "C" PRIMARY KEY,
  config_id   TEXT   NOT NULL,
  tenant_uuid TEXT   NOT NULL,
  created_at  BIGINT NOT NULL,
  claimed_by  TEXT,
  claimed_at  BIGINT
);

CREATE UNIQUE INDEX provisioning_codes_config_id ON provisioning_codes (config_id);
CREATE INDEX provisioning_codes_claimed_by ON provisioning_codes (claimed_by);

-- raw_config is TEXT (documents keep their key order); the cast is immutable, so it can be indexed.
-- Queries must repeat this exact expression.
CREATE INDEX configs_line1_username ON configs (((raw_config::jsonb) -> 'sip_lines' -> '1' ->> 'username'));
