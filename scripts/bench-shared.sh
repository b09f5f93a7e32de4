# Sourced by scripts/bench.sh with BENCH_ONLY=shared (`make bench-shared`): the set-up in which the two runnable
# peers were measured (issue 17), so the comparison can be repeated without them. The application and
# PostgreSQL share one core (the server JVM and the backends of the benchmark database on core 1), wrk runs on
# the other with one thread and 16 connections, on the 100,000-request city. Four endpoints, each with
# keep-alive and with `Connection: close`, in interleaved rounds (BENCH_SHARED_ROUNDS, 3): every round
# measures every endpoint once, and the report gives the medians of the rounds. The CPU per request is the
# shared core's busy time over the requests answered: the JVM's part from /proc/<pid>/stat (user + system),
# the rest is PostgreSQL and the kernel's work for it.

SHARED_ROUNDS="${BENCH_SHARED_ROUNDS:-3}"
SHARED_SHAPES=(services list100 single post)
declare -A SHARED_LABEL=(
  [services]="services.json"
  [list100]="requests.json, 100 items (page_size=100)"
  [single]="requests/{id}.json"
  [post]="POST requests.json"
)
# Requests/s of the peers as issue 17 measured them (Django peer, Perl peer; Connection: close)
declare -A SHARED_PEERS=([services]="224 | 417" [list100]="31 | 38" [single]="157 | 306" [post]="41 | 212")

run_shared() {
  CONNS=16
  SERVER_CPU=1; PG_CPU=1; WRK_CPU=0
  CURRENT_DB="$DB_SMALL"
  app_env "$DB_SMALL"
  local p="${RUN}/paths"
  mkdir -p "$p"
  echo "${API}/services.json" >"$p/services"
  echo "${API}/requests.json?page_size=100" >"$p/list100"
  sq "$DB_SMALL" -c "SELECT service_request_id FROM service_requests r JOIN services s ON s.id = r.service_ref
      WHERE s.service_type <> 'blackbox' AND NOT r.hidden ORDER BY random() LIMIT 64" \
    | sed "s|^|${API}/requests/|; s|\$|.json|" >"$p/single"
  cp "$p/services" "$p/post"   # post.lua builds its own request; wrk needs a URL
  say "shared core: starting the server on ${DB_SMALL} (server and PostgreSQL on core ${SERVER_CPU}, wrk -c${CONNS} on core ${WRK_CPU})"
  POSTED_DB="$DB_SMALL"
  start_server "$DB_SMALL" "${RUN}/server-shared.log"
  local s
  for s in list100 single; do probe shared "$s" "$p/$s" json; done
  say "JVM warm-up: ${JVM_WARMUP} s of GETs, ${POST_WARMUP} s of POSTs"
  cat "$p/services" "$p/list100" "$p/single" >"$p/warm-mix"
  wrk_run "${RUN}/warm.txt" "$JVM_WARMUP" "$p/warm-mix" "${BENCH_DIR}/wrk/get.lua" 0
  wrk_run "${RUN}/warm.txt" "$POST_WARMUP" "$p/post" "${BENCH_DIR}/wrk/post.lua" 0
  local round mode script
  for round in $(seq 1 "$SHARED_ROUNDS"); do
    for mode in keepalive close; do
      for s in "${SHARED_SHAPES[@]}"; do
        script="${BENCH_DIR}/wrk/get.lua"; [ "$s" = post ] && script="${BENCH_DIR}/wrk/post.lua"
        if [ "$mode" = close ]; then export WRK_CLOSE=1; else unset WRK_CLOSE; fi
        say "round ${round}, ${mode}: ${s}"
        measure_server shared "${s}-${mode}-${round}" max "$p/$s" "$script" 0
        unset WRK_CLOSE
        # ms of the shared core, and of the JVM, per answered request
        R["shared|${s}-${mode}-${round}|max|cpu_ms"]="$(per_request shared "${s}-${mode}-${round}" core1)"
        R["shared|${s}-${mode}-${round}|max|jvm_ms"]="$(per_request shared "${s}-${mode}-${round}" jvm)"
      done
    done
  done
  stop_server
  R["shared|removed"]="$(remove_posted "$DB_SMALL")"
  POSTED_DB=""
}

shared_median() {   # shape-mode, metric
  local r values=()
  for r in $(seq 1 "$SHARED_ROUNDS"); do values+=("${R["shared|$1-$r|max|$2"]}"); done
  median "${values[@]}"
}

shared_report() {
  echo "# Shared-core benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Issue 17's set-up: the server JVM and PostgreSQL's backends of ${DB_SMALL} (${SMALL_ROWS} requests) pinned to"
  echo "core ${SERVER_CPU}, wrk \`-t1 -c${CONNS}\` on core ${WRK_CPU}; medians of ${SHARED_ROUNDS} interleaved rounds of ${DURATION} s"
  echo "(${WARMUP} s warm-up before each). Machine: $(nproc) cores, load before ${LOAD_BEFORE}, after $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "server built ${JAR_BUILT}; ${JAVA_VERSION}; ${JVM_FLAGS[*]}. PostgreSQL's background processes (WAL writer,"
  echo "checkpointer) keep the postmaster's affinity (${POSTMASTER_AFFINITY:-unknown})."
  echo
  echo "| Endpoint | keep-alive req/s | close req/s | p50 ms (keep-alive / close) | CPU per request, shared core, ms: all = JVM + PostgreSQL (keep-alive) | same, close | Django peer / Perl peer req/s (close, issue 17) | ours / best peer (close) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  local s ka cl best
  for s in "${SHARED_SHAPES[@]}"; do
    ka="$(shared_median "${s}-keepalive" rps)"; cl="$(shared_median "${s}-close" rps)"
    best="$(printf '%s' "${SHARED_PEERS[$s]}" | awk -F' \\| ' '{ print ($1 > $2 ? $1 : $2) }')"
    printf '| %s | %s | %s | %s / %s | %s = %s + %s | %s = %s + %s | %s | %sx |\n' "${SHARED_LABEL[$s]}" "$ka" "$cl" \
      "$(shared_median "${s}-keepalive" p50)" "$(shared_median "${s}-close" p50)" \
      "$(shared_median "${s}-keepalive" cpu_ms)" "$(shared_median "${s}-keepalive" jvm_ms)" \
      "$(awk -v a="$(shared_median "${s}-keepalive" cpu_ms)" -v b="$(shared_median "${s}-keepalive" jvm_ms)" 'BEGIN { printf "%.2f", a - b }')" \
      "$(shared_median "${s}-close" cpu_ms)" "$(shared_median "${s}-close" jvm_ms)" \
      "$(awk -v a="$(shared_median "${s}-close" cpu_ms)" -v b="$(shared_median "${s}-close" jvm_ms)" 'BEGIN { printf "%.2f", a - b }')" \
      "${SHARED_PEERS[$s]/|//}" "$(awk -v a="$cl" -v b="$best" 'BEGIN { printf "%.1f", a / b }')"
  done
  echo
  echo "Rows per response: list ${R["shared|list100|rows"]:-–}, single ${R["shared|single|rows"]:-–}. Errors over all runs: $(
    local e=0 k; for k in "${!R[@]}"; do case "$k" in shared\|*\|max\|errors) e=$((e + R[$k]));; esac; done; echo "$e").
    POSTed requests removed afterwards: ${R["shared|removed"]:-0}."
  echo
  echo "Every round (req/s, p50 ms, CPU ms per request, JVM ms per request):"
  echo
  echo '```'
  local r m
  for r in $(seq 1 "$SHARED_ROUNDS"); do for m in keepalive close; do for s in "${SHARED_SHAPES[@]}"; do
    local k="shared|${s}-${m}-${r}|max"
    printf 'round %s %-9s %-8s %8s req/s  p50 %7s  cpu %5s  jvm %5s  errors %s\n' "$r" "$m" "$s" \
      "${R["$k|rps"]}" "${R["$k|p50"]}" "${R["$k|cpu_ms"]}" "${R["$k|jvm_ms"]}" "${R["$k|errors"]}"
  done; done; done
  echo '```'
}
