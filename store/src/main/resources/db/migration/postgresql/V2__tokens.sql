-- PostgreSQL schema, version 2: API tokens. Keep in step with ../sqlite/V2__tokens.sql.
-- Only the SHA-256 of a token is stored (hex), never the token: a copy of the database gives no
-- token that works. id is the public handle used to list and revoke.
-- acls is a JSON array of strings (TEXT, as the other documents); created_at and expires_at are
-- epoch milliseconds, as on SQLite. Deleting a tenant revokes its tokens.

CREATE TABLE tokens (
  id          TEXT COLLATE "C" PRIMARY KEY,
  hash        TEXT   NOT NULL,
  tenant_uuid TEXT   NOT NULL REFERENCES tenants (uuid) ON DELETE CASCADE,
  acls        TEXT   NOT NULL,
  name        TEXT   NOT NULL,
  description TEXT,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT
);

CREATE UNIQUE INDEX tokens_hash ON tokens (hash);
CREATE INDEX tokens_tenant_uuid ON tokens (tenant_uuid);
