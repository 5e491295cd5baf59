-- REST device searches page in id order (ORDER BY id LIMIT n): with the id as the index's second
-- column, an equality on the field reads the index in page order and stops after n rows, instead
-- of sorting every match first (100,000 devices of one plugin: a scan and sort per page).
DROP INDEX devices_ip;
DROP INDEX devices_plugin;
DROP INDEX devices_config;
DROP INDEX devices_tenant_uuid;
DROP INDEX devices_vendor;
DROP INDEX devices_model;
CREATE INDEX devices_ip ON devices (ip, id);
CREATE INDEX devices_plugin ON devices (plugin, id);
CREATE INDEX devices_config ON devices (config, id);
CREATE INDEX devices_tenant_uuid ON devices (tenant_uuid, id);
CREATE INDEX devices_vendor ON devices (vendor, id);
CREATE INDEX devices_model ON devices (model, id);
