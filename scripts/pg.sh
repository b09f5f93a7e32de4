#!/usr/bin/env bash
# A private PostgreSQL + PostGIS cluster for `make run`, `make test` and `make bench`.
#
#   scripts/pg.sh start              install PostGIS if needed, create and start the cluster
#   scripts/pg.sh database NAME [--recreate]
#                                    make sure database NAME exists (dropped first with --recreate)
#   scripts/pg.sh jdbc-env NAME      print the QUARKUS_DATASOURCE_* exports for database NAME
#   scripts/pg.sh stop               stop the cluster (data is kept)
#   scripts/pg.sh status
#   scripts/pg.sh replica-start      a fresh streaming replica of the cluster (pg_basebackup), started on the
#                                    next free port, for stale reads (README, Operations); replica-stop ends it
#                                    (replica-stop --remove deletes its data too)
#   scripts/pg.sh replica-env NAME   print OPEN311_REPLICA_* exports for database NAME on the replica
#
# The cluster listens on 127.0.0.1 only, on OPEN311_PG_PORT (default: 54329, or the next free port when
# another cluster holds it, remembered in the cluster's postgresql.conf), and lives in
# .pgdata/ of the project, or, when the postgres user cannot reach that folder (a clone under a
# private home folder), in a folder of the system temp directory named after the project path.
# PostgreSQL's durable defaults (fsync, synchronous_commit) are kept: tests relax them per database.
set -euo pipefail

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_ROLE=open311

die() { echo "pg.sh: $*" >&2; exit 1; }

as_owner() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

owner_name() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

data_dir() {
  local inside="${PROJECT_DIR}/.pgdata"
  if [ -n "${OPEN311_PG_DATA:-}" ]; then echo "$OPEN311_PG_DATA"; return; fi
  if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$PROJECT_DIR" 2>/dev/null; then
    echo "$inside"
  else
    local tag
    tag="$(printf '%s' "$PROJECT_DIR" | sha1sum | cut -c1-12)"
    echo "${TMPDIR:-/tmp}/open311-pgdata-${tag}"
  fi
}

ensure_postgis() {
  if [ -x "${PG_BIN}/initdb" ] && [ -f "/usr/share/postgresql/${PG_VERSION}/extension/postgis.control" ]; then
    return
  fi
  # shellcheck source=lib/debian-packages.sh
  . "${PROJECT_DIR}/scripts/lib/debian-packages.sh"
  install_debian_packages pg.sh "postgresql-${PG_VERSION}" "postgresql-${PG_VERSION}-postgis-3" || exit 1
}

PGDATA_DIR="$(data_dir)"
PASSWORD_FILE="${PGDATA_DIR}.app-password"
SUPER_PASSWORD_FILE="${PGDATA_DIR}.super-password"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The cluster's port: OPEN311_PG_PORT, else the one this cluster was created with, else the first free one
# from 54329 (another checkout's cluster may already hold 54329 on this machine).
choose_port() {
  if [ -n "${OPEN311_PG_PORT:-}" ]; then echo "$OPEN311_PG_PORT"; return; fi
  if [ -f "${PGDATA_DIR}/postgresql.conf" ]; then
    sed -n 's/^port = \([0-9]*\).*/\1/p' "${PGDATA_DIR}/postgresql.conf" | tail -1; return
  fi
  local candidate=54329
  while port_in_use "$candidate"; do candidate=$((candidate + 1)); done
  echo "$candidate"
}
PORT="$(choose_port)"

psql_super() { PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="$(cat "$SUPER_PASSWORD_FILE")" "${PG_BIN}/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }

running() { [ -f "${PGDATA_DIR}/postmaster.pid" ] && as_owner "${PG_BIN}/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; }

cmd_start() {
  ensure_postgis
  if [ ! -f "${PGDATA_DIR}/PG_VERSION" ]; then
    mkdir -p "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
    # Both roles get generated passwords kept beside the data folder (never in the repository),
    # and every connection, even on loopback, must present one.
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$SUPER_PASSWORD_FILE"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PASSWORD_FILE"
    chmod 644 "$SUPER_PASSWORD_FILE"   # initdb, running as postgres, reads it once
    as_owner "${PG_BIN}/initdb" -D "$PGDATA_DIR" -U postgres --pwfile="$SUPER_PASSWORD_FILE" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    chmod 600 "$SUPER_PASSWORD_FILE" "$PASSWORD_FILE"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = ${PORT}"
      echo "unix_socket_directories = ''"
      echo "shared_buffers = 256MB"
      echo "max_connections = 100"
    } >> "${PGDATA_DIR}/postgresql.conf"
    echo "pg.sh: created cluster in ${PGDATA_DIR} (port ${PORT})"
  fi
  if ! running; then
    if port_in_use "$PORT"; then
      die "port ${PORT} is taken by another program: stop it, or set OPEN311_PG_PORT for a new cluster"
    fi
    local tries=0
    until as_owner "${PG_BIN}/pg_ctl" -D "$PGDATA_DIR" -l "${PGDATA_DIR}/server.log" -w -t 60 start >/dev/null; do
      # A port nobody listens on can still be held by a local socket (an outgoing connection's ephemeral
      # port), so the check above can pass and the bind fail. Unless the port was asked for, take the next free one.
      if [ -z "${OPEN311_PG_PORT:-}" ] && [ "$tries" -lt 10 ] && grep -q 'could not bind' "${PGDATA_DIR}/server.log"; then
        tries=$((tries + 1))
        local next=$((PORT + 1))
        while port_in_use "$next"; do next=$((next + 1)); done
        echo "pg.sh: port ${PORT} could not be bound; using ${next}"
        as_owner sed -i "s/^port = .*/port = ${next}/" "${PGDATA_DIR}/postgresql.conf"
        PORT="$next"
        : > "${PGDATA_DIR}/server.log"
      else
        tail -20 "${PGDATA_DIR}/server.log" >&2; die "PostgreSQL did not start (log above)"
      fi
    done
  fi
  local password
  password="$(cat "$PASSWORD_FILE")"
  psql_super -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${password}';
  END IF;
END \$\$;
SQL
  # Storage is an SSD (as on any machine this runs on today): a random page costs about as much as a sequential
  # one. With PostgreSQL's default of 4, a statistic over a year of a 1M-row city ran as a parallel sequential
  # scan in 845 ms instead of the 273 ms of its index range scan (bench/results, 2026-12-07).
  psql_super -d postgres -c "ALTER SYSTEM SET random_page_cost = 1.1" -c "SELECT pg_reload_conf()" >/dev/null
  # PostGIS is not a trusted extension: create it in template1 so every new database has it.
  psql_super -d template1 -c "CREATE EXTENSION IF NOT EXISTS postgis"
}

cmd_database() {
  local name="$1" recreate="${2:-}"
  running || die "the cluster is not running: scripts/pg.sh start"
  if [ "$recreate" = "--recreate" ]; then
    psql_super -d postgres -c "DROP DATABASE IF EXISTS ${name} WITH (FORCE)"
  fi
  if [ -z "$(psql_super -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${name}'")" ]; then
    psql_super -d postgres -c "CREATE DATABASE ${name} OWNER ${APP_ROLE}"
  fi
}

cmd_jdbc_env() {
  local name="$1"
  echo "export QUARKUS_DATASOURCE_JDBC_URL='jdbc:postgresql://127.0.0.1:${PORT}/${name}'"
  echo "export QUARKUS_DATASOURCE_USERNAME='${APP_ROLE}'"
  echo "export QUARKUS_DATASOURCE_PASSWORD='$(cat "$PASSWORD_FILE")'"
  echo "export OPEN311_PG_PORT='${PORT}'"
}

cmd_stop() {
  if running; then as_owner "${PG_BIN}/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null; echo "pg.sh: stopped"; \
  else echo "pg.sh: not running"; fi
}

REPLICA_DIR="${PGDATA_DIR}-replica"

replica_running() { [ -f "${REPLICA_DIR}/postmaster.pid" ] && as_owner "${PG_BIN}/pg_ctl" -D "$REPLICA_DIR" status >/dev/null 2>&1; }

replica_port() { sed -n 's/^port = \([0-9]*\).*/\1/p' "${REPLICA_DIR}/postgresql.conf" | tail -1; }

cmd_replica_start() {
  running || die "the cluster is not running: scripts/pg.sh start"
  cmd_replica_stop >/dev/null
  rm -rf "$REPLICA_DIR"
  mkdir -p "$REPLICA_DIR"
  chmod 700 "$REPLICA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$REPLICA_DIR"
  # -R writes standby.signal and primary_conninfo: the copy follows the cluster's WAL as it is written
  as_owner env PGPASSWORD="$(cat "$SUPER_PASSWORD_FILE")" "${PG_BIN}/pg_basebackup" -h 127.0.0.1 -p "$PORT" \
    -U postgres -D "$REPLICA_DIR" -R -X stream -c fast >/dev/null
  local port=$((PORT + 1)) attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    while port_in_use "$port"; do port=$((port + 1)); done
    as_owner sed -i "s/^port = .*/port = ${port}/" "${REPLICA_DIR}/postgresql.conf"
    as_owner rm -f "${REPLICA_DIR}/server.log"
    if as_owner "${PG_BIN}/pg_ctl" -D "$REPLICA_DIR" -l "${REPLICA_DIR}/server.log" -w -t 60 start >/dev/null; then
      echo "pg.sh: streaming replica on 127.0.0.1:${port} (${REPLICA_DIR})"
      return 0
    fi
    # nothing listens on the port, yet it can be the local end of a client connection (ports from 32768 up are
    # handed out to outgoing connections, and a busy test run makes many): then the next port
    grep -q "could not create any TCP/IP sockets" "${REPLICA_DIR}/server.log" 2>/dev/null || break
    port=$((port + 1))
  done
  tail -20 "${REPLICA_DIR}/server.log" >&2
  die "the replica did not start (log above)"
}

cmd_replica_env() {
  local name="$1"
  replica_running || die "no replica is running: scripts/pg.sh replica-start"
  echo "export OPEN311_REPLICA_URL='jdbc:postgresql://127.0.0.1:$(replica_port)/${name}'"
  echo "export OPEN311_REPLICA_USER='${APP_ROLE}'"
  echo "export OPEN311_REPLICA_PASSWORD='$(cat "$PASSWORD_FILE")'"
  # for tests that pause the replay to make the replica stale on purpose
  echo "export OPEN311_REPLICA_SUPER_PASSWORD='$(cat "$SUPER_PASSWORD_FILE")'"
}

cmd_replica_stop() {
  if replica_running; then as_owner "${PG_BIN}/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null; echo "pg.sh: replica stopped"; \
  else echo "pg.sh: no replica running"; fi
  # --remove: its data too (a copy of the whole cluster; replica-start always makes a fresh one)
  if [ "${1:-}" = "--remove" ]; then rm -rf "$REPLICA_DIR"; fi
}

case "${1:-}" in
  replica-start) cmd_replica_start ;;
  replica-env) shift; cmd_replica_env "$@" ;;
  replica-stop) shift; cmd_replica_stop "$@" ;;
  start) cmd_start ;;
  database) shift; cmd_database "$@" ;;
  jdbc-env) shift; cmd_jdbc_env "$@" ;;
  psql) shift; psql_super "$@" ;;
  stop) cmd_stop ;;
  status) if running; then echo "running in ${PGDATA_DIR} on 127.0.0.1:${PORT}"; else echo "not running (${PGDATA_DIR})"; fi ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
