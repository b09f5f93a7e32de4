#!/usr/bin/env bash
# Many nodes, one city, on this one machine (README, Operations): etcd, two PostgreSQL nodes managed by Patroni
# (a primary and a synchronous streaming replica, automatic failover), HAProxy in front of both (the primary's
# port and the replicas' port, chosen by Patroni's health checks) and of two server nodes (by their readiness).
# All from Debian packages (patroni, etcd-server, haproxy), installed here the way pg.sh installs PostGIS.
#
#   scripts/cluster.sh start    make it (once) and start it; prints the addresses
#   scripts/cluster.sh stop     stop everything (data is kept)
#   scripts/cluster.sh status
#   scripts/cluster.sh test     start it, then under load kill a server node, then the PostgreSQL primary
#
# Ports: HTTP 8480 (HAProxy; nodes 8481, 8482), PostgreSQL primary 55430 and replicas 55433 (HAProxy; nodes
# 55431, 55432; Patroni REST 58008, 58009), etcd 23790. State, logs and generated passwords live in
# ${TMPDIR:-/tmp}/open311-cluster-<project hash>, never in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECT_DIR="$(pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
STATE="${TMPDIR:-/tmp}/open311-cluster-$(printf '%s' "$PROJECT_DIR" | sha1sum | cut -c1-12)"
HTTP=8480; PG_PRIMARY=55430; PG_REPLICAS=55433; ETCD=23790
NODES=(pg1 pg2); PG_PORTS=(55431 55432); REST_PORTS=(58008 58009); APP_PORTS=(8481 8482)

die() { echo "cluster.sh: $*" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
secret() { [ -f "$STATE/$1" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$STATE/$1"; cat "$STATE/$1"; }
alive() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }
# Patroni itself, not the runuser that started it (killing that one would leave Patroni running)
patroni_pid() { pgrep -f "bin/patroni $STATE/$1.yml" | head -1; }
wait_for() {  # seconds command...: polls every 0.2 s
  local limit=$(($1 * 5)); shift
  for _ in $(seq 1 "$limit"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

install_packages() {
  local missing=()
  command -v patroni >/dev/null || missing+=(patroni)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  [ -x "$PG_BIN/postgres" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ] \
    || missing+=(postgresql-15 postgresql-15-postgis-3)
  [ ${#missing[@]} -eq 0 ] && return
  # shellcheck source=lib/debian-packages.sh
  . scripts/lib/debian-packages.sh
  install_debian_packages cluster.sh "${missing[@]}" || exit 1
}

write_configs() {
  local superuser replicator rewinder i
  superuser="$(secret postgres.password)"; replicator="$(secret replicator.password)"; rewinder="$(secret rewinder.password)"
  for i in 0 1; do
    cat > "$STATE/${NODES[$i]}.yml" <<YAML
scope: open311
name: ${NODES[$i]}
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:${REST_PORTS[$i]}
  connect_address: 127.0.0.1:${REST_PORTS[$i]}
etcd3:
  hosts: 127.0.0.1:${ETCD}
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # an acknowledged commit is on both nodes: failover never loses one
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 100
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - auth: scram-sha-256
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
postgresql:
  listen: 127.0.0.1:${PG_PORTS[$i]}
  connect_address: 127.0.0.1:${PG_PORTS[$i]}
  data_dir: ${STATE}/${NODES[$i]}
  bin_dir: ${PG_BIN}
  pgpass: ${STATE}/pgpass-${NODES[$i]}
  authentication:
    superuser: {username: postgres, password: '${superuser}'}
    replication: {username: replicator, password: '${replicator}'}
    rewind: {username: rewinder, password: '${rewinder}'}
  parameters:
    unix_socket_directories: '${STATE}'
    shared_buffers: 128MB
YAML
  done
  cat > "$STATE/haproxy.cfg" <<CFG
global
  maxconn 1000
defaults
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 1s
  default-server inter 500ms fall 2 rise 1
listen postgresql-primary
  bind 127.0.0.1:${PG_PRIMARY}
  mode tcp
  option httpchk OPTIONS /primary
  http-check expect status 200
  server pg1 127.0.0.1:${PG_PORTS[0]} check port ${REST_PORTS[0]} on-marked-down shutdown-sessions
  server pg2 127.0.0.1:${PG_PORTS[1]} check port ${REST_PORTS[1]} on-marked-down shutdown-sessions
listen postgresql-replicas
  bind 127.0.0.1:${PG_REPLICAS}
  mode tcp
  option httpchk OPTIONS /replica
  http-check expect status 200
  server pg1 127.0.0.1:${PG_PORTS[0]} check port ${REST_PORTS[0]} on-marked-down shutdown-sessions
  server pg2 127.0.0.1:${PG_PORTS[1]} check port ${REST_PORTS[1]} on-marked-down shutdown-sessions
listen open311
  bind 127.0.0.1:${HTTP}
  mode http
  option httpchk GET /q/health/ready
  http-check expect status 200
  option redispatch
  retries 2
  server app1 127.0.0.1:${APP_PORTS[0]} check
  server app2 127.0.0.1:${APP_PORTS[1]} check
CFG
  chown -R postgres:postgres "$STATE" 2>/dev/null || true
  chmod 700 "$STATE"
}

start_etcd() {
  alive etcd && return
  etcd --name e1 --data-dir "$STATE/etcd" --listen-client-urls "http://127.0.0.1:${ETCD}" \
    --advertise-client-urls "http://127.0.0.1:${ETCD}" --listen-peer-urls http://127.0.0.1:23800 \
    --initial-advertise-peer-urls http://127.0.0.1:23800 --initial-cluster e1=http://127.0.0.1:23800 \
    --log-level warn >> "$STATE/etcd.log" 2>&1 &
  echo $! > "$STATE/etcd.pid"
  wait_for 30 curl -fsS "http://127.0.0.1:${ETCD}/health" || die "etcd did not start ($STATE/etcd.log)"
}

start_patroni() {  # index
  local node="${NODES[$1]}"
  [ -n "$(patroni_pid "$node")" ] && return
  as_postgres patroni "$STATE/${node}.yml" >> "$STATE/${node}.log" 2>&1 &
}

primary_rest() {  # prints the index of the node Patroni names primary
  local i
  for i in 0 1; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${REST_PORTS[$i]}/primary")" = 200 ] && { echo "$i"; return 0; }
  done
  return 1
}

psql_primary() { PGPASSWORD="$(cat "$STATE/postgres.password")" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PRIMARY" -U postgres "$@"; }

prepare_database() {
  local app; app="$(secret open311.password)"
  wait_for 60 psql_primary -d postgres -c "SELECT 1" || die "no primary behind HAProxy ($STATE/pg*.log)"
  psql_primary -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'open311') THEN CREATE ROLE open311 LOGIN PASSWORD '${app}'; END IF;
END \$\$;
SQL
  [ -n "$(psql_primary -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'open311'")" ] \
    || psql_primary -d postgres -c "CREATE DATABASE open311 OWNER open311"
  psql_primary -d open311 -c "CREATE EXTENSION IF NOT EXISTS postgis"
}

start_app() {  # index
  local name="app$(($1 + 1))" port="${APP_PORTS[$1]}"
  alive "$name" && return
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:${PG_PRIMARY}/open311" \
  QUARKUS_DATASOURCE_USERNAME=open311 QUARKUS_DATASOURCE_PASSWORD="$(cat "$STATE/open311.password")" \
  OPEN311_REPLICA_URL="jdbc:postgresql://127.0.0.1:${PG_REPLICAS}/open311" \
    java -Xmx384m -Dquarkus.profile=demo -Dquarkus.http.port="$port" -Dopen311.rate-limits.enabled=false \
      -Dopen311.mail.token-secret=cluster-demo-secret -jar target/quarkus-app/quarkus-run.jar >> "$STATE/${name}.log" 2>&1 &
  echo $! > "$STATE/${name}.pid"
  wait_for 90 curl -fsS "http://127.0.0.1:${port}/q/health/ready" || die "server node $name did not start ($STATE/${name}.log)"
}

cmd_start() {
  install_packages
  mkdir -p "$STATE"
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
  write_configs
  start_etcd
  start_patroni 0; start_patroni 1
  alive haproxy || { haproxy -f "$STATE/haproxy.cfg" -D -p "$STATE/haproxy.pid" || die "HAProxy did not start"; }
  wait_for 90 primary_rest || die "Patroni elected no primary ($STATE/pg1.log, pg2.log)"
  prepare_database
  wait_for 90 curl -fsS "http://127.0.0.1:${REST_PORTS[0]}/replica" -o /dev/null -w '' \
    || wait_for 1 curl -fsS "http://127.0.0.1:${REST_PORTS[1]}/replica" || true
  start_app 0   # one node first: the first start creates the schema and the demo city
  start_app 1
  cat <<MSG
cluster.sh: running
  HTTP (HAProxy over app1 :${APP_PORTS[0]}, app2 :${APP_PORTS[1]})   http://127.0.0.1:${HTTP}/open311/v2/services.json
  PostgreSQL primary / replicas (HAProxy)                 127.0.0.1:${PG_PRIMARY} / 127.0.0.1:${PG_REPLICAS}
  Patroni                                                 http://127.0.0.1:${REST_PORTS[0]}/cluster
  state and logs                                          ${STATE}
MSG
}

stop_pid() { if alive "$1"; then kill "$2" "$(cat "$STATE/$1.pid")" 2>/dev/null || true; fi; rm -f "$STATE/$1.pid"; }

cmd_stop() {
  [ -d "$STATE" ] || { echo "cluster.sh: not running"; return; }
  stop_pid app1 -TERM; stop_pid app2 -TERM
  stop_pid haproxy -TERM
  pkill -TERM -f "bin/patroni $STATE/" || true   # Patroni stops its PostgreSQL first
  for _ in $(seq 1 150); do pgrep -f "bin/patroni $STATE/" >/dev/null || break; sleep 0.2; done
  stop_pid etcd -TERM
  echo "cluster.sh: stopped"
}

cmd_status() {
  for p in etcd haproxy app1 app2; do printf '%-8s %s\n' "$p" "$(alive "$p" && echo running || echo stopped)"; done
  for p in pg1 pg2; do printf '%-8s %s\n' "$p" "$([ -n "$(patroni_pid "$p")" ] && echo running || echo stopped)"; done
  curl -s "http://127.0.0.1:${REST_PORTS[0]}/cluster" 2>/dev/null || curl -s "http://127.0.0.1:${REST_PORTS[1]}/cluster" 2>/dev/null || true
  echo
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  test) cmd_start; exec scripts/cluster-test.sh "$STATE" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
