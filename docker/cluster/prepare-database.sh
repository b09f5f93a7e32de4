#!/bin/sh
# Once the cluster has a primary: the application role, its database and PostGIS (as scripts/cluster.sh does).
set -eu
export PGPASSWORD="$PATRONI_SUPERUSER_PASSWORD"
until psql -h haproxy -p 5000 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; do sleep 1; done
psql -h haproxy -p 5000 -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'open311') THEN
    CREATE ROLE open311 LOGIN PASSWORD '$OPEN311_DB_PASSWORD';
  END IF;
END \$\$;
SQL
psql -h haproxy -p 5000 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'open311'" | grep -q 1 \
  || psql -h haproxy -p 5000 -U postgres -d postgres -c 'CREATE DATABASE open311 OWNER open311'
psql -h haproxy -p 5000 -U postgres -d open311 -c 'CREATE EXTENSION IF NOT EXISTS postgis'
