-- Lines of a device (an ATA's ports) handed by the device's owner to other tenants. The column is
-- the device's own copy (read with the row); the table answers "devices with a line of tenant T"
-- through an index, for tenant-scoped listings.
ALTER TABLE devices ADD COLUMN line_tenants TEXT NOT NULL DEFAULT '{}';

CREATE TABLE device_line_tenants (
  device_id   TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  line        TEXT NOT NULL,
  tenant_uuid TEXT NOT NULL,
  PRIMARY KEY (device_id, line)
) STRICT;

CREATE INDEX device_line_tenants_tenant_uuid ON device_line_tenants (tenant_uuid, device_id);
