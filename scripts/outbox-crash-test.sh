#!/usr/bin/env bash
# Outbox durability: "every committed change has exactly its events and its mail, every event is delivered at least
# once, in order per request, and every mail is sent, even when a dispatching and mailing node dies mid-delivery".
# Two server nodes share one database and both dispatch. Three client loops file requests and push two status
# updates to each (request.created, then update.received twice), alternating between the nodes. After the
# receiver has seen a random number (10 to 39) of deliveries, node A is killed with SIGKILL (so it is usually in
# the middle of one: the receiver takes 100 ms to answer); the clients go on through node B; A is restarted. When
# nothing is pending any more:
#   1. every filed request has exactly 1 + (its accepted updates) events, numbered 1..n;
#   2. every event reached the receiver at least once, with a valid signature (checked by the receiver itself);
#   3. per request, events first arrived in sequence order;
#   4. every request has exactly its mail jobs (acknowledgement and department mail, one per status update), each was
#      sent and reached the SMTP sink (a separate process) at least once;
# and the numbers of duplicate deliveries and duplicate mails (allowed: at least once) are printed. Part of
# `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=open311_webhook_crash
PORT_A="${OPEN311_WEBHOOK_CRASH_PORT:-8194}"
PORT_B=$((PORT_A + 1))
RECEIVER_PORT=$((PORT_A + 2))
SMTP_PORT=$((PORT_A + 3))
UPDATES_KEY="webhook-crash-updates-key"
work="$(mktemp -d -t open311-webhooks.XXXXXX)"
node_a="" node_b="" receiver="" sink=""
cleanup() {
  for p in "$node_a" "$node_b" "$receiver" "$sink"; do
    [ -n "$p" ] && { kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true
  done
  for job in $(jobs -p); do kill "$job" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "outbox-crash-test.sh: $*" >&2; exit 1; }

if [ -n "${OPEN311_DB_URL:-}" ]; then
  echo "outbox-crash-test.sh: skipped (OPEN311_DB_URL points at a database this test must not fill)"; exit 0
fi
scripts/pg.sh start >/dev/null
scripts/pg.sh database "$DB" --recreate >/dev/null
eval "$(scripts/pg.sh jdbc-env "$DB")"
sql() { scripts/pg.sh psql -d "$DB" -tAc "$1"; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

SECRET="whsec_$(head -c 32 /dev/urandom | base64 -w0)"
java scripts/outbox-crash/Receiver.java "$RECEIVER_PORT" "$SECRET" "$work/received.log" >"$work/receiver.out" 2>&1 &
receiver=$!
java scripts/outbox-crash/SmtpSink.java "$SMTP_PORT" "$work/mailed.log" >"$work/sink.out" 2>&1 &
sink=$!

start_node() {   # port log -> pid in $started
  java -Xmx320m -Dquarkus.profile=demo -Dquarkus.http.port="$1" \
    -Dopen311.webhooks.allowed-targets=127.0.0.1 -Dopen311.webhooks.retry-base=200ms \
    -Dopen311.webhooks.retry-max=1s -Dopen311.webhooks.poll-interval=200ms -Dopen311.webhooks.timeout=2s \
    -Dquarkus.mailer.mock=false -Dquarkus.mailer.host=127.0.0.1 -Dquarkus.mailer.port="$SMTP_PORT" \
    -Dquarkus.mailer.start-tls=DISABLED -Dopen311.mail.retry-base=200ms -Dopen311.mail.retry-max=1s \
    -Dopen311.mail.poll-interval=200ms -Dopen311.rate-limits.enabled=false \
    -jar target/quarkus-app/quarkus-run.jar >>"$2" 2>&1 &
  started=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  tail -30 "$2" >&2; fail "node on port $1 did not start"
}
start_node "$PORT_A" "$work/node-a.log"; node_a=$started   # migrates the schema and loads the demo city
start_node "$PORT_B" "$work/node-b.log"; node_b=$started
for _ in $(seq 1 60); do [ -f "$work/received.log" ] && [ -f "$work/mailed.log" ] && break; sleep 0.5; done   # both are up

JUR="$(sql "SELECT id FROM jurisdictions WHERE jurisdiction_id = 'riverton.example'")"
CLIENT="$(sql "INSERT INTO api_clients (jurisdiction_ref, name, key_prefix, key_hash, scopes)
  VALUES ($JUR, 'webhook crash test', 'webhook-', encode(sha256('$UPDATES_KEY'), 'hex'), '{post_updates,read_events}')
  RETURNING id" | head -1)"
sql "INSERT INTO webhook_subscriptions (jurisdiction_ref, api_client_ref, url, event_types, secret)
  VALUES ($JUR, $CLIENT, 'http://127.0.0.1:$RECEIVER_PORT/hook', '{request.created,update.received}', '$SECRET')" >/dev/null

post_to() {   # port, then curl arguments after the path: first try that node, then the other one
  local port=$1 path=$2; shift 2
  local other=$PORT_A; [ "$port" = "$PORT_A" ] && other=$PORT_B
  curl -s --max-time 10 "$@" "http://127.0.0.1:${port}/open311/v2/${path}" \
    || curl -s --max-time 10 "$@" "http://127.0.0.1:${other}/open311/v2/${path}" || true
}

client() {   # loop: 30 requests, each with two pushed updates
  local loop=$1 n=0
  while [ $n -lt 30 ]; do
    n=$((n + 1))
    local port=$PORT_A other=$PORT_B
    [ $(((loop + n) % 2)) = 0 ] && { port=$PORT_B; other=$PORT_A; }
    local id
    id="$(post_to "$port" requests.json -H "Idempotency-Key: whc-$loop-$n-$$" \
      --data-urlencode api_key=riverton-demo-key --data-urlencode service_code=POTHOLE \
      --data-urlencode 'attribute[DEPTH]=deep' --data-urlencode "address_string=webhook crash $loop-$n" \
      --data-urlencode "email=citizen-$loop-$n@example.org" \
      --data-urlencode "description=webhook crash $loop-$n" | sed -n 's/.*"service_request_id":"\([^"]*\)".*/\1/p')"
    [ -n "$id" ] || continue
    for status in IN_PROGRESS FIXED; do
      post_to "$other" servicerequestupdates.json --data-urlencode "api_key=$UPDATES_KEY" \
        --data-urlencode "service_request_id=$id" --data-urlencode "update_id=whc-$id-$status" \
        --data-urlencode "status=$status" --data-urlencode "updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        --data-urlencode "description=$status" >/dev/null
    done
  done
}

for loop in 1 2 3; do client "$loop" & done
clients="$(jobs -p | grep -v -e "^${receiver}\$" -e "^${sink}\$" -e "^${node_a}\$" -e "^${node_b}\$" || true)"
target=$((10 + RANDOM % 30)); waited=0
while [ "$(wc -l <"$work/received.log")" -lt "$target" ] && [ "$waited" -lt 1200 ]; do sleep 0.1; waited=$((waited + 1)); done
[ "$(wc -l <"$work/received.log")" -ge "$target" ] || fail "fewer than $target deliveries in 120 s: nothing to kill in the middle of"
kill -9 "$node_a"; wait "$node_a" 2>/dev/null || true
echo "outbox-crash-test.sh: node A killed after $(wc -l <"$work/received.log") deliveries"
start_node "$PORT_A" "$work/node-a.log"; node_a=$started
for job in $clients; do wait "$job" 2>/dev/null || true; done

# wait (bounded) until every delivery is done
for _ in $(seq 1 240); do
  [ "$(sql "SELECT (SELECT count(*) FROM webhook_deliveries WHERE state = 'pending')
                 + (SELECT count(*) FROM mail_jobs WHERE state = 'pending')")" = 0 ] && break
  sleep 0.5
done
pending="$(sql "SELECT count(*) FROM webhook_deliveries WHERE state <> 'delivered'")"
filed="$(sql "SELECT count(*) FROM service_requests WHERE description LIKE 'webhook crash %'")"
[ "$filed" -gt 0 ] || fail "no request was filed, so nothing was tested"

wrong_events="$(sql "SELECT count(*) FROM service_requests r WHERE r.description LIKE 'webhook crash %' AND
  ((SELECT count(*) FROM events e WHERE e.request_ref = r.id)
     <> 1 + (SELECT count(*) FROM request_updates u WHERE u.request_ref = r.id)
   OR (SELECT coalesce(max(request_seq), 0) FROM events e WHERE e.request_ref = r.id)
     <> (SELECT count(*) FROM events e WHERE e.request_ref = r.id))")"
sql "SELECT event_id FROM events WHERE request_ref IN (SELECT id FROM service_requests WHERE description LIKE 'webhook crash %')
  ORDER BY 1" >"$work/events.txt"
awk '{ print $1 }' "$work/received.log" | sort -u >"$work/delivered.txt"
undelivered="$(comm -23 "$work/events.txt" "$work/delivered.txt" | wc -l)"
invalid="$(awk '$4 != "true"' "$work/received.log" | wc -l)"
duplicates=$(( $(wc -l <"$work/received.log") - $(wc -l <"$work/delivered.txt") ))
# first arrival of each event, per request: the sequence numbers must come in order
out_of_order="$(awk '!seen[$1]++ { if ($2 + 0 < last[$3] + 0) bad++; last[$3] = $2 } END { print bad + 0 }' "$work/received.log")"
retried="$(sql "SELECT count(*) FROM webhook_deliveries WHERE attempts > 1")"

# mail: acknowledgement + department mail per request, one per accepted status update; all sent, all received
wrong_mail="$(sql "SELECT count(*) FROM service_requests r WHERE r.description LIKE 'webhook crash %' AND
  (SELECT count(*) FROM mail_jobs j WHERE j.request_ref = r.id)
    <> 2 + (SELECT count(*) FROM request_updates u WHERE u.request_ref = r.id)")"
unsent="$(sql "SELECT count(*) FROM mail_jobs WHERE state <> 'sent'")"
sql "SELECT id FROM mail_jobs WHERE state = 'sent'" | sort >"$work/sent.txt"
sort -u "$work/mailed.log" >"$work/mailed-unique.txt"
never_mailed="$(comm -23 "$work/sent.txt" "$work/mailed-unique.txt" | wc -l)"
mail_duplicates=$(( $(wc -l <"$work/mailed.log") - $(wc -l <"$work/mailed-unique.txt") ))
echo "outbox-crash-test.sh: $(wc -l <"$work/sent.txt") mails; $wrong_mail requests with wrong mail jobs, $unsent not sent," \
     "$never_mailed never reached the SMTP server; $mail_duplicates duplicate mails"
[ "$(wc -l <"$work/sent.txt")" -gt 0 ] || fail "no mail was sent, so nothing was tested"

echo "outbox-crash-test.sh: $filed requests, $(wc -l <"$work/events.txt") events; $wrong_events requests with wrong events," \
     "$undelivered events never delivered, $pending deliveries not delivered, $out_of_order out of order," \
     "$invalid bad signatures; $duplicates duplicate deliveries, $retried deliveries needed more than one attempt"
[ $((wrong_events + undelivered + pending + out_of_order + invalid + wrong_mail + unsent + never_mailed)) = 0 ] || fail "FAILED"
echo "outbox-crash-test.sh: every event delivered, in order, and every mail sent, across a SIGKILL of one of two nodes"
