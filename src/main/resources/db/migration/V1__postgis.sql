-- PostGIS is not a trusted extension: the bootstrap script (or a DBA) creates it as superuser.
-- This statement is then a no-op and documents the dependency.
CREATE EXTENSION IF NOT EXISTS postgis;
