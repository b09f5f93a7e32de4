# Sourced by scripts/bench.sh (`make bench`, and alone with `make bench-stats`): the statistics, hotspot, work
# queue and open data export figures at BENCH_ROWS requests (issues 13 and 14). It uses bench.sh's functions and
# settings. The work queue is a staff endpoint: the server trusts a key pair made for the run, and wrk sends a
# token signed with it.
#
#   * each statistic and hotspot shape through the server with one connection (wrk -c1, the server's cache
#     off) and its own statement through pgbench (-c1, -M extended: sent with its values and planned for them
#     each time, as the server sends these statements), in turns, STAT_ROUNDS rounds: the medians of the
#     rounds' mean latencies and their ratio, checked against T_STAT_FACTOR;
#   * the full CSV export of every request, through a server started with a small heap (BENCH_EXPORT_HEAP,
#     128m): rows, bytes, seconds, and the heap sampled each second with jstat (peak use, old generation
#     after a full GC before and after): a server that buffered the export could not finish it.

T_STAT_FACTOR=1.5   # each statistic through the server within this factor of its raw SQL
STAT_ROUNDS="${BENCH_STAT_ROUNDS:-3}"
STAT_DURATION="${BENCH_STAT_DURATION:-6}"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
EXPORT_HEAP="${BENCH_EXPORT_HEAP:-128m}"
# BENCH_STAT_SHAPES="queue_agency" measures only those shapes (and no export): a quick look at one figure
declare -a STAT_SHAPES=(${BENCH_STAT_SHAPES:-stats_daily stats_performance stats_backlog stats_trends hotspots_grid hotspots_clusters queue_agency})
declare -A STAT_LABEL=(
  [stats_daily]="requests per day and service, 1 year"
  [stats_performance]="performance per service, 1 year"
  [stats_backlog]="backlog by service and age (every open request)"
  [stats_trends]="trends per service, 90 days against the 90 before"
  [hotspots_grid]="hotspots: 250 m hexagons, potholes, 1 year"
  [hotspots_clusters]="hotspots: DBSCAN clusters (100 m, 10), potholes, 90 days"
  [queue_agency]="work queue: the open requests of the busiest agency, by priority, 50 per page"
)
BENCH_ISSUER="https://bench-issuer.invalid"

# An RS256 key pair for this run and a staff token signed with it (two hours), made with openssl alone.
staff_token() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${RUN}/jwt-key.pem" 2>/dev/null
  openssl pkey -in "${RUN}/jwt-key.pem" -pubout -out "${RUN}/jwt-public.pem"
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  local now header payload signature
  now="$(date +%s)"
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
  payload="$(printf '{"iss":"%s","sub":"bench","preferred_username":"bench","groups":["staff"],"jurisdictions":["%s"],"aud":"open311","iat":%d,"exp":%d}' \
    "$BENCH_ISSUER" "$JURISDICTION" "$now" $((now + 7200)) | b64url)"
  signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "${RUN}/jwt-key.pem" -binary | b64url)"
  echo "${header}.${payload}.${signature}"
}

# wrk on one paths file: output file, seconds, connections
stat_wrk() {
  WRK_OUT="$1" WRK_PATHS="$4" WRK_RATE=0 WRK_LIB_DIR="${BENCH_DIR}/wrk" WRK_AUTHORIZATION="${WRK_AUTH:-}" \
    run_on "$WRK_CPU" wrk -t1 -c"$3" -d"$2s" --timeout 60s -s "${BENCH_DIR}/wrk/get.lua" "$BASE" >"$1.log" 2>&1
}

# mean latency in ms of one connection for DURATION seconds (after WARMUP), and its error count
stat_server() {   # shape, path
  local out="${RUN}/wrk-stat-$1.txt"
  echo "$2" >"${RUN}/paths-stat-$1"
  # only the staff shapes send the token: verifying it would add to the public shapes' figures
  local WRK_AUTH="" warm="$WARMUP"
  # a page of the queue takes a millisecond or two: the few hundred calls of the common warm-up leave its code
  # half compiled, so it warms up five times longer (the three rounds fell 4.4, 2.2, 1.4 ms without this)
  [[ "$1" == queue_* ]] && WRK_AUTH="$STAT_AUTH" && warm=$((WARMUP * 5))
  stat_wrk "${RUN}/warm.txt" "$warm" 1 "${RUN}/paths-stat-$1" || true
  stat_wrk "$out" "$STAT_DURATION" 1 "${RUN}/paths-stat-$1" || die "wrk failed (see $out.log)"
  R["stat|$1|server_ms"]="$(awk -v v="$(kv "$out" mean_us)" 'BEGIN { printf "%.1f", v / 1000 }')"
  R["stat|$1|requests"]="$(kv "$out" requests)"
  local e errors=0
  for e in err_connect err_read err_write err_status err_timeout; do errors=$((errors + $(kv "$out" "$e"))); done
  R["stat|$1|errors"]="$errors"
}

stat_sql() {   # shape, pgbench arguments
  local shape="$1"; shift
  local out="${RUN}/pgb-stat-${shape}.txt"
  local connect=(-h 127.0.0.1 -p "$OPEN311_PG_PORT" -U "$QUARKUS_DATASOURCE_USERNAME")
  PGPASSWORD="$QUARKUS_DATASOURCE_PASSWORD" run_on "$PGBENCH_CPU" "${PG_BIN}/pgbench" -n -M extended -c 1 -j 1 \
    -T "$WARMUP" "${connect[@]}" "$@" "$DB" >/dev/null 2>&1 || true
  PGPASSWORD="$QUARKUS_DATASOURCE_PASSWORD" run_on "$PGBENCH_CPU" "${PG_BIN}/pgbench" -n -M extended -c 1 -j 1 \
    -T "$STAT_DURATION" "${connect[@]}" "$@" "$DB" >"$out" 2>&1 &
  BG_PID=$!
  # its backend on PostgreSQL's core, as the server's are: the two sides must run on the same cores
  sleep 0.3
  pin_backends "$DB"
  wait "$BG_PID" || { BG_PID=""; cat "$out" >&2; die "pgbench failed for ${shape} (see ${out})"; }
  BG_PID=""
  R["stat|$shape|sql_ms"]="$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$out")"
  R["stat|$shape|sql_tx"]="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
}

run_statistics() {
  CURRENT_DB="$DB"
  app_env "$DB"
  local jur blackbox pothole to from tfrom before now zone
  jur="$(sq "$DB" -c "SELECT id FROM jurisdictions WHERE jurisdiction_id = '${JURISDICTION}'")"
  blackbox="{$(sq "$DB" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM services WHERE jurisdiction_ref = ${jur} AND service_type = 'blackbox'")}"
  pothole="{$(sq "$DB" -c "SELECT id FROM services WHERE jurisdiction_ref = ${jur} AND service_code = 'POTHOLE'")}"
  to="$(date -u +%Y-%m-%dT00:00:00Z)"
  from="$(date -u -d "$to - 365 days" +%Y-%m-%dT%H:%M:%SZ)"
  tfrom="$(date -u -d "$to - 90 days" +%Y-%m-%dT%H:%M:%SZ)"
  before="$(date -u -d "$tfrom - 90 days" +%Y-%m-%dT%H:%M:%SZ)"
  R["stat|facts"]="$(sq "$DB" -F ' | ' -c "SELECT count(*), count(*) FILTER (WHERE status = 'open'),
      count(*) FILTER (WHERE requested_datetime >= '${from}'), count(closed_at), count(acknowledged_at) FROM service_requests")"

  local agency agency_path token
  agency="$(sq "$DB" -c "SELECT lower(agency_responsible) FROM service_requests WHERE jurisdiction_ref = ${jur} AND status = 'open' AND agency_responsible IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")"
  agency_path="$(printf '%s' "$agency" | sed 's/ /%20/g')"
  R["stat|queue_agency|facts"]="$(sq "$DB" -c "SELECT count(*) FROM service_requests WHERE jurisdiction_ref = ${jur} AND status = 'open' AND lower(agency_responsible) = '${agency}'") open requests of ${agency}"
  token="$(staff_token)"
  STAT_AUTH="Bearer ${token}"

  say "statistics: starting the server on ${DB} with its statistics cache off"
  SERVER_EXTRA=(-Dquarkus.cache.enabled=false -Dmp.jwt.verify.publickey.location="${RUN}/jwt-public.pem"
    -Dmp.jwt.verify.issuer="$BENCH_ISSUER")
  start_server "$DB" "${RUN}/server-statistics.log"
  SERVER_EXTRA=()
  zone="$(curl -s "${BASE}${API}/statistics/backlog.json?group_by=" | sed -n 's/.*"time_zone":"\([^"]*\)".*/\1/p')"
  [ -n "$zone" ] || die "the statistics endpoint did not answer (log: ${RUN}/server-statistics.log)"
  declare -A path=(
    [stats_daily]="${API}/statistics/requests.json?start_date=${from}&end_date=${to}&interval=day&group_by=service_code"
    [stats_performance]="${API}/statistics/performance.json?start_date=${from}&end_date=${to}"
    [stats_backlog]="${API}/statistics/backlog.json"
    [stats_trends]="${API}/statistics/trends.json?start_date=${tfrom}&end_date=${to}"
    [hotspots_grid]="${API}/hotspots/grid.geojson?service_code=POTHOLE&start_date=${from}&end_date=${to}&size=250&min_count=3"
    [hotspots_clusters]="${API}/hotspots/clusters.geojson?service_code=POTHOLE&start_date=${tfrom}&end_date=${to}&distance=100&min_size=10"
    [queue_agency]="/staff/v1/jurisdictions/${JURISDICTION}/requests?agency_responsible=${agency_path}&page_size=50"
  )
  local s code
  for s in "${STAT_SHAPES[@]}"; do
    code="$(curl -s -o "${RUN}/stat-${s}.json" -w '%{http_code}' -H "Authorization: ${STAT_AUTH}" "${BASE}${path[$s]}")"
    [ "$code" = 200 ] || die "${s} answered ${code}: $(head -c 300 "${RUN}/stat-${s}.json")"
    R["stat|$s|bytes"]="$(wc -c <"${RUN}/stat-${s}.json")"
    R["stat|$s|rows"]="$(grep -o '"count":\|"open":\|"current":\|"requests":\|"service_request_id":' "${RUN}/stat-${s}.json" | wc -l)"
  done
  say "statistics: JVM warm-up, ${JVM_WARMUP} s over every shape"
  for s in "${STAT_SHAPES[@]}"; do echo "${path[$s]}"; done >"${RUN}/paths-stat-warm"
  WRK_AUTH="$STAT_AUTH" stat_wrk "${RUN}/warm.txt" "$JVM_WARMUP" 2 "${RUN}/paths-stat-warm" || true
  now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  local -a common=(-D jur="$jur" -D blackbox="$blackbox")
  local PGB="${BENCH_DIR}/pgbench"
  local round servers sqls
  for s in "${STAT_SHAPES[@]}"; do
    say "statistics: ${s}"
    servers=""; sqls=""
    # server and SQL in turns, STAT_ROUNDS times: a plan or a neighbour that slows one measurement down shows
    # in one round, not in the figure (the median of the rounds on each side)
    for round in $(seq 1 "$STAT_ROUNDS"); do
      pin_backends "$DB"
      stat_server "$s" "${path[$s]}"
      case "$s" in
        stats_daily) stat_sql "$s" -f "${PGB}/stats-daily.sql" "${common[@]}" -D interval=day -D zone="$zone" -D from="$from" -D to="$to" ;;
        stats_performance) stat_sql "$s" -f "${PGB}/stats-performance.sql" "${common[@]}" -D now="$now" -D from="$from" -D to="$to" ;;
        stats_backlog) stat_sql "$s" -f "${PGB}/stats-backlog.sql" "${common[@]}" -D now="$now" ;;
        stats_trends) stat_sql "$s" -f "${PGB}/stats-trends.sql" "${common[@]}" -D from="$tfrom" -D to="$to" -D before="$before" ;;
        hotspots_grid) stat_sql "$s" -f "${PGB}/hotspots-grid.sql" "${common[@]}" -D services="$pothole" -D from="$from" -D to="$to" -D size=250 -D mincount=3 ;;
        hotspots_clusters) stat_sql "$s" -f "${PGB}/hotspots-clusters.sql" "${common[@]}" -D services="$pothole" -D from="$tfrom" -D to="$to" -D distance=100 -D minsize=10 ;;
        queue_agency) stat_sql "$s" -f "${PGB}/queue-agency.sql" -D jur="$jur" -D agency="$agency" -D limit=51 ;;
      esac
      servers+="${R["stat|$s|server_ms"]} "; sqls+="${R["stat|$s|sql_ms"]} "
      say "  round ${round}: server ${R["stat|$s|server_ms"]} ms, SQL ${R["stat|$s|sql_ms"]} ms (errors ${R["stat|$s|errors"]})"
    done
    R["stat|$s|server_rounds"]="${servers% }"; R["stat|$s|sql_rounds"]="${sqls% }"
    R["stat|$s|server_ms"]="$(median $servers)"; R["stat|$s|sql_ms"]="$(median $sqls)"
    R["stat|$s|factor"]="$(awk -v a="${R["stat|$s|server_ms"]}" -v b="${R["stat|$s|sql_ms"]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }')"
    say "  median: server ${R["stat|$s|server_ms"]} ms, SQL ${R["stat|$s|sql_ms"]} ms: x${R["stat|$s|factor"]}"
  done
  stop_server
  STAT_AUTH=""
  if [ -z "${BENCH_STAT_SHAPES:-}" ]; then export_heap; fi
}

# The whole history as CSV through a server with a small heap; jstat samples the heap every second.
export_heap() {
  say "export: every request as CSV through a server with a ${EXPORT_HEAP} heap"
  local saved=("${JVM_FLAGS[@]}")
  JVM_FLAGS=(-Xms"$EXPORT_HEAP" -Xmx"$EXPORT_HEAP" -XX:+UseParallelGC)
  [ "$PIN" = 1 ] && JVM_FLAGS+=(-XX:ActiveProcessorCount=1)
  start_server "$DB" "${RUN}/server-export.log"
  JVM_FLAGS=("${saved[@]}")
  heap_used() { jstat -gc "$SERVER_PID" | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { printf "%.0f %.0f\n", ($(c["S0U"]) + $(c["S1U"]) + $(c["EU"]) + $(c["OU"])) / 1024, $(c["OU"]) / 1024 }'; }
  jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
  R["export|old_before"]="$(heap_used | cut -d' ' -f2)"
  jstat -gc "$SERVER_PID" 1000 >"${RUN}/export-jstat.txt" 2>/dev/null &
  local sampler=$! t0 t1 lines
  t0="$(now_s)"
  lines="$(curl -s -H 'Accept-Encoding: identity' "${BASE}${API}/exports/requests.csv" | tee >(wc -c >"${RUN}/export-bytes") | wc -l)"
  t1="$(now_s)"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
  R["export|old_after"]="$(heap_used | cut -d' ' -f2)"
  stop_server
  sleep 0.2
  R["export|rows"]=$((lines - 1))
  R["export|mb"]="$(awk -v b="$(cat "${RUN}/export-bytes")" 'BEGIN { printf "%.0f", b / 1048576 }')"
  R["export|seconds"]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  R["export|rows_per_s"]="$(awk -v n="${R["export|rows"]}" -v s="${R["export|seconds"]}" 'BEGIN { printf "%.0f", n / s }')"
  R["export|peak_mb"]="$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 != "S0C" { u = ($(c["S0U"]) + $(c["S1U"]) + $(c["EU"]) + $(c["OU"])) / 1024; if (u > m) m = u } END { printf "%.0f", m }' "${RUN}/export-jstat.txt")"
  R["export|old_peak_mb"]="$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 != "S0C" { u = $(c["OU"]) / 1024; if (u > m) m = u } END { printf "%.0f", m }' "${RUN}/export-jstat.txt")"
  R["export|expected"]="$(sq "$DB" -c "SELECT count(*) FROM service_requests r JOIN services s ON s.id = r.service_ref WHERE s.service_type <> 'blackbox'")"
  say "  ${R["export|rows"]} rows (expected ${R["export|expected"]}), ${R["export|mb"]} MB in ${R["export|seconds"]} s; heap ${EXPORT_HEAP}: peak used ${R["export|peak_mb"]} MB, old generation after full GC ${R["export|old_before"]} MB before, ${R["export|old_after"]} MB after"
}

statistics_report() {
  echo "## Statistics, hotspots, the work queue and the open data export (${ROWS} requests)"
  echo
  echo "Data: $(v "stat|facts") (requests | open | filed in the last year | with closed_at | with acknowledged_at);"
  echo "the work queue reads $(v "stat|queue_agency|facts")."
  echo "One connection each side, ${STAT_DURATION} s after ${WARMUP} s of warm-up, server and SQL in turns ${STAT_ROUNDS} times (the"
  echo "figures are the medians of the rounds, every round is listed); the server's statistics cache is off"
  echo "(\`-Dquarkus.cache.enabled=false\`), so every call runs its statement. Raw SQL: the same statement through pgbench"
  echo "(\`-M extended\`: planned with its values each time, as the server sends it; the scripts in bench/pgbench/ are"
  echo "generated from the server's SQL builders and checked by a test)."
  echo
  echo "| Shape | Answer bytes | Server mean ms (rounds) | SQL mean ms (rounds) | Server / SQL | Target | Met | Errors |"
  echo "|---|---:|---:|---:|---:|---|---|---:|"
  local s met
  for s in "${STAT_SHAPES[@]}"; do
    met="$(stat_verdict "${s}: x$(v "stat|$s|factor") of its SQL (target x${T_STAT_FACTOR})" le "$(v "stat|$s|factor")" "$T_STAT_FACTOR")"
    echo "| ${STAT_LABEL[$s]} | $(v "stat|$s|bytes") | $(v "stat|$s|server_ms") ($(v "stat|$s|server_rounds")) | $(v "stat|$s|sql_ms") ($(v "stat|$s|sql_rounds")) | x$(v "stat|$s|factor") | ≤ x${T_STAT_FACTOR} | ${met} | $(v "stat|$s|errors") |"
  done
  echo
  echo "Export (\`GET ${API}/exports/requests.csv\`, whole history, no gzip) through a server with a ${EXPORT_HEAP} heap:"
  echo
  echo "| Rows written | Rows expected | MB | Seconds | Rows/s | Heap peak used MB | Old gen. peak MB | Old gen. after full GC: before / after MB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  echo "| $(v "export|rows") | $(v "export|expected") | $(v "export|mb") | $(v "export|seconds") | $(v "export|rows_per_s") | $(v "export|peak_mb") | $(v "export|old_peak_mb") | $(v "export|old_before") / $(v "export|old_after") |"
}

stat_verdict() {   # label, test command...
  local label="$1"; shift
  if "$@"; then echo "PASS ${label}" >>"${RUN}/verdicts"; echo "PASS"; else echo "FAIL ${label}" >>"${RUN}/verdicts"; echo "**FAIL**"; fi
}
