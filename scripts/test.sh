#!/usr/bin/env bash
# `make test`: the same bootstrap as `make run` with a separate test database recreated on every run,
# then every test: the OpenAPI lint, `mvn verify` (unit and API tests against PostGIS, the web client in
# headless Chromium), the conformance suite against a freshly started server, and the SIGKILL durability check.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${OPEN311_DB_URL:-}" ]; then
  scripts/pg.sh start
  scripts/pg.sh database open311_test --recreate
  # Throw-away data: commits need not wait for the disk (the cluster itself keeps fsync on).
  scripts/pg.sh psql -d postgres -c "ALTER DATABASE open311_test SET synchronous_commit = off" >/dev/null
  eval "$(scripts/pg.sh jdbc-env open311_test)"
else
  export QUARKUS_DATASOURCE_JDBC_URL="$OPEN311_DB_URL"
  export QUARKUS_DATASOURCE_USERNAME="${OPEN311_DB_USER:-open311}"
  export QUARKUS_DATASOURCE_PASSWORD="${OPEN311_DB_PASSWORD:-}"
fi

scripts/browser.sh   # Debian's Chromium and ChromeDriver for the web client's browser tests
scripts/lint-openapi.sh
./mvnw -B verify
scripts/conformance.sh
scripts/crash-test.sh
scripts/outbox-crash-test.sh
