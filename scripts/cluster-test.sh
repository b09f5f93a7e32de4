#!/usr/bin/env bash
# `make cluster-test` (after scripts/cluster.sh start, which `scripts/cluster.sh test` runs first): a steady load of
# GETs and of POSTs with Idempotency-Keys through HAProxy; after a random number of acknowledgements one server node
# is killed with SIGKILL, after more the PostgreSQL primary (its Patroni and its postmaster, SIGKILL). Then every
# acknowledged request must be readable with its description, every retry of its key must answer its first id,
# and no description may be filed twice. Prints failed requests, the longest time without an acknowledged write,
# and the failover as Patroni saw it. A failed request is retried by the client with the same key, as real
# clients do; that is what Idempotency-Key is for.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE="${1:?state directory of scripts/cluster.sh}"
BASE="http://127.0.0.1:8480/open311/v2"
REST_PORTS=(58008 58009)
work="$(mktemp -d -t open311-cluster-test.XXXXXX)"
trap 'for j in $(jobs -p); do kill "$j" 2>/dev/null || true; done; rm -rf "$work"' EXIT
run="$(date +%s)-$RANDOM"

post() {   # key description -> prints the service_request_id, or nothing
  curl -s --max-time 5 -H "Idempotency-Key: $1" \
    --data-urlencode api_key=riverton-demo-key --data-urlencode service_code=POTHOLE \
    --data-urlencode 'attribute[DEPTH]=deep' --data-urlencode "address_string=$2" \
    --data-urlencode "description=$2" "$BASE/requests.json" \
    | sed -n 's/.*"service_request_id":"\([^"]*\)".*/\1/p'
}

writer() {  # loop: each report is retried with its key until acknowledged (at most 60 tries)
  local loop=$1 n=0
  while [ ! -f "$work/stop" ]; do
    n=$((n + 1))
    local key="cluster-$run-$loop-$n" description="cluster test $run-$loop-$n" id="" tries=0
    while [ -z "$id" ] && [ $tries -lt 60 ] && [ ! -f "$work/stop" ]; do
      tries=$((tries + 1))
      id="$(post "$key" "$description" || true)"
      if [ -z "$id" ]; then echo x >> "$work/failed-posts"; sleep 0.2; fi
    done
    [ -n "$id" ] && echo "$(date +%s.%N)|$key|$description|$id" >> "$work/acked.$loop"
  done
}

reader() {
  while [ ! -f "$work/stop" ]; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/requests.json?page_size=20" || true)"
    if [ "$code" = 200 ]; then echo x >> "$work/good-gets"; else echo x >> "$work/failed-gets"; fi
  done
}

acks() { cat "$work"/acked.* 2>/dev/null | wc -l; }
wait_acks() {  # until this many acknowledgements, at most 180 s
  for _ in $(seq 1 1800); do [ "$(acks)" -ge "$1" ] && return 0; sleep 0.1; done
  echo "cluster-test.sh: only $(acks) acknowledgements, wanted $1" >&2; return 1
}
count() { [ -f "$work/$1" ] && wc -l < "$work/$1" || echo 0; }

for loop in 1 2 3; do writer "$loop" & done
reader &
started=$(date +%s.%N)

wait_acks $((20 + RANDOM % 20))
node_kill_at=$(date +%s.%N)
kill -9 "$(cat "$STATE/app1.pid")"
echo "cluster-test.sh: server node app1 killed (SIGKILL) after $(acks) acknowledged requests"

wait_acks $(( $(acks) + 30 + RANDOM % 20 ))
leader=""
for i in 0 1; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${REST_PORTS[$i]}/primary")" = 200 ] && leader=$i
done
[ -n "$leader" ] || { echo "cluster-test.sh: no primary found" >&2; exit 1; }
node="pg$((leader + 1))"
postmaster="$(head -1 "$STATE/$node/postmaster.pid")"
patroni_pid="$(pgrep -f "bin/patroni $STATE/$node.yml" | head -1)"   # Patroni, not the runuser around it
primary_kill_at=$(date +%s.%N)
kill -9 "$patroni_pid" "$postmaster"
echo "cluster-test.sh: PostgreSQL primary $node killed (SIGKILL of Patroni and the postmaster) after $(acks) acknowledged requests"

wait_acks $(( $(acks) + 40 ))
touch "$work/stop"
wait 2>/dev/null || true
ended=$(date +%s.%N)

# the longest time without an acknowledged write after each kill
gap_after() {  # kill time -> seconds from the kill to the first acknowledgement after it
  cut -d'|' -f1 "$work"/acked.* | sort -n | awk -v t="$1" '$1 > t { printf "%.1f", $1 - t; exit }'
}
longest_gap="$(cut -d'|' -f1 "$work"/acked.* | sort -n | awk 'NR > 1 && $1 - prev > max { max = $1 - prev } { prev = $1 } END { printf "%.1f", max }')"

acked=0; lost=0; retried_differently=0
while IFS='|' read -r _ key description id; do
  acked=$((acked + 1))
  body="$(curl -s --max-time 5 "$BASE/requests/$id.json")"
  case "$body" in *"\"description\":\"$description\""*) ;; *) lost=$((lost + 1)); echo "LOST: $id ($description)";; esac
  again="$(post "$key" "$description")"
  [ "$again" = "$id" ] || { retried_differently=$((retried_differently + 1)); echo "RETRY: $key gave '$again', first $id"; }
done < <(cat "$work"/acked.*)
duplicated="$(PGPASSWORD="$(cat "$STATE/postgres.password")" /usr/lib/postgresql/15/bin/psql -X -h 127.0.0.1 -p 55430 \
  -U postgres -d open311 -tAc "SELECT count(*) FROM (SELECT description FROM service_requests
   WHERE description LIKE 'cluster test $run-%' GROUP BY 1 HAVING count(*) > 1) d")"

printf 'cluster-test.sh: %.0f s of load; %s requests acknowledged, %s POST attempts failed and were retried with their key; %s GETs answered, %s failed\n' \
  "$(awk -v a="$ended" -v b="$started" 'BEGIN { print a - b }')" "$acked" "$(count failed-posts)" "$(count good-gets)" "$(count failed-gets)"
echo "cluster-test.sh: first write acknowledged $(gap_after "$node_kill_at") s after the server node's kill, $(gap_after "$primary_kill_at") s after the primary's; longest time without an acknowledged write: ${longest_gap} s"
echo "cluster-test.sh: $lost acknowledged requests lost, $retried_differently retries answered differently, $duplicated descriptions filed twice"
curl -s "http://127.0.0.1:${REST_PORTS[$((1 - leader))]}/cluster" | sed 's/^/cluster-test.sh: Patroni after: /'; echo
[ "$((lost + retried_differently + duplicated))" -eq 0 ] || { echo "cluster-test.sh: FAILED" >&2; exit 1; }
echo "cluster-test.sh: no acknowledged request lost or filed twice across a server node's and the primary's SIGKILL"
