#!/usr/bin/env bash
# `make conformance`: starts this server on a fresh database (demo catalogue, test endpoint) and runs the
# black-box conformance suite in conformance-tests/ against it, over real HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${OPEN311_CONFORMANCE_PORT:-8181}"
DB=open311_conformance

updates_key=()
if [ -z "${OPEN311_DB_URL:-}" ]; then
  scripts/pg.sh start
  scripts/pg.sh database "$DB" --recreate
  eval "$(scripts/pg.sh jdbc-env "$DB")"
  updates_key=(--updates-api-key conformance-crm-key)   # created below, once the server has made the schema
else
  export QUARKUS_DATASOURCE_JDBC_URL="$OPEN311_DB_URL"
  export QUARKUS_DATASOURCE_USERNAME="${OPEN311_DB_USER:-open311}"
  export QUARKUS_DATASOURCE_PASSWORD="${OPEN311_DB_PASSWORD:-}"
fi

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests
fi

log="$(mktemp -t open311-conformance-server.XXXXXX.log)"
# the suite sends hundreds of requests a minute from one address: rate limits are tested by the server's own tests
java -Xms256m -Xmx512m -Dquarkus.profile=demo -Dquarkus.http.port="$PORT" -Dopen311.rate-limits.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:${PORT}/q/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$log" >&2; echo "conformance.sh: the server did not start" >&2; exit 1; fi
  sleep 1
done

if [ ${#updates_key[@]} -gt 0 ]; then
  # a CRM's key that may push servicerequestupdates (the server keeps only its SHA-256)
  scripts/pg.sh psql -d "$DB" -c "INSERT INTO api_clients (jurisdiction_ref, name, key_prefix, key_hash, scopes)
    SELECT id, 'conformance CRM', 'conforma', encode(sha256('conformance-crm-key'::bytea), 'hex'),
           '{create_requests,post_updates}' FROM jurisdictions" >/dev/null
fi

conformance-tests/run.sh --base "http://127.0.0.1:${PORT}/open311/v2" --api-key riverton-demo-key \
  --jurisdiction riverton.example --discovery "http://127.0.0.1:${PORT}/open311/discovery" \
  --extensions "${updates_key[@]}"
