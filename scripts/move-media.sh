#!/usr/bin/env bash
# Moves every photo still held in PostgreSQL to the configured S3-compatible object store, then exits
# (README, Photos at city scale). Give it the same settings as the servers (OPEN311_DB_*, open311.media.*, as
# environment variables or -D options in JAVA_OPTS). Safe to stop and to run again, and to run while the servers
# serve: a photo stays readable before, during and after its move.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests
fi
# no HTTP port and no background workers: this process only moves photos
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dquarkus.http.host-enabled=false -Dopen311.webhooks.dispatch=false -Dopen311.mail.send=false \
  -Dopen311.follow-ups.run=false -Dopen311.retention.run=false \
  -jar target/quarkus-app/quarkus-run.jar move-media-to-object-store
