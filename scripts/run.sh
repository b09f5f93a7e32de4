#!/usr/bin/env bash
# `make run`: build the server and start it with the demo city.
# Without OPEN311_DB_URL it installs (if needed) and starts its own PostGIS cluster; with it, it uses that
# database (and OPEN311_DB_USER / OPEN311_DB_PASSWORD) and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT="${OPEN311_HTTP_PORT:-8080}"
DEMO_KEY="${OPEN311_DEMO_API_KEY:-riverton-demo-key}"

if [ -z "${OPEN311_DB_URL:-}" ]; then
  scripts/pg.sh start
  scripts/pg.sh database open311
  eval "$(scripts/pg.sh jdbc-env open311)"
else
  export QUARKUS_DATASOURCE_JDBC_URL="$OPEN311_DB_URL"
  export QUARKUS_DATASOURCE_USERNAME="${OPEN311_DB_USER:-open311}"
  export QUARKUS_DATASOURCE_PASSWORD="${OPEN311_DB_PASSWORD:-}"
fi

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml openapi -newer target/quarkus-app/quarkus-run.jar -print -quit 2>/dev/null)" ]; then
  echo "Building the server..."
  ./mvnw -B -q package -DskipTests
fi

# The demo sign-in of the web client's staff board signs its tokens with a key pair made here, once, kept
# out of the repository (target/ is ignored); the server trusts its public half as it would a provider's.
DEMO_JWT_DIR="$(pwd)/target/demo-jwt"
if [ ! -f "${DEMO_JWT_DIR}/privateKey.pem" ]; then
  mkdir -p "${DEMO_JWT_DIR}"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${DEMO_JWT_DIR}/privateKey.pem" 2>/dev/null
  openssl pkey -in "${DEMO_JWT_DIR}/privateKey.pem" -pubout -out "${DEMO_JWT_DIR}/publicKey.pem"
fi
DEMO_JWT_OPTIONS=()
if [ -z "${OPEN311_JWT_ISSUER:-}" ]; then
  DEMO_JWT_OPTIONS=(-Dmp.jwt.verify.issuer=https://riverton.example/demo-sign-in
    "-Dmp.jwt.verify.publickey.location=file://${DEMO_JWT_DIR}/publicKey.pem"
    "-Dsmallrye.jwt.sign.key.location=file://${DEMO_JWT_DIR}/privateKey.pem")
fi

base="http://localhost:${HTTP_PORT}"
cat <<MSG

  Open311 server with the demo city of Riverton on ${base}
    discovery     ${base}/open311/discovery.xml
    services      ${base}/open311/v2/services.json
    requests      ${base}/open311/v2/requests.xml
    web client    ${base}/client/   (staff board: ${base}/client/staff/, demo sign-in)
    Swagger UI    ${base}/q/swagger-ui
    health        ${base}/q/health
  Demo API key (anyone may post to the demo city): ${DEMO_KEY}
    curl -d api_key=${DEMO_KEY} -d service_code=POTHOLE -d attribute[DEPTH]=deep \\
         -d lat=39.7817 -d long=-89.6501 -d description='Deep hole' ${base}/open311/v2/requests.json
  Ctrl-C stops the server; 'make db-stop' stops the database.

MSG
exec java -Xms256m -Xmx512m -Dquarkus.profile=demo -Dquarkus.http.port="${HTTP_PORT}" "${DEMO_JWT_OPTIONS[@]}" \
  -Dopen311.demo.api-key="${DEMO_KEY}" -jar target/quarkus-app/quarkus-run.jar
