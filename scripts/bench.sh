#!/usr/bin/env bash
# `make bench`: the city-scale benchmark. bench/README.md explains the method; in short:
#
#   * a synthetic city of BENCH_ROWS requests (default 1,000,000; 10,000,000 as an option) in the
#     database open311_bench, and 100,000 in open311_bench_100k, generated once and kept between runs;
#   * each query shape measured through the server with wrk and, right after, the exact SQL the server
#     issues for it through pgbench (prepared statements, same number of clients), in the same run;
#   * requests/s, p50, p99 and the ratio server / raw SQL per shape, p99 at half the maximum rate,
#     page 10,000 against page 1, bbox and radius latency at 100k against 1M rows, and POST/s;
#   * a Markdown report in bench/results/ (report-<timestamp>.md and latest.md), summary on stdout.
#
# Settings (environment): BENCH_ROWS (1000000), BENCH_SMALL_ROWS (100000), BENCH_YEARS (5: the big city's history), BENCH_CONNECTIONS (8),
# BENCH_DURATION (10 s per measurement), BENCH_WARMUP (3 s before each), BENCH_JVM_WARMUP (30 s of mixed GETs
# after start-up), BENCH_POST_WARMUP (60 s of POSTs before the first POST measurement: the JIT must be done, or the runs with and without a webhook subscription measure warm-up),
# BENCH_PORT (8383), BENCH_HEAP (512m), BENCH_PIN (auto | 0), BENCH_APP_DIR (/tmp/bench-app),
# BENCH_HOOK_ROUNDS (5 pairs of POST runs without and with a webhook subscription), BENCH_DEEP_PAGE (10000), BENCH_ONLY (statistics: `make bench-stats`; shared: `make bench-shared`), BENCH_MAIL (0: no mail queued; 1: the demo's mock mailer), BENCH_NOTE (free text put in
# the report).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
BENCH_DIR="${ROOT}/bench"

ROWS="${BENCH_ROWS:-1000000}"
SMALL_ROWS="${BENCH_SMALL_ROWS:-100000}"
YEARS="${BENCH_YEARS:-5}"   # the big city's history; its requests per day are ROWS / YEARS / 365
DB=open311_bench
DB_SMALL=open311_bench_100k
PORT="${BENCH_PORT:-8383}"
CONNS="${BENCH_CONNECTIONS:-8}"
WARMUP="${BENCH_WARMUP:-3}"
DURATION="${BENCH_DURATION:-10}"
JVM_WARMUP="${BENCH_JVM_WARMUP:-30}"
POST_WARMUP="${BENCH_POST_WARMUP:-60}"
HEAP="${BENCH_HEAP:-512m}"
# Mail is off by default: the demo's mock mailer prints every mail to the log, which would measure logging.
MAIL="${BENCH_MAIL:-0}"
APP_DIR="${BENCH_APP_DIR:-/tmp/bench-app}"
DEEP_PAGE="${BENCH_DEEP_PAGE:-10000}"
PAGE_SIZE=50
EXPORT_FROM="2000-01-01T00:00:00Z"   # updated_after of the full export used for page 1 / page N
JURISDICTION=riverton.example
DEMO_KEY=riverton-demo-key
RADIUS=500
PG_BIN=/usr/lib/postgresql/15/bin
BASE="http://127.0.0.1:${PORT}"
API="/open311/v2"

# Targets (issue text); they are checked, never tuned.
T_LIST_RATIO=60      # % of the raw SQL's throughput, every list shape (issue 17; was 35)
T_SINGLE_RATIO=75    # % for the single request (issue 17; was 50)
T_DEEP_FACTOR=1.5    # page N p50 within this factor of page 1 p50
T_POST_RATIO=90      # POST/s as a % of the raw write transaction's tx/s (issue 17; was 1000 POST/s)
T_P99_MS=50          # p99 at half the maximum throughput
T_GROWTH=1.5         # bbox / radius p50 at 1M within this factor of 100k
T_HOOK_COST=10       # POST/s with one active webhook subscription within this % of POST/s without
HOOK_ROUNDS="${BENCH_HOOK_ROUNDS:-5}"   # pairs of POST runs without and with the subscription, compared by medians
RATIO_ROUNDS="${BENCH_RATIO_ROUNDS:-3}"  # alternating server / raw SQL runs per shape, compared by medians

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

for n in ROWS SMALL_ROWS YEARS CONNS WARMUP DURATION JVM_WARMUP POST_WARMUP PORT DEEP_PAGE RATIO_ROUNDS; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
[ "$WARMUP" -ge 2 ] || die "BENCH_WARMUP must be at least 2 seconds"
[ "$RATIO_ROUNDS" -ge 1 ] || die "BENCH_RATIO_ROUNDS must be at least 1"
[ "$YEARS" -ge 1 ] && [ "$YEARS" -le 50 ] || die "BENCH_YEARS must be 1 to 50"
case "$APP_DIR" in /tmp/?*|/var/tmp/?*) ;; *) die "BENCH_APP_DIR must be a folder under /tmp or /var/tmp (it is replaced)";; esac

# ---------------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------------
install_debian() {
  [ "$(id -u)" = 0 ] || die "$1 is missing: sudo apt-get install -y $1"
  say "installing $1 (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}
command -v wrk >/dev/null 2>&1 || install_debian wrk
command -v curl >/dev/null 2>&1 || install_debian curl
command -v taskset >/dev/null 2>&1 || install_debian util-linux
command -v java >/dev/null 2>&1 || die "java (17 or newer) is missing"

CORES="$(nproc)"
PIN="${BENCH_PIN:-auto}"
if [ "$PIN" = auto ]; then PIN=$([ "$CORES" -ge 2 ] && echo 1 || echo 0); fi
SERVER_CPU=1; WRK_CPU=0; PG_CPU=0; PGBENCH_CPU=1
run_on() { local cpu="$1"; shift; if [ "$PIN" = 1 ]; then taskset -c "$cpu" "$@"; else "$@"; fi; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="${BENCH_DIR}/results"
RUN="${RESULTS}/run-${STAMP}"
mkdir -p "$RUN"
REPORT="${RESULTS}/report-${STAMP}.md"
START_EPOCH="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------------------------------
sq() { local db="$1"; shift; scripts/pg.sh psql -d "$db" -tA "$@"; }   # superuser psql, unaligned

PG_WAS_RUNNING=1
scripts/pg.sh status | grep -q '^running' || PG_WAS_RUNNING=0
if [ "$PG_WAS_RUNNING" = 0 ]; then
  say "starting PostgreSQL$([ "$PIN" = 1 ] && echo " pinned to core ${PG_CPU}")"
  run_on "$PG_CPU" scripts/pg.sh start
else
  scripts/pg.sh start >/dev/null   # idempotent: roles and the PostGIS extension
fi
PGDATA_DIR="$(scripts/pg.sh status | sed -n 's/^running in \(.*\) on .*/\1/p')"
POSTMASTER_PID="$(head -1 "${PGDATA_DIR}/postmaster.pid")"
POSTMASTER_AFFINITY="$(taskset -pc "$POSTMASTER_PID" 2>/dev/null | sed 's/.*: //')"

# Backends inherit the postmaster's CPU mask. When the cluster was already running (shared with
# `make run` / `make test`), only the backends serving the benchmark databases are pinned, before
# every measurement; the cluster's background processes (WAL writer, checkpointer) stay unpinned.
pin_backends() {
  [ "$PIN" = 1 ] || return 0
  local pid
  for pid in $(sq postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()"); do
    taskset -pc "$PG_CPU" "$pid" >/dev/null 2>&1 || true
  done
}

app_env() { eval "$(scripts/pg.sh jdbc-env "$1")"; }   # QUARKUS_DATASOURCE_*, OPEN311_PG_PORT

# ---------------------------------------------------------------------------------------------------
# Server: a copy of the built application, fixed heap, its own port, pinned to core 1
# ---------------------------------------------------------------------------------------------------
# built again when any source is newer than the jar: a stale build would measure yesterday's server
if [ ! -f target/quarkus-app/quarkus-run.jar ] \
  || [ -n "$(find pom.xml src/main -newer target/quarkus-app/quarkus-run.jar -type f -print -quit)" ]; then
  say "building the server (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
rm -rf "$APP_DIR"
cp -r target/quarkus-app "$APP_DIR"
JAR_BUILT="$(date -u -r target/quarkus-app/quarkus-run.jar '+%Y-%m-%d %H:%M UTC')"
JVM_FLAGS=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseParallelGC)
[ "$PIN" = 1 ] && JVM_FLAGS+=(-XX:ActiveProcessorCount=1)
JAVA_VERSION="$(java -version 2>&1 | head -1)"

SERVER_PID=""
SERVER_EXTRA=()   # more -D flags for the next start
start_server() {   # database, log file
  app_env "$1"
  if curl -s -o /dev/null "$BASE/q/health"; then die "port ${PORT} is already in use (BENCH_PORT)"; fi
  local cmd=(java "${JVM_FLAGS[@]}" "${SERVER_EXTRA[@]}" -Dquarkus.profile=demo -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT"
    -Dopen311.demo.api-key="$DEMO_KEY" -Dopen311.webhooks.allowed-targets=127.0.0.1 -Dopen311.rate-limits.enabled=false
    -Dopen311.mail.enabled="$([ "$MAIL" = 1 ] && echo true || echo false)" -jar "${APP_DIR}/quarkus-run.jar")
  [ "$PIN" = 1 ] && cmd=(taskset -c "$SERVER_CPU" "${cmd[@]}")
  "${cmd[@]}" >"$2" 2>&1 &   # a simple command: $! is the JVM itself (taskset execs it)
  SERVER_PID=$!
  local i
  for i in $(seq 1 240); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$2" >&2; die "the server stopped during start-up (log: $2)"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ] && return 0
    sleep 0.5
  done
  die "the server did not become ready in 120 s (log: $2)"
}
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 40); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# Requests created by the POST measurements carry the demo key's client id; generated ones carry none.
remove_posted() {
  local n
  n="$(scripts/pg.sh psql -d "$1" -tA -f "${BENCH_DIR}/sql/remove-posted.sql")"
  if [ "${n:-0}" != 0 ]; then
    sq "$1" -c "VACUUM ANALYZE service_requests" >/dev/null
  fi
  echo "${n:-0}"
}

BG_PID=""
HOOK_PID=""
cleanup() {
  local status=$?
  [ -n "$BG_PID" ] && kill "$BG_PID" 2>/dev/null || true
  [ -n "$HOOK_PID" ] && kill "$HOOK_PID" 2>/dev/null || true
  stop_server
  if [ -n "${POSTED_DB:-}" ]; then remove_posted "$POSTED_DB" >/dev/null 2>&1 || true; fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------------
GENERATOR_SUM="$(sha1sum "${BENCH_DIR}/sql/generate.sql" | cut -c1-12)"
declare -A R   # every result: R["tag|shape|side|metric"]

ensure_dataset() {   # database, rows, span of history, tag
  local db="$1" rows="$2" span="$3" tag="$4"
  scripts/pg.sh database "$db" >/dev/null
  local services
  # two statements: a CASE over a missing table fails as a whole when planned, even if its branch is never taken
  services=0
  if [ -n "$(sq "$db" -c "SELECT to_regclass('public.services')")" ]; then
    services="$(sq "$db" -c "SELECT count(*) FROM services s JOIN jurisdictions j ON j.id = s.jurisdiction_ref
        WHERE j.jurisdiction_id = '${JURISDICTION}'")"
  fi
  local migrated=0 latest
  latest="$(ls src/main/resources/db/migration | sed -n 's/^V\([0-9]*\)__.*/\1/p' | sort -n | tail -1)"
  if [ -n "$(sq "$db" -c "SELECT to_regclass('public.flyway_schema_history')")" ]; then
    migrated="$(sq "$db" -c "SELECT coalesce(max(version::int), 0) FROM flyway_schema_history WHERE success")"
  fi
  if [ "$services" -lt 20 ] || [ "$migrated" != "$latest" ]; then
    say "${db}: creating or migrating the schema and the demo catalogue (server start with the demo profile)"
    start_server "$db" "${RUN}/server-init-${tag}.log"
    stop_server
  fi
  local removed
  removed="$(remove_posted "$db")"
  [ "$removed" = 0 ] || say "${db}: removed ${removed} requests left by an interrupted POST measurement"
  local meta_rows="" meta_gen="" meta_span="" count age
  if [ -n "$(sq "$db" -c "SELECT to_regclass('public.bench_meta')")" ]; then
    meta_rows="$(sq "$db" -c "SELECT value FROM bench_meta WHERE key = 'rows'")"
    meta_span="$(sq "$db" -c "SELECT value FROM bench_meta WHERE key = 'span'")"
    meta_gen="$(sq "$db" -c "SELECT value FROM bench_meta WHERE key = 'generator'")"
  fi
  count="$(sq "$db" -c "SELECT count(*) FROM service_requests")"
  age="$(sq "$db" -c "SELECT coalesce(extract(day FROM now() - max(requested_datetime))::int, 9999) FROM service_requests")"
  if [ "$meta_rows" = "$rows" ] && [ "$count" = "$rows" ] && [ "$meta_gen" = "$GENERATOR_SUM" ] && [ "$meta_span" = "$span" ] \
      && [ "$age" -le 30 ]; then
    say "${db}: keeping the existing ${rows} requests (newest is ${age} days old)"
    R["$tag|gen|seconds"]="kept"
  else
    say "${db}: generating ${rows} requests over ${span} (had ${count}; generator ${meta_gen:-none}, now ${GENERATOR_SUM})"
    local t0 t1
    t0="$(date +%s.%N)"
    scripts/pg.sh psql -d "$db" -v rows="$rows" -v span="$span" -v jurisdiction="$JURISDICTION" -v generator="$GENERATOR_SUM" \
      -f "${BENCH_DIR}/sql/generate.sql" >/dev/null
    t1="$(date +%s.%N)"
    R["$tag|gen|seconds"]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')"
    say "${db}: generated in ${R["$tag|gen|seconds"]} s"
  fi
  R["$tag|db|name"]="$db"
  R["$tag|db|rows"]="$(sq "$db" -c "SELECT count(*) FROM service_requests")"
  R["$tag|db|facts"]="$(sq "$db" -F ' | ' -c "SELECT
      (SELECT count(*) FILTER (WHERE status = 'closed') * 100 / greatest(count(*), 1) FROM service_requests) || ' %',
      (SELECT count(*) FROM service_requests WHERE requested_datetime > now() - interval '90 days'),
      (SELECT count(*) FROM request_submitters), (SELECT count(*) FROM request_history),
      (SELECT count(*) FROM request_attributes),
      pg_size_pretty(pg_relation_size('service_requests')), pg_size_pretty(pg_total_relation_size('service_requests')),
      (SELECT to_char(min(requested_datetime), 'YYYY-MM-DD') || ' .. ' || to_char(max(requested_datetime), 'YYYY-MM-DD') FROM service_requests),
      (SELECT value FROM bench_meta WHERE key = 'generated_at')")"
}

# ---------------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------------
CLK_TCK="$(getconf CLK_TCK)"
cpu_sample() { awk '/^cpu[0-9]+ / { printf "%s %d %d ", $1, $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9 } END { print "" }' /proc/stat; }
core_busy() {   # before, after, core index -> busy %
  awk -v a="$1" -v b="$2" -v c="cpu$3" 'BEGIN {
    n = split(a, x, " "); split(b, y, " ");
    for (i = 1; i <= n; i += 3) if (x[i] == c) { busy = y[i+1] - x[i+1]; tot = y[i+2] - x[i+2] }
    if (tot > 0) printf "%.0f", 100 * busy / tot; else printf "-" }'
}
jvm_ticks() { if [ -n "$SERVER_PID" ] && [ -r "/proc/${SERVER_PID}/stat" ]; then awk '{ print $14 + $15 }' "/proc/${SERVER_PID}/stat"; else echo 0; fi; }
now_s() { date +%s.%N; }
kv() { sed -n "s/.*\\b$2=\\([^ ]*\\).*/\\1/p" "$1"; }

CURRENT_DB=""
wrk_run() {   # out-file, duration, paths, script, rate
  WRK_OUT="$1" WRK_PATHS="$3" WRK_RATE="$5" WRK_LIB_DIR="${BENCH_DIR}/wrk" \
    run_on "$WRK_CPU" wrk -t1 -c"$CONNS" -d"$2s" --timeout 10s -s "$4" "$BASE" >"$1.log" 2>&1 \
    || die "wrk failed (see $1.log)"
}

# Server measurement of one shape: optional warm-up, then DURATION seconds; side is max or half.
measure_server() {   # tag, shape, side, paths, script, rate, warm-up seconds
  local tag="$1" shape="$2" side="$3" paths="$4" script="$5" rate="${6:-0}" warm="${7:-$WARMUP}"
  local out="${RUN}/wrk-${tag}-${shape}-${side}.txt"
  if [ "$warm" -gt 0 ]; then wrk_run "${RUN}/warm.txt" "$warm" "$paths" "$script" "$rate"; fi
  pin_backends "$CURRENT_DB"
  local c0 c1 j0 j1 t0 t1
  c0="$(cpu_sample)"; j0="$(jvm_ticks)"; t0="$(now_s)"
  wrk_run "$out" "$DURATION" "$paths" "$script" "$rate"
  c1="$(cpu_sample)"; j1="$(jvm_ticks)"; t1="$(now_s)"
  local k="$tag|$shape|$side"
  local requests duration errors
  requests="$(kv "$out" requests)"; duration="$(kv "$out" duration_us)"
  R["$k|rps"]="$(awk -v r="$requests" -v d="$duration" 'BEGIN { printf "%.1f", r / (d / 1e6) }')"
  R["$k|p50"]="$(awk -v v="$(kv "$out" p50_us)" 'BEGIN { printf "%.2f", v / 1000 }')"
  R["$k|p99"]="$(awk -v v="$(kv "$out" p99_us)" 'BEGIN { printf "%.2f", v / 1000 }')"
  errors=0
  for e in err_connect err_read err_write err_status err_timeout; do errors=$((errors + $(kv "$out" "$e"))); done
  R["$k|errors"]="$errors"
  R["$k|requests"]="$requests"
  R["$k|core0"]="$(core_busy "$c0" "$c1" 0)"; R["$k|core1"]="$(core_busy "$c0" "$c1" 1)"
  R["$k|jvm"]="$(awk -v a="$j0" -v b="$j1" -v hz="$CLK_TCK" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / (t1 - t0) }')"
  [ -n "$rate" ] && [ "$rate" != 0 ] && R["$k|target_rate"]="$rate"
  say "  server ${shape} ${side}: ${R["$k|rps"]} req/s, p50 ${R["$k|p50"]} ms, p99 ${R["$k|p99"]} ms, errors ${errors}, core0 ${R["$k|core0"]}%, core1 ${R["$k|core1"]}%, jvm ${R["$k|jvm"]}%"
  [ "$errors" = 0 ] || say "  WARNING: ${errors} errors (non-2xx, timeouts or socket errors) in ${shape} ${side}"
}

# Raw SQL measurement: pgbench runs WARMUP + DURATION seconds with a per-transaction log; only the
# transactions that ended in the last DURATION seconds count.
measure_sql() {   # tag, shape, side (sql, or sql_N for round N), pgbench arguments (scripts and -D values)
  local tag="$1" shape="$2" side="$3"; shift 3
  local prefix="${RUN}/pgb-${tag}-${shape}-${side}"
  local cmd=("${PG_BIN}/pgbench" -n -M prepared -c "$CONNS" -j 1 -T $((WARMUP + DURATION)) -l --log-prefix="$prefix"
    -h 127.0.0.1 -p "$OPEN311_PG_PORT" -U "$QUARKUS_DATASOURCE_USERNAME" "$@" "$CURRENT_DB")
  [ "$PIN" = 1 ] && cmd=(taskset -c "$PGBENCH_CPU" "${cmd[@]}")
  PGPASSWORD="$QUARKUS_DATASOURCE_PASSWORD" "${cmd[@]}" >"${prefix}.out" 2>&1 &
  BG_PID=$!
  sleep 1
  pin_backends "$CURRENT_DB"
  sleep $((WARMUP - 1))
  local c0 c1
  c0="$(cpu_sample)"
  wait "$BG_PID" || { BG_PID=""; tail -5 "${prefix}.out" >&2; die "pgbench failed for ${shape} (see ${prefix}.out)"; }
  BG_PID=""
  c1="$(cpu_sample)"
  cat "${prefix}".[0-9]* | awk -v d="$DURATION" '
      NF >= 6 && $3 ~ /^[0-9]+$/ { n++; lat[n] = $3; end[n] = $5 + $6 / 1e6; if (end[n] > last) last = end[n] }
      END { for (i = 1; i <= n; i++) if (end[i] > last - d) print lat[i] }' | sort -n >"${prefix}.lat"
  rm -f "${prefix}".[0-9]*
  local n k="$tag|$shape|$side"
  n="$(wc -l <"${prefix}.lat")"
  [ "$n" -gt 0 ] || die "pgbench logged no transaction for ${shape} (see ${prefix}.out)"
  R["$k|rps"]="$(awk -v n="$n" -v d="$DURATION" 'BEGIN { printf "%.1f", n / d }')"
  R["$k|p50"]="$(awk -v r="$(( (n + 1) / 2 ))" 'NR == r { printf "%.2f", $1 / 1000 }' "${prefix}.lat")"
  R["$k|p99"]="$(awk -v r="$(( (n * 99 + 99) / 100 ))" 'NR == r { printf "%.2f", $1 / 1000 }' "${prefix}.lat")"
  R["$k|errors"]="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "${prefix}.out")"
  R["$k|errors"]="${R["$k|errors"]:-0}"
  R["$k|core0"]="$(core_busy "$c0" "$c1" 0)"; R["$k|core1"]="$(core_busy "$c0" "$c1" 1)"; R["$k|jvm"]="-"
  rm -f "${prefix}.lat"
  say "  sql    ${shape} ${side}: ${R["$k|rps"]} tx/s, p50 ${R["$k|p50"]} ms, p99 ${R["$k|p99"]} ms, core0 ${R["$k|core0"]}%, core1 ${R["$k|core1"]}%"
}

# ms of CPU per answered request of a measurement: a busy % (jvm, core0, core1) over its requests
per_request() {   # tag, shape, metric
  awk -v b="${R["$1|$2|max|$3"]:-}" -v d="$DURATION" -v n="${R["$1|$2|max|requests"]:-0}" \
    'BEGIN { if (n > 0 && b != "" && b != "-") printf "%.2f", b / 100 * d * 1000 / n; else printf "–" }'
}

half_rate() { awk -v r="$1" 'BEGIN { h = int(r / 2); if (h < 1) h = 1; print h }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.1f", 100 * a / b; else printf "–" }'; }   # a as % of b

# The round of a side (max or sql) whose throughput is the median of RATIO_ROUNDS becomes that side's figures, so
# every column of the shape (latencies, CPU) comes from one real run; the rounds' throughputs are kept to print.
adopt_median_round() {   # tag, shape, side
  local tag="$1" shape="$2" side="$3" r median
  median="$(for r in $(seq 1 "$RATIO_ROUNDS"); do echo "${R["$tag|$shape|${side}_$r|rps"]} $r"; done \
    | sort -g | awk -v m=$(( (RATIO_ROUNDS + 1) / 2 )) 'NR == m { print $2 }')"
  for f in rps p50 p99 errors requests core0 core1 jvm; do R["$tag|$shape|$side|$f"]="${R["$tag|$shape|${side}_${median}|$f"]:-}"; done
  R["$tag|$shape|$side|rounds"]="$(for r in $(seq 1 "$RATIO_ROUNDS"); do printf '%s ' "${R["$tag|$shape|${side}_$r|rps"]}"; done | sed 's/ $//')"
}

# Server and raw SQL of one shape in RATIO_ROUNDS rounds of alternating order (server then SQL, then SQL then
# server, ...), compared by medians: this host's throughput drifts by 15-30 % within minutes, and one run of each
# side taken minutes apart made a ratio of that drift as much as of the server.
measure_pair() {   # tag, shape, paths, wrk script, server warm-up seconds of the first round, pgbench arguments...
  local tag="$1" shape="$2" paths="$3" script="$4" warm="$5" round
  shift 5
  for round in $(seq 1 "$RATIO_ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then
      measure_server "$tag" "$shape" "max_${round}" "$paths" "$script" 0 "$([ "$round" = 1 ] && echo "$warm" || echo "$WARMUP")"
      measure_sql "$tag" "$shape" "sql_${round}" "$@"
    else
      measure_sql "$tag" "$shape" "sql_${round}" "$@"
      measure_server "$tag" "$shape" "max_${round}" "$paths" "$script" 0 "$WARMUP"
    fi
  done
  adopt_median_round "$tag" "$shape" max
  adopt_median_round "$tag" "$shape" sql
  # each round's two runs are adjacent in time: the median of the rounds' own ratios cancels the drift that two
  # sides' medians, taken from different rounds, can keep
  local ratios=()
  for round in $(seq 1 "$RATIO_ROUNDS"); do
    ratios+=("$(ratio "${R["$tag|$shape|max_${round}|rps"]}" "${R["$tag|$shape|sql_${round}|rps"]}")")
  done
  R["$tag|$shape|ratio"]="$(median "${ratios[@]}")"   # bench-statistics.sh's
  R["$tag|$shape|ratios"]="$(printf '%s %% ' "${ratios[@]}" | sed 's/ $//')"
  say "  ${shape}: medians ${R["$tag|$shape|max|rps"]} req/s (rounds ${R["$tag|$shape|max|rounds"]}) and ${R["$tag|$shape|sql|rps"]} tx/s (rounds ${R["$tag|$shape|sql|rounds"]}); rounds' ratios ${R["$tag|$shape|ratios"]}, median ${R["$tag|$shape|ratio"]} %"
}

# One request per path of a list: HTTP status, rows per response (mean), bytes per response (mean).
probe() {   # tag, shape, paths file, format (json | xml)
  local tag="$1" shape="$2" paths="$3" fmt="$4" body="${RUN}/probe.body" path code items=0 bytes=0 n=0
  while read -r path && [ "$n" -lt 20 ]; do
    code="$(curl -s -o "$body" -w '%{http_code}' "${BASE}${path}")"
    [ "$code" = 200 ] || { head -c 400 "$body" >&2; echo >&2; die "GET ${path} answered ${code}"; }
    if [ "$fmt" = xml ]; then items=$((items + $(grep -o '<service_request_id>' "$body" | wc -l)));
    else items=$((items + $(grep -o '"service_request_id"' "$body" | wc -l))); fi
    bytes=$((bytes + $(wc -c <"$body"))); n=$((n + 1))
  done <"$paths"
  R["$tag|$shape|rows"]="$(awk -v a="$items" -v n="$n" 'BEGIN { printf "%.0f", a / n }')"
  R["$tag|$shape|bytes"]="$(awk -v a="$bytes" -v n="$n" 'BEGIN { printf "%.0f", a / n }')"
}
first_id() { grep -o '"service_request_id":"[^"]*"' "$1" | head -1 | cut -d'"' -f4; }

b64url_decode() { local s="${1//-/+}"; s="${s//_//}"; while [ $(( ${#s} % 4 )) != 0 ]; do s="${s}="; done; printf '%s' "$s" | base64 -d; }
b64url_encode() { printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }

# Random 1 km boxes and 500 m circles around downtown: the same distribution as bench/pgbench/bbox.sql
# and radius.sql (centre uniform within +-0.0117 deg longitude, +-0.0090 deg latitude, about 1 km).
spatial_paths() {   # kind, file
  awk -v kind="$1" -v api="$API" -v radius="$RADIUS" -v seed="$RANDOM" 'BEGIN { srand(seed);
    for (i = 0; i < 1000; i++) {
      lon = -89.6501 + (int(rand() * 2001) - 1000) * 0.0000117; lat = 39.7817 + (int(rand() * 2001) - 1000) * 0.0000090;
      if (kind == "bbox") printf "%s/requests.json?bbox=%.6f,%.6f,%.6f,%.6f\n", api, lon - 0.00585, lat - 0.0045, lon + 0.00585, lat + 0.0045;
      else printf "%s/requests.json?lat=%.6f&long=%.6f&radius=%d\n", api, lat, lon, radius } }' >"$2"
}

window_args() {   # the 90-day window the server computes for a list without dates, as pgbench values
  local to from
  to="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  from="$(date -u -d "$to - 90 days" +%Y-%m-%dT%H:%M:%SZ)"
  echo "-D from=${from} -D to=${to}"
}

# ---------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------
say "results in ${RUN}; pinning: $([ "$PIN" = 1 ] && echo "server core ${SERVER_CPU}, PostgreSQL and wrk core ${PG_CPU}, pgbench core ${PGBENCH_CPU}" || echo off)"
# The small city is the big one younger: the same requests per day, over SMALL_ROWS / ROWS of the big one's
# BENCH_YEARS (6 months for 100k against 1M over five years), so the growth comparison isolates the length of history.
BIG_SPAN="${YEARS} years"
SMALL_SPAN="$(awk -v s="$SMALL_ROWS" -v r="$ROWS" -v y="$YEARS" 'BEGIN { printf "%.0f hours", y * 365.25 * 24 * s / r }')"
ensure_dataset "$DB_SMALL" "$SMALL_ROWS" "$SMALL_SPAN" small

# shellcheck source=scripts/bench-statistics.sh
. "${ROOT}/scripts/bench-statistics.sh"
if [ "${BENCH_ONLY:-}" = shared ]; then   # make bench-shared: the peers' set-up, server and PostgreSQL on one core
  [ "$PIN" = 1 ] || die "the shared-core mode pins processes to cores: it needs 2 cores and BENCH_PIN=auto"
  # shellcheck source=scripts/bench-shared.sh
  . "${ROOT}/scripts/bench-shared.sh"
  run_shared
  shared_report >"${RESULTS}/shared-${STAMP}.md"
  cp "${RESULTS}/shared-${STAMP}.md" "${RESULTS}/shared-latest.md"
  cat "${RESULTS}/shared-${STAMP}.md"
  exit 0
fi
ensure_dataset "$DB" "$ROWS" "$BIG_SPAN" big
if [ "${BENCH_ONLY:-}" = statistics ]; then   # make bench-stats: only the statistics, hotspots and export
  : >"${RUN}/verdicts"
  run_statistics
  v() { printf '%s' "${R["$1"]:-–}"; }
  le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 <= b + 0) }'; }
  { echo "# Statistics benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"; echo
    echo "Machine: $(nproc) cores, load before ${LOAD_BEFORE}; server built ${JAR_BUILT}; ${JAVA_VERSION}."; echo
    statistics_report; } >"${RESULTS}/statistics-${STAMP}.md"
  cp "${RESULTS}/statistics-${STAMP}.md" "${RESULTS}/statistics-latest.md"
  cat "${RESULTS}/statistics-${STAMP}.md"
  exit 0
fi

# --- the big city: every shape ---------------------------------------------------------------------
CURRENT_DB="$DB"
app_env "$DB"
JUR="$(sq "$DB" -c "SELECT id FROM jurisdictions WHERE jurisdiction_id = '${JURISDICTION}'")"
# blackbox services publish nothing: every public read leaves their requests out, so the raw SQL does too
BLACKBOX="{$(sq "$DB" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM services WHERE jurisdiction_ref = ${JUR} AND service_type = 'blackbox'")}"
SYNC_AFTER="$(sq "$DB" -c "SELECT to_char((max(updated_datetime) - interval '24 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM service_requests")"
ROWS_DEEP=$(( (DEEP_PAGE - 1) * PAGE_SIZE ))   # rows before page DEEP_PAGE
if [ "$ROWS_DEEP" -ge "$ROWS" ]; then die "BENCH_DEEP_PAGE=${DEEP_PAGE} is beyond the ${ROWS} rows"; fi

P="${RUN}/paths"; mkdir -p "$P"
echo "${API}/requests.json" >"$P/list_json"
echo "${API}/requests.xml" >"$P/list_xml"
spatial_paths bbox "$P/bbox"
spatial_paths radius "$P/radius"
EXPORT_Q="updated_after=${EXPORT_FROM}&sort=updated_datetime&page_size=${PAGE_SIZE}"
echo "${API}/requests.json?${EXPORT_Q}" >"$P/page_first"
echo "${API}/requests.json?${EXPORT_Q}&page=${DEEP_PAGE}" >"$P/page_offset"
echo "${API}/requests.json?updated_after=${SYNC_AFTER}" >"$P/sync"
sq "$DB" -c "SELECT service_request_id FROM service_requests WHERE service_ref <> ALL ('${BLACKBOX}') AND id IN
    (SELECT 1 + floor(random() * (SELECT max(id) FROM service_requests))::bigint FROM generate_series(1, 80))
    ORDER BY id LIMIT 64" >"${RUN}/single-ids"
sed "s|^|${API}/requests/|; s|\$|.json|" "${RUN}/single-ids" >"$P/single"
SINGLE_ARGS=()
i=0
while read -r sid; do
  i=$((i + 1))
  sed "s/@SID@/${sid}/" "${BENCH_DIR}/pgbench/single.sql.in" >"${RUN}/single-${i}.sql"
  SINGLE_ARGS+=(-f "${RUN}/single-${i}.sql@1")
done <"${RUN}/single-ids"

say "starting the server on ${DB}"
start_server "$DB" "${RUN}/server-big.log"

# The cursor of page DEEP_PAGE: the server's own token for page 2 carries the query's fingerprint;
# the key and id of the last row of page DEEP_PAGE - 1 come from SQL (reading 10,000 pages would take
# longer than the whole benchmark). The token is checked: its page must equal the OFFSET page.
TOKEN2="$(curl -s -D - -o /dev/null "${BASE}$(cat "$P/page_first")" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-next-page-token" { print $2 }')"
[ -n "$TOKEN2" ] || die "no X-Next-Page-Token on the first export page"
IFS=. read -r TV TSORT _ _ _ TFP <<<"$(b64url_decode "$TOKEN2")"
read -r KEY_MICROS KEY_ID KEY_ISO <<<"$(sq "$DB" -F ' ' -c "SELECT (extract(epoch FROM r.updated_datetime) * 1000000)::bigint, r.id,
    to_char(r.updated_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')
    FROM service_requests r WHERE r.jurisdiction_ref = ${JUR} AND r.service_ref <> ALL ('${BLACKBOX}')
      AND r.updated_datetime >= '${EXPORT_FROM}'
    ORDER BY r.updated_datetime, r.id OFFSET $((ROWS_DEEP - 1)) LIMIT 1")"
DEEP_TOKEN="$(b64url_encode "${TV}.${TSORT}.${KEY_MICROS}.${KEY_ID}.0.${TFP}")"
echo "${API}/requests.json?${EXPORT_Q}&page_token=${DEEP_TOKEN}" >"$P/page_cursor"
curl -s -o "${RUN}/deep-cursor.json" "${BASE}$(cat "$P/page_cursor")"
curl -s -o "${RUN}/deep-offset.json" "${BASE}$(cat "$P/page_offset")"
[ -n "$(first_id "${RUN}/deep-cursor.json")" ] && [ "$(first_id "${RUN}/deep-cursor.json")" = "$(first_id "${RUN}/deep-offset.json")" ] \
  || die "page ${DEEP_PAGE} by cursor and by OFFSET differ (token ${DEEP_TOKEN})"
R["big|page_cursor|first_id"]="$(first_id "${RUN}/deep-cursor.json")"

SHAPES=(list_json list_xml bbox radius page_first page_cursor page_offset sync single)
for s in "${SHAPES[@]}"; do probe big "$s" "$P/$s" "$([ "$s" = list_xml ] && echo xml || echo json)"; done

say "JVM warm-up: ${JVM_WARMUP} s over every GET shape"
grep -hv "page=" "$P"/list_json "$P"/list_xml "$P"/bbox "$P"/radius "$P"/page_first "$P"/page_cursor "$P"/sync "$P"/single >"$P/warm-mix"
wrk_run "${RUN}/warm.txt" "$JVM_WARMUP" "$P/warm-mix" "${BENCH_DIR}/wrk/get.lua" 0

GET_LUA="${BENCH_DIR}/wrk/get.lua"
PGB="${BENCH_DIR}/pgbench"
LIST_D=(-D jur="$JUR" -D blackbox="$BLACKBOX" -D limit=1001)
read -ra WIN <<<"$(window_args)"
sql_args() {   # shape -> pgbench arguments
  case "$1" in
    list_json|list_xml) echo "-f ${PGB}/list.sql ${LIST_D[*]} ${WIN[*]}" ;;
    bbox) echo "-f ${PGB}/bbox.sql ${LIST_D[*]} ${WIN[*]}" ;;
    radius) echo "-f ${PGB}/radius.sql ${LIST_D[*]} ${WIN[*]} -D radius=${RADIUS}" ;;
    page_first) echo "-f ${PGB}/page-first.sql -D jur=${JUR} -D blackbox=${BLACKBOX} -D after=${EXPORT_FROM} -D limit=$((PAGE_SIZE + 1))" ;;
    page_cursor) echo "-f ${PGB}/page-cursor.sql -D jur=${JUR} -D blackbox=${BLACKBOX} -D after=${EXPORT_FROM} -D limit=$((PAGE_SIZE + 1)) -D key=${KEY_ISO} -D keyid=${KEY_ID}" ;;
    page_offset) echo "-f ${PGB}/page-offset.sql -D jur=${JUR} -D blackbox=${BLACKBOX} -D after=${EXPORT_FROM} -D limit=$((PAGE_SIZE + 1)) -D offset=${ROWS_DEEP}" ;;
    sync) echo "-f ${PGB}/sync.sql -D jur=${JUR} -D blackbox=${BLACKBOX} -D after=${SYNC_AFTER} -D limit=1001" ;;
    single) echo "${SINGLE_ARGS[*]} -D jur=${JUR} -D blackbox=${BLACKBOX}" ;;
  esac
}

for s in "${SHAPES[@]}"; do
  say "shape ${s} (${RATIO_ROUNDS} rounds)"
  if [ "$s" = list_xml ]; then   # the same statement as list_json: measure it again, next to the XML runs
    read -ra A <<<"$(sql_args list_json)"
  else
    read -ra A <<<"$(sql_args "$s")"
  fi
  measure_pair big "$s" "$P/$s" "$GET_LUA" "$WARMUP" "${A[@]}"
  measure_server big "$s" half "$P/$s" "$GET_LUA" "$(half_rate "${R["big|$s|max|rps"]}")" 0
done

say "shape post"
POSTED_DB="$DB"
POTHOLE="$(sq "$DB" -c "SELECT s.id FROM services s WHERE s.jurisdiction_ref = ${JUR} AND s.service_code = 'POTHOLE'")"
CLIENT="$(sq "$DB" -c "SELECT id FROM api_clients WHERE name = 'Demo key (public)' AND revoked_at IS NULL ORDER BY id LIMIT 1")"
SYNC_COMMIT="$(PGPASSWORD="$QUARKUS_DATASOURCE_PASSWORD" "${PG_BIN}/psql" -X -tA -h 127.0.0.1 -p "$OPEN311_PG_PORT" -U "$QUARKUS_DATASOURCE_USERNAME" -d "$DB" -c "SHOW synchronous_commit")"
FSYNC="$(sq "$DB" -c "SHOW fsync")"
code="$(curl -s -o "${RUN}/probe.body" -w '%{http_code}' -d api_key="$DEMO_KEY" -d service_code=POTHOLE -d 'attribute[DEPTH]=deep' \
  -d lat=39.7817 -d long=-89.6501 -d email=probe@example.org -d description=probe "${BASE}${API}/requests.json")"
[ "$code" = 200 ] || [ "$code" = 201 ] || { cat "${RUN}/probe.body" >&2; die "POST answered ${code}"; }
measure_pair big post "$P/list_json" "${BENCH_DIR}/wrk/post.lua" "$POST_WARMUP" -f "${PGB}/post.sql" -D jur="$JUR" \
  -D client="$CLIENT" -D service="$POTHOLE" -D "actor=api_client:Demo key (public)" \
  -D since="$(date -u -d '-30 days' +%Y-%m-%dT%H:%M:%SZ)"
measure_server big post half "$P/list_json" "${BENCH_DIR}/wrk/post.lua" "$(half_rate "${R["big|post|max|rps"]}")" 0

# POST with one active webhook subscription to a real receiver (the crash test's, answering at once, on the
# PostgreSQL/wrk core): filing must not slow down by more than T_HOOK_COST %. POST throughput on this box drifts by
# 15-30 % within minutes (checkpoints, autovacuum, the host), so one run with and one without say little: HOOK_ROUNDS
# pairs of runs alternate the subscription off and on (off-on, then on-off, ... so a steady drift favours neither),
# the backlog drained after every run with it on, and the medians are compared. The lag is the event's write (in the
# filing transaction, just before its commit) to the dispatcher recording the receiver's 2xx, over the deliveries of
# a half-rate run, where the dispatcher is not behind by construction of the load.
say "shape post with one webhook subscription (${HOOK_ROUNDS} rounds)"
HOOK_PORT=$((PORT + 2))
HOOK_SECRET="whsec_$(head -c 32 /dev/urandom | base64 -w0)"
# a receiver left by an earlier run would take these deliveries and check them with another secret
(exec 3<>"/dev/tcp/127.0.0.1/${HOOK_PORT}") 2>/dev/null && die "port ${HOOK_PORT} (the webhook receiver's) is already in use"
HOOK_CMD=(java scripts/outbox-crash/Receiver.java "$HOOK_PORT" "$HOOK_SECRET" "${RUN}/hook-received.log" 0)
[ "$PIN" = 1 ] && HOOK_CMD=(taskset -c "$WRK_CPU" "${HOOK_CMD[@]}")
"${HOOK_CMD[@]}" >"${RUN}/hook-receiver.out" 2>&1 &   # a simple command: $! is the receiver itself, so kill ends it
HOOK_PID=$!
for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/${HOOK_PORT}") 2>/dev/null && break; sleep 0.5; done
(exec 3<>"/dev/tcp/127.0.0.1/${HOOK_PORT}") 2>/dev/null || die "the webhook receiver did not start (${RUN}/hook-receiver.out)"
HOOK_SUB="$(sq "$DB" -c "INSERT INTO webhook_subscriptions (jurisdiction_ref, api_client_ref, url, event_types, secret, description)
    VALUES (${JUR}, ${CLIENT}, 'http://127.0.0.1:${HOOK_PORT}/hook', '{request.created}', '${HOOK_SECRET}', 'make bench')
    RETURNING id" | head -1)"
hook_drained() {   # waits (at most 120 s) until nothing is pending for the subscription; prints the backlog it saw first
  local first="" n
  for _ in $(seq 1 240); do
    n="$(sq "$DB" -c "SELECT count(*) FROM webhook_deliveries WHERE subscription_ref = ${HOOK_SUB} AND state = 'pending'")"
    [ -n "$first" ] || first="$n"
    [ "$n" = 0 ] && { echo "$first"; return 0; }
    sleep 0.5
  done
  die "webhook deliveries still pending 120 s after the POST run (${n} left)"
}
hook_lag() {   # events after this id -> "p50 p90 delivered"
  sq "$DB" -F ' ' -c "SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - e.occurred_at)) * 1000)::numeric, 1),
      round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - e.occurred_at)) * 1000)::numeric, 1), count(*)
      FROM webhook_deliveries d JOIN events e ON e.id = d.event_ref
     WHERE d.subscription_ref = ${HOOK_SUB} AND e.id > $1 AND d.state = 'delivered'"
}
wrk_run "${RUN}/warm.txt" 5 "$P/list_json" "${BENCH_DIR}/wrk/post.lua" 0   # the dispatcher's path warms up too
hook_drained >/dev/null
hook_active() { sq "$DB" -c "UPDATE webhook_subscriptions SET active = $1 WHERE id = ${HOOK_SUB}" >/dev/null; }
HOOK_ON=""; HOOK_OFF=""; HOOK_BACKLOGS=""
for round in $(seq 1 "$HOOK_ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="false true"; else order="true false"; fi
  for on in $order; do
    hook_active "$on"
    if [ "$on" = true ]; then
      measure_server big "post_hook_${round}" max "$P/list_json" "${BENCH_DIR}/wrk/post.lua" 0 0
      HOOK_ON="${HOOK_ON} ${R["big|post_hook_${round}|max|rps"]}"
      HOOK_BACKLOGS="${HOOK_BACKLOGS} $(hook_drained)"
    else
      measure_server big "post_plain_${round}" max "$P/list_json" "${BENCH_DIR}/wrk/post.lua" 0 0
      HOOK_OFF="${HOOK_OFF} ${R["big|post_plain_${round}|max|rps"]}"
    fi
  done
done
hook_active true
# shellcheck disable=SC2086 # the runs are words: median (bench-statistics.sh) takes them as arguments
R["big|post_hook|max|rps"]="$(median $HOOK_ON)"
R["big|post_hook|without"]="$(median $HOOK_OFF)"
R["big|post_hook|runs_on"]="$(echo "$HOOK_ON" | sed 's/^ //; s/ /, /g')"
R["big|post_hook|runs_off"]="$(echo "$HOOK_OFF" | sed 's/^ //; s/ /, /g')"
R["big|post_hook|backlog"]="$(median $HOOK_BACKLOGS)"
MARK="$(sq "$DB" -c "SELECT coalesce(max(id), 0) FROM events")"
measure_server big post_hook half "$P/list_json" "${BENCH_DIR}/wrk/post.lua" "$(half_rate "${R["big|post_hook|max|rps"]}")" 0
hook_drained >/dev/null
read -r LAG_P50 LAG_P90 LAG_N <<<"$(hook_lag "$MARK")"
R["big|post_hook|lag_p50"]="$LAG_P50"; R["big|post_hook|lag_p90"]="$LAG_P90"; R["big|post_hook|lag_n"]="$LAG_N"
R["big|post_hook|received"]="$(grep -c ' true$' "${RUN}/hook-received.log" || true)"
R["big|post_hook|bad_signatures"]="$(grep -c ' false$' "${RUN}/hook-received.log" || true)"
hook_active false
kill "$HOOK_PID" 2>/dev/null || true; wait "$HOOK_PID" 2>/dev/null || true; HOOK_PID=""
R["big|post_hook|cost"]="$(awk -v w="${R["big|post_hook|without"]}" -v h="${R["big|post_hook|max|rps"]}" 'BEGIN { printf "%.1f", 100 * (w - h) / w }')"
say "  webhook cost: ${R["big|post_hook|cost"]} % of POST/s (medians: ${R["big|post_hook|max|rps"]} with, ${R["big|post_hook|without"]} without); lag p50 ${R["big|post_hook|lag_p50"]} ms, p90 ${R["big|post_hook|lag_p90"]} ms over ${R["big|post_hook|lag_n"]} deliveries"
stop_server
R["big|post|removed"]="$(remove_posted "$DB")"
POSTED_DB=""

# Query plans of the measured statements (EXPLAIN ANALYZE with the values of the first path).
explain() {   # tag, shape, database, file, name=value...
  local tag="$1" shape="$2" db="$3" file="$4"; shift 4
  local sql kv name value out="${RUN}/plan-${tag}-${shape}.txt"
  sql="$(grep -v '^--' "$file" | grep -v '^\\' | sed 's/ \\gset.*//')"
  for kv in "$@"; do
    name="${kv%%=*}"; value="${kv#*=}"
    sql="$(printf '%s' "$sql" | sed -E "s/([^:]):${name}\\b/\\1'${value}'/g")"
  done
  # Twice in one session; the second pass is kept (libraries loaded, caches warm). A statement that is an
  # EXPLAIN itself (the estimate behind X-Total-Count-Estimate) is shown as the server runs it.
  local analyze='NF { print ($1 == "EXPLAIN" ? "" : "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ") $0 ";" }'
  { printf '%s\n' "$sql" | awk 'BEGIN { RS = ";" } '"$analyze"
    echo '\echo ==second-pass=='
    printf '%s\n' "$sql" | awk 'BEGIN { RS = ";" } '"$analyze"
  } | scripts/pg.sh psql -d "$db" -X 2>&1 | sed -E 's/[0-9A-F]{40,}/<geometry>/g' | sed '1,/^==second-pass==$/d' >"$out" || true
  { echo "#### ${R["$tag|db|name"]}: ${shape}"; echo '```'; cat "$out"; echo '```'; } >>"${RUN}/plans.md"
  R["$tag|$shape|plan"]="$(grep -oE '(Index Only Scan|Index Scan Backward|Index Scan|Bitmap Index Scan|Parallel Seq Scan|Seq Scan)( using| on) [a-z_]+|Execution Time: [0-9.]+ ms' "$out" \
    | sed -E 's/ (using|on) service_requests_/ /; s/ on service_requests$/ service_requests/; s/Execution Time: /= /' | paste -sd' ' -)"
}
say "query plans"
: >"${RUN}/plans.md"
CENTRE_BOX=(minlon=-89.65595 minlat=39.7772 maxlon=-89.64425 maxlat=39.7862)
CENTRE=(clon=-89.6501 clat=39.7817)
read -r WFROM WTO <<<"$(window_args | sed 's/-D from=//; s/-D to=//')"
explain big list_json "$DB" "${PGB}/list.sql" jur="$JUR" blackbox="$BLACKBOX" limit=1001 from="$WFROM" to="$WTO"
explain big bbox "$DB" "${PGB}/bbox.sql" jur="$JUR" blackbox="$BLACKBOX" limit=1001 from="$WFROM" to="$WTO" "${CENTRE_BOX[@]}"
explain big radius "$DB" "${PGB}/radius.sql" jur="$JUR" blackbox="$BLACKBOX" limit=1001 from="$WFROM" to="$WTO" "${CENTRE[@]}" radius="$RADIUS"
explain big page_first "$DB" "${PGB}/page-first.sql" jur="$JUR" blackbox="$BLACKBOX" after="$EXPORT_FROM" limit=$((PAGE_SIZE + 1))
explain big page_cursor "$DB" "${PGB}/page-cursor.sql" jur="$JUR" blackbox="$BLACKBOX" after="$EXPORT_FROM" limit=$((PAGE_SIZE + 1)) key="$KEY_ISO" keyid="$KEY_ID"
explain big page_offset "$DB" "${PGB}/page-offset.sql" jur="$JUR" blackbox="$BLACKBOX" after="$EXPORT_FROM" limit=$((PAGE_SIZE + 1)) offset="$ROWS_DEEP"
explain big sync "$DB" "${PGB}/sync.sql" jur="$JUR" blackbox="$BLACKBOX" after="$SYNC_AFTER" limit=1001
explain big single "$DB" "${RUN}/single-1.sql" jur="$JUR" blackbox="$BLACKBOX"
R["big|list_xml|plan"]="${R["big|list_json|plan"]}"

# --- the small city: bbox and radius, for the growth target ----------------------------------------
CURRENT_DB="$DB_SMALL"
app_env "$DB_SMALL"
JUR_SMALL="$(sq "$DB_SMALL" -c "SELECT id FROM jurisdictions WHERE jurisdiction_id = '${JURISDICTION}'")"
say "starting the server on ${DB_SMALL}"
start_server "$DB_SMALL" "${RUN}/server-small.log"
for s in bbox radius; do probe small "$s" "$P/$s" json; done
cat "$P/bbox" "$P/radius" >"$P/warm-small"
wrk_run "${RUN}/warm.txt" $((JVM_WARMUP / 2)) "$P/warm-small" "$GET_LUA" 0
read -ra WIN <<<"$(window_args)"
for s in bbox radius; do
  say "shape ${s} (${SMALL_ROWS} rows)"
  measure_server small "$s" max "$P/$s" "$GET_LUA"
  if [ "$s" = bbox ]; then
    measure_sql small bbox sql -f "${PGB}/bbox.sql" -D jur="$JUR_SMALL" -D blackbox="$BLACKBOX" -D limit=1001 "${WIN[@]}"
  else
    measure_sql small radius sql -f "${PGB}/radius.sql" -D jur="$JUR_SMALL" -D blackbox="$BLACKBOX" -D limit=1001 "${WIN[@]}" -D radius="$RADIUS"
  fi
done
stop_server

# Check that the pgbench scripts hold the very statements the server issues: restart the server on the
# small database with statement logging for its sessions, send each shape's request once, and look for
# every pgbench statement (whitespace collapsed, parameters and pgbench variables written as ?) among
# the logged ones.
normalize_sql() { tr '\n\t' '  ' | sed -E 's/  +/ /g; s/^ //; s/ ?;? ?$//'; echo; }
verify_sql() {
  local log="${PGDATA_DIR}/server.log" collector
  collector="$(sq postgres -c "SHOW logging_collector")"
  if [ "$collector" != off ] || [ ! -r "$log" ]; then R["sqlcheck|result"]="not checked (no readable cluster log)"; return; fi
  sq postgres -c "ALTER DATABASE ${DB_SMALL} SET log_statement = 'all'" >/dev/null
  start_server "$DB_SMALL" "${RUN}/server-sqlcheck.log"
  local n0 s
  n0="$(wc -l <"$log")"
  for s in "${SHAPES[@]}"; do curl -s -o /dev/null "${BASE}$(head -1 "$P/$s")"; done
  sleep 0.5
  stop_server
  sq postgres -c "ALTER DATABASE ${DB_SMALL} RESET log_statement" >/dev/null
  tail -n +"$((n0 + 1))" "$log" | awk '
      /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { if (stmt != "") print stmt; stmt = "";
          if (match($0, /LOG:  execute [^:]*: /)) stmt = substr($0, RSTART + RLENGTH); next }
      /^\t/ { if (stmt != "") stmt = stmt " " substr($0, 2); next }
      END { if (stmt != "") print stmt }' | while IFS= read -r line; do
        printf '%s\n' "$line" | normalize_sql | sed -E 's/\$[0-9]+/?/g'; done | sort -u >"${RUN}/sql-logged.txt"
  local f missing=0 total=0 stmt
  : >"${RUN}/sql-expected.txt"
  for f in list.sql bbox.sql radius.sql page-first.sql page-cursor.sql page-offset.sql sync.sql single.sql.in; do
    grep -v '^--' "${PGB}/${f}" | grep -v '^\\' | tr '\n' ' ' | tr ';' '\n' | while IFS= read -r stmt; do
      [ -n "${stmt// /}" ] || continue
      printf '%s\n' "$stmt" | normalize_sql | sed -E "s/'@SID@'/?/g; s/(^|[^:]):[a-z_]+/\\1?/g"
    done >>"${RUN}/sql-expected.txt"
  done
  while IFS= read -r stmt; do
    total=$((total + 1))
    grep -qxF -- "$stmt" "${RUN}/sql-logged.txt" || { missing=$((missing + 1)); echo "$stmt" >>"${RUN}/sql-missing.txt"; }
  done <"${RUN}/sql-expected.txt"
  R["sqlcheck|total"]="$total"; R["sqlcheck|missing"]="$missing"
  if [ "$missing" = 0 ]; then R["sqlcheck|result"]="all ${total} pgbench statements found verbatim in the server's statement log"
  else R["sqlcheck|result"]="${missing} of ${total} pgbench statements NOT issued by the server (see sql-missing.txt): their ratios compare different SQL"; fi
  say "SQL text check: ${R["sqlcheck|result"]}"
}
say "checking the pgbench statements against the server's statement log"
verify_sql
explain small bbox "$DB_SMALL" "${PGB}/bbox.sql" jur="$JUR_SMALL" blackbox="$BLACKBOX" limit=1001 from="$WFROM" to="$WTO" "${CENTRE_BOX[@]}"
explain small radius "$DB_SMALL" "${PGB}/radius.sql" jur="$JUR_SMALL" blackbox="$BLACKBOX" limit=1001 from="$WFROM" to="$WTO" "${CENTRE[@]}" radius="$RADIUS"

run_statistics

# ---------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
ELAPSED=$(( $(date +%s) - START_EPOCH ))
v() { printf '%s' "${R["$1"]:-–}"; }
factor() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.3f", a / b; else printf "–" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 >= b + 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 <= b + 0) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 < b + 0) }'; }
VERDICTS="${RUN}/verdicts"
: >"$VERDICTS"
verdict() {   # label, test command...: prints PASS or **FAIL** and records the verdict (tables run in subshells)
  local label="$1"; shift
  if "$@"; then echo "PASS ${label}" >>"$VERDICTS"; echo "PASS"; else echo "FAIL ${label}" >>"$VERDICTS"; echo "**FAIL**"; fi
}

declare -A LABEL=(
  [list_json]="default list, JSON (\`requests.json\`)"
  [list_xml]="default list, XML (\`requests.xml\`)"
  [bbox]="bbox 1 km², 90 days"
  [radius]="radius 500 m, 90 days"
  [page_first]="export page 1 (page_size=50)"
  [page_cursor]="export page ${DEEP_PAGE}, cursor"
  [page_offset]="export page ${DEEP_PAGE}, OFFSET"
  [sync]="\`updated_after\` sync (24 h)"
  [single]="single request by id"
)

summary_table() {
  echo "| Shape | Rows/resp | Server req/s | p50 ms | p99 ms | SQL tx/s | SQL p50 ms | SQL p99 ms | Server/SQL | Target | Met |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  local s r target met
  for s in "${SHAPES[@]}"; do
    r="$(v "big|$s|ratio")"
    if [ "$s" = page_offset ]; then target="none: reported apart"; met="–";
    elif [ "$s" = single ]; then target="≥ ${T_SINGLE_RATIO} %"; met="$(verdict "${s}: ${r} % of raw SQL (target ${T_SINGLE_RATIO} %)" ge "$r" "$T_SINGLE_RATIO")";
    else target="≥ ${T_LIST_RATIO} %"; met="$(verdict "${s}: ${r} % of raw SQL (target ${T_LIST_RATIO} %)" ge "$r" "$T_LIST_RATIO")"; fi
    echo "| ${LABEL[$s]} | $(v "big|$s|rows") | $(v "big|$s|max|rps") | $(v "big|$s|max|p50") | $(v "big|$s|max|p99") | $(v "big|$s|sql|rps") | $(v "big|$s|sql|p50") | $(v "big|$s|sql|p99") | ${r} % | ${target} | ${met} |"
  done
  local post_ratio
  post_ratio="$(v "big|post|ratio")"
  met="$(verdict "post: ${post_ratio} % of the raw write transaction (target ${T_POST_RATIO} %)" ge "$post_ratio" "$T_POST_RATIO")"
  echo "| POST (form, demo key, sync commit ${SYNC_COMMIT}) | 1 | $(v "big|post|max|rps") | $(v "big|post|max|p50") | $(v "big|post|max|p99") | $(v "big|post|sql|rps") | $(v "big|post|sql|p50") | $(v "big|post|sql|p99") | ${post_ratio} % (approx.) | ≥ ${T_POST_RATIO} % | ${met} |"
}

rounds_table() {
  echo "| Shape | Server req/s by round | Raw SQL tx/s by round | Ratio by round | Median of the rounds' ratios | Ratio of the sides' medians |"
  echo "|---|---|---|---|---:|---:|"
  local s
  for s in "${SHAPES[@]}" post; do
    echo "| ${LABEL[$s]:-POST} | $(v "big|$s|max|rounds") | $(v "big|$s|sql|rounds") | $(v "big|$s|ratios") | $(v "big|$s|ratio") % | $(ratio "$(v "big|$s|max|rps")" "$(v "big|$s|sql|rps")") % |"
  done
}

half_table() {
  echo "| Shape | Target rate req/s | Achieved req/s | p50 ms | p99 ms | Errors | p99 < ${T_P99_MS} ms |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  local s
  for s in "${SHAPES[@]}" post; do
    local label="${LABEL[$s]:-POST}" met="–"
    [ "$s" = page_offset ] || met="$(verdict "${s}: p99 $(v "big|$s|half|p99") ms at half load (target < ${T_P99_MS} ms)" lt "$(v "big|$s|half|p99")" "$T_P99_MS")"
    echo "| ${label} | $(v "big|$s|half|target_rate") | $(v "big|$s|half|rps") | $(v "big|$s|half|p50") | $(v "big|$s|half|p99") | $(v "big|$s|half|errors") | ${met} |"
  done
}

hook_table() {
  local cost="${R["big|post_hook|cost"]:-}"
  echo "| POST without subscription: median (runs) | With one subscription: median (runs) | Cost | Target | Met | Backlog after a run with it (median) | Lag p50 / p90 (half rate) | Delivered / signatures valid at the receiver / invalid |"
  echo "|---|---|---:|---|---|---:|---:|---|"
  echo "| $(v "big|post_hook|without") req/s ($(v "big|post_hook|runs_off")) | $(v "big|post_hook|max|rps") req/s ($(v "big|post_hook|runs_on")) | ${cost} % | ≤ ${T_HOOK_COST} % | $(verdict "POST with one webhook subscription: ${cost} % slower (target ${T_HOOK_COST} %)" le "$cost" "$T_HOOK_COST") | $(v "big|post_hook|backlog") | $(v "big|post_hook|lag_p50") / $(v "big|post_hook|lag_p90") ms | $(v "big|post_hook|lag_n") / $(v "big|post_hook|received") / $(v "big|post_hook|bad_signatures") |"
}

deep_table() {
  local f_cursor f_offset
  f_cursor="$(factor "$(v "big|page_cursor|max|p50")" "$(v "big|page_first|max|p50")")"
  f_offset="$(factor "$(v "big|page_offset|max|p50")" "$(v "big|page_first|max|p50")")"
  echo "| Page | Server req/s | p50 ms | p99 ms | p50 / page 1 | Target | Met |"
  echo "|---|---:|---:|---:|---:|---|---|"
  echo "| 1 (with its total: the planner's estimate) | $(v "big|page_first|max|rps") | $(v "big|page_first|max|p50") | $(v "big|page_first|max|p99") | 1.00 | | |"
  echo "| ${DEEP_PAGE} by cursor (\`page_token\`) | $(v "big|page_cursor|max|rps") | $(v "big|page_cursor|max|p50") | $(v "big|page_cursor|max|p99") | ${f_cursor} | ≤ ${T_DEEP_FACTOR} | $(verdict "page ${DEEP_PAGE} by cursor: p50 ${f_cursor} x page 1 (target ${T_DEEP_FACTOR})" le "$f_cursor" "$T_DEEP_FACTOR") |"
  echo "| ${DEEP_PAGE} by OFFSET (\`page=${DEEP_PAGE}\`) | $(v "big|page_offset|max|rps") | $(v "big|page_offset|max|p50") | $(v "big|page_offset|max|p99") | ${f_offset} | (reported, no target) | |"
}

growth_table() {
  echo "| Shape | Rows/resp 100k | Rows/resp 1M | Server p50 100k | Server p50 1M | Factor | SQL p50 100k | SQL p50 1M | SQL factor | Target | Met |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  local s f
  for s in bbox radius; do
    f="$(factor "$(v "big|$s|max|p50")" "$(v "small|$s|max|p50")")"
    echo "| ${LABEL[$s]} | $(v "small|$s|rows") | $(v "big|$s|rows") | $(v "small|$s|max|p50") | $(v "big|$s|max|p50") | ${f} | $(v "small|$s|sql|p50") | $(v "big|$s|sql|p50") | $(factor "$(v "big|$s|sql|p50")" "$(v "small|$s|sql|p50")") | ≤ ${T_GROWTH} | $(verdict "${s}: p50 x${f} from 100k to 1M rows (target ${T_GROWTH})" le "$f" "$T_GROWTH") |"
  done
}

cpu_table() {
  echo "| Measurement | req/s | core 0 busy % | core 1 busy % | server JVM % of a core |"
  echo "|---|---:|---:|---:|---:|"
  local tag s side
  for tag in big small; do
    for s in "${SHAPES[@]}" post post_hook $(for r in $(seq 1 "$HOOK_ROUNDS"); do echo "post_plain_${r} post_hook_${r}"; done); do
      for side in max half sql; do
        [ -n "${R["$tag|$s|$side|rps"]:-}" ] || continue
        echo "| ${tag} ${s} ${side} | $(v "$tag|$s|$side|rps") | $(v "$tag|$s|$side|core0") | $(v "$tag|$s|$side|core1") | $(v "$tag|$s|$side|jvm") |"
      done
    done
  done
}

plans_table() {
  echo "| Database | Shape | Indexes used and execution time (EXPLAIN ANALYZE, second of two runs in one unpinned psql session) |"
  echo "|---|---|---|"
  local tag s
  for tag in big small; do
    for s in "${SHAPES[@]}"; do
      [ -n "${R["$tag|$s|plan"]:-}" ] || continue
      echo "| ${R["$tag|db|name"]} | ${s} | $(v "$tag|$s|plan") |"
    done
  done
}

IFS='|' read -r B_CLOSED B_90D B_SUB B_HIST B_ATTR B_HEAP B_TOTAL B_SPAN B_GENAT <<<"$(v "big|db|facts" | sed 's/ | /|/g')"
IFS='|' read -r S_CLOSED S_90D S_SUB S_HIST S_ATTR S_HEAP S_TOTAL S_SPAN S_GENAT <<<"$(v "small|db|facts" | sed 's/ | /|/g')"
PG_VERSION="$(sq postgres -c "SELECT current_setting('server_version')")"
POSTGIS_VERSION="$(sq "$DB" -c "SELECT postgis_lib_version()")"
PG_SETTINGS="$(sq postgres -F ' ' -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
    WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather', 'synchronous_commit', 'fsync')")"
GIT_REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_DIRTY="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | wc -l)"
CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"

SQLCHECK_MET="$(verdict "pgbench statements identical to the server's: ${R["sqlcheck|result"]:-not checked}" [ "${R["sqlcheck|missing"]:-x}" = 0 ])"
T_SUMMARY="$(summary_table)"
T_HALF="$(half_table)"
T_ROUNDS="$(rounds_table)"
T_DEEP="$(deep_table)"
T_HOOK="$(hook_table)"
T_GROWTH_TABLE="$(growth_table)"
T_STATISTICS="$(statistics_report)"
PASSED="$(grep -c '^PASS' "$VERDICTS" || true)"
FAILED="$(grep -c '^FAIL' "$VERDICTS" || true)"

{
  echo "# City-scale benchmark report"
  echo
  echo "Run ${STAMP} (UTC), ${ELAPSED} s in all, commit ${GIT_REV}$([ "$GIT_DIRTY" != 0 ] && echo " with ${GIT_DIRTY} modified tracked files"), server jar built ${JAR_BUILT}."
  [ -n "${BENCH_NOTE:-}" ] && { echo; echo "Note: ${BENCH_NOTE}"; }
  echo
  echo "Method: bench/README.md. Each shape is measured through the server (wrk, ${CONNS} connections, 1 thread,"
  echo "${WARMUP} s warm-up then ${DURATION} s) and as the exact SQL the server issues (pgbench -M prepared, ${CONNS} clients,"
  echo "the last ${DURATION} s of a $((WARMUP + DURATION)) s run), in ${RATIO_ROUNDS} rounds of alternating order; a ratio is the median of the rounds' own;"
  echo "absolute numbers depend on whatever else the machine was doing (load average below). Warm-up: ${JVM_WARMUP} s of mixed GETs"
  echo "after start-up, ${WARMUP} s before each shape, ${POST_WARMUP} s before POST."
  echo
  echo "## Machine and set-up"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | ${CPU_MODEL}, nproc ${CORES} |"
  echo "| Memory | ${MEM_TOTAL} |"
  echo "| Load average (1/5/15 min) | before ${LOAD_BEFORE}; after ${LOAD_AFTER} |"
  echo "| Java | ${JAVA_VERSION}; flags ${JVM_FLAGS[*]} |"
  echo "| Server | copy of target/quarkus-app in ${APP_DIR}, profile demo, 127.0.0.1:${PORT}, JDBC pool 2..8 (application.properties) |"
  if [ "$PIN" = 1 ]; then
    echo "| CPU pinning (taskset) | server JVM on core ${SERVER_CPU}; PostgreSQL backends of the benchmark databases and wrk on core ${PG_CPU}; pgbench (the raw-SQL client, in the JVM's place) on core ${PGBENCH_CPU}. Postmaster affinity: ${POSTMASTER_AFFINITY}$([ "$PG_WAS_RUNNING" = 1 ] && echo " (cluster already running: backends pinned by pid before each measurement; WAL writer, checkpointer and parallel-query workers follow the postmaster's affinity)") |"
  else
    echo "| CPU pinning | none |"
  fi
  echo "| PostgreSQL | ${PG_VERSION}, PostGIS ${POSTGIS_VERSION}; ${PG_SETTINGS}; synchronous_commit seen by the server's role: ${SYNC_COMMIT} |"
  echo "| Load generators | $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); pgbench ${PG_VERSION} |"
  echo "| Same SQL? | ${SQLCHECK_MET}: ${R["sqlcheck|result"]:-not checked} |"
  echo
  echo "| Dataset | ${DB} | ${DB_SMALL} |"
  echo "|---|---:|---:|"
  echo "| Requests | $(v "big|db|rows") | $(v "small|db|rows") |"
  echo "| Requested between | ${B_SPAN} | ${S_SPAN} |"
  echo "| Closed | ${B_CLOSED} | ${S_CLOSED} |"
  echo "| In the default 90-day window | ${B_90D} | ${S_90D} |"
  echo "| Submitters / history rows / attribute rows | ${B_SUB} / ${B_HIST} / ${B_ATTR} | ${S_SUB} / ${S_HIST} / ${S_ATTR} |"
  echo "| Table heap / with indexes | ${B_HEAP} / ${B_TOTAL} | ${S_HEAP} / ${S_TOTAL} |"
  echo "| Generated at | ${B_GENAT} | ${S_GENAT} |"
  echo "| Generation in this run | $(v "big|gen|seconds")$([ "$(v "big|gen|seconds")" != kept ] && echo " s") | $(v "small|gen|seconds")$([ "$(v "small|gen|seconds")" != kept ] && echo " s") |"
  echo
  echo "## Throughput: server against the same SQL ($(v "big|db|rows") rows)"
  echo
  echo "$T_SUMMARY"
  echo
  echo "Each shape ran ${RATIO_ROUNDS} rounds of one ${DURATION}-second server run and one raw-SQL run, in alternating order"
  echo "(server first, then SQL first, ...: a steady drift of the host favours neither side). Server/SQL is the median of"
  echo "the rounds' own ratios (a round's two runs follow each other); the other columns are each side's median round, so"
  echo "they need not divide to it (both ratios are in the table below the summary). Rows/resp is the mean"
  echo "number of requests per response over up to 20 of the shape's paths. The XML list is compared with a second set"
  echo "of pgbench runs of the same statement as the JSON list. POST's SQL column is the server's write transaction as"
  echo "its statement log shows it, written by hand (bench/pgbench/post.sql; not checked automatically)."
  echo
  echo "$T_ROUNDS"
  echo
  echo "CPU per POST at the maximum rate, from /proc: the server JVM $(per_request big post jvm) ms (user + system, its"
  echo "own core), the database core $(per_request big post core0) ms (PostgreSQL, shared with wrk and nothing else of ours)."
  echo
  echo "## Latency at half the maximum throughput"
  echo
  echo "wrk paced by bench/wrk/lib.lua (a fixed schedule of send slots through delay(), ${CONNS} connections): wrk2 is"
  echo "not available, so latency is measured from the actual send and can hide queueing when every connection is busy."
  echo
  echo "$T_HALF"
  echo
  echo "## POST with one active webhook subscription"
  echo
  echo "The same POST load with one subscription to \`request.created\`, delivered to a real receiver (scripts/outbox-crash/"
  echo "Receiver.java, which checks every signature itself and answers at once; on core ${PG_CPU}), in ${HOOK_ROUNDS} pairs of"
  echo "${DURATION}-second runs that alternate the subscription off and on (off-on, on-off, ...: a steady drift favours"
  echo "neither); the cost compares the medians. Backlog: deliveries still pending right after a run with the subscription"
  echo "(drained before the next run, so the dispatcher's catching up never falls in a run without it). Lag: from the"
  echo "event's write in the filing transaction to the dispatcher recording the 2xx, over the deliveries of a run at half"
  echo "the maximum rate."
  echo
  echo "$T_HOOK"
  echo
  echo "## Page ${DEEP_PAGE} against page 1"
  echo
  echo "A full export: \`updated_after=${EXPORT_FROM}&sort=updated_datetime&page_size=${PAGE_SIZE}\`. The cursor of page ${DEEP_PAGE}"
  echo "was built from the server's own page-2 token (its fingerprint) and the key of row $((ROWS_DEEP - 1)) (0-based) found"
  echo "with SQL; its first request, $(v "big|page_cursor|first_id"), equals the first of the OFFSET page."
  echo
  echo "$T_DEEP"
  echo
  echo "## Growth from $(v "small|db|rows") to $(v "big|db|rows") rows"
  echo
  echo "The same city at two ages: the same requests per day, ${SMALL_SPAN} of history against ${BIG_SPAN}. The 90-day window"
  echo "holds about as many requests in both, so the factor shows how much the cost depends on the length of history."
  echo "Same random boxes and circles in both; server restarted on the small database (its own $((JVM_WARMUP / 2)) s warm-up)."
  echo
  echo "$T_GROWTH_TABLE"
  echo
  echo "$T_STATISTICS"
  echo
  echo "## Query plans"
  echo
  plans_table
  echo
  echo "## CPU during each measurement"
  echo
  echo "Busy share of each core over the measurement (every process, including ones outside the benchmark) and the"
  echo "server JVM's own CPU time."
  echo
  cpu_table
  echo
  echo "## Targets"
  echo
  echo "${PASSED} met, ${FAILED} missed."
  echo
  sed 's/^PASS /- PASS: /; s/^FAIL /- **FAIL**: /' "$VERDICTS"
  echo
  echo "## Appendix: EXPLAIN ANALYZE of every measured statement"
  echo
  cat "${RUN}/plans.md"
} >"$REPORT"
cp "$REPORT" "${RESULTS}/latest.md"

echo
echo "Throughput, server against the same SQL ($(v "big|db|rows") rows; ${CONNS} connections; full report: ${REPORT})"
echo
echo "$T_SUMMARY"
echo
echo "$T_DEEP"
echo
echo "$T_HOOK"
echo
echo "$T_GROWTH_TABLE"
echo
echo "$T_HALF"
echo
echo "$T_STATISTICS"
echo
echo "Targets: ${PASSED} met, ${FAILED} missed."
grep '^FAIL' "$VERDICTS" | sed 's/^FAIL /  missed: /' || true
