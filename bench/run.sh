#!/usr/bin/env bash
# Payrail benchmark: storage ceiling S (pgbench, redis-benchmark), then the packaged gateway
# driven by wrk; prints a table and writes bench/results/<timestamp>.json. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/run.sh [options]
  --provider P     simulator | stripe | all (default all: simulator, then stripe when available)
  --port N         gateway port (default 18080; the next free one is taken when busy)
  --no-build       use the existing target/quarkus-app instead of ./mvnw -Psandbox package
  --no-train       use target/quarkus-app/app.aot as it is instead of training it (bench/aot-train.sh)
  --plain-start    also time a start without the AOT cache (a throw-away start, ~8 s more)
  --quick          short passes (5 s) for a smoke test; figures are not comparable
  --jfr            record a JFR profile of the gateway into bench/results/<ts>.jfr
  -h, --help       this text
Environment: JAVA_HOME (default Temurin 25), BENCH_JAVA_OPTS (default the -XX flags of
src/main/docker/Dockerfile.jvm with -XX:MaxRAM=512m, a 512 MiB pod, and an initial heap of at least 12.5 %),
PGHOST/PGPORT (127.0.0.1:5432), BENCH_DB (payrail_bench; the Stripe emulator's JVM uses
BENCH_DB_provider), BENCH_WARMUP_S (60), BENCH_RUN_S (20)
and BENCH_TRAIN_S (5): the gateway's warm-up, each wrk pass and each AOT training workload, in s.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
PROVIDER=all
PORT=18080
BUILD=1
TRAIN=1
QUICK=0
JFR=0
PLAIN_START=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --provider) PROVIDER=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --no-train) TRAIN=0; shift ;;
        --plain-start) PLAIN_START=1; shift ;;
        --quick) QUICK=1; shift ;;
        --jfr) JFR=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$PROVIDER" in simulator|stripe|all) ;; *) echo "--provider must be simulator, stripe or all" >&2; exit 2 ;; esac

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
# The JVM image's flags (image_java_opts in lib.sh).
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:-$(image_java_opts)}
# The Stripe emulator posts a webhook per payment to /webhooks/stripe like Stripe does; off by default so that
# the Stripe passes measure the REST client and fault-tolerance path (BENCH_STRIPE_WEBHOOKS=1 keeps them).
STRIPE_WEBHOOKS=${BENCH_STRIPE_WEBHOOKS:-0}
TS=$(date -u +%Y%m%dT%H%M%SZ)
[[ $QUICK == 1 ]] && TS="$TS-quick"   # smoke runs are named apart (and not committed)
SCHEMA="payrail_bench_$(date -u +%Y%m%d%H%M%S)"
WORK=$(mktemp -d "/tmp/payrail-bench.XXXXXX")
RESULTS="$BENCH/results"
mkdir -p "$RESULTS"
CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)

if [[ $QUICK == 1 ]]; then
    PG_WARM=3; PG_RUN=5; WARM=5; RUN=5; TRAIN_S=2
else
    PG_WARM=10; PG_RUN=15; WARM=${BENCH_WARMUP_S:-60}; RUN=${BENCH_RUN_S:-20}; TRAIN_S=${BENCH_TRAIN_S:-5}
fi

JVM_PID=""
REDIS_PID=""
EMU_PID=""
EMU_REDIS_PID=""
T_START=$(date +%s)
log() { printf '\n== [%3d s] %s\n' $(( $(date +%s) - T_START )) "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

cleanup() {
    set +e
    stop_pid "$JVM_PID"
    stop_pid "$EMU_PID"
    stop_pid "$REDIS_PID"
    stop_pid "$EMU_REDIS_PID"
    stop_pid "${PROBE_PID:-}"
    drop_schema "$SCHEMA" >/dev/null 2>&1
    [[ -n $EMU_PID ]] && DB=$EMU_DB drop_schema "$SCHEMA" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

require() {
    local missing=()
    for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "missing: ${missing[*]} (apt-get update && apt-get install -y postgresql-client wrk redis-tools redis-server python3)" >&2
        exit 1
    fi
}
require pgbench psql wrk redis-benchmark redis-cli redis-server python3 curl
[[ -x $JAVA_HOME/bin/java ]] || { echo "JAVA_HOME=$JAVA_HOME has no bin/java (Java 25 needed)" >&2; exit 1; }

# ---------------------------------------------------------------- 1. preflight
log "Preflight"
read -r LOAD1 LOAD5 LOAD15 _ < /proc/loadavg
JAVA_VERSION=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)
PG_VERSION=$(psql -d postgres -Atc "SHOW server_version")
REDIS_VERSION=$(redis-server --version | awk '{print $3}')
WRK_VERSION=$(wrk -v 2>&1 | head -1 | awk '{print $2}' || true)
echo "cores: $NCPU   load average: $LOAD1 $LOAD5 $LOAD15"
echo "java: $JAVA_VERSION"
echo "postgres: $PG_VERSION   redis: $REDIS_VERSION   wrk: $WRK_VERSION   pgbench: $(pgbench --version | awk '{print $3}')"
# cpu_probe: thousands of SHA-256 digests of 64 bytes per second on one core for 0.5 s, the machine's
# speed at that moment; taken at the start and at the end, they show a machine that slowed down.
cpu_probe() {
    python3 -c 'import hashlib, time
t0 = time.perf_counter(); n = 0; b = b"x" * 64
while time.perf_counter() - t0 < 0.5:
    for _ in range(1000): hashlib.sha256(b).digest()
    n += 1000
print(round(n / (time.perf_counter() - t0) / 1000))'
}
# steal_ticks: CPU time the hypervisor gave to other guests (/proc/stat), in clock ticks, all cores.
steal_ticks() { awk '$1 == "cpu" { print $9 }' /proc/stat; }
# steal_pct T0 T1 SECONDS: that time as a percentage of the cores' capacity over SECONDS.
steal_pct() { awk -v d=$(( $2 - $1 )) -v s="$3" -v t="$CLK_TCK" -v n="$NCPU" 'BEGIN { printf "%.1f", 100 * d / (t * s * n) }'; }
PROBE_START=$(cpu_probe)
echo "cpu probe: ${PROBE_START}k SHA-256/s on one core"
busy() { awk -v l="$1" -v n="$NCPU" 'BEGIN { exit !(l / n > 0.5) }'; }
if busy "$LOAD1"; then
    warn "the machine is busy (load $LOAD1 on $NCPU cores > 0.5 per core): figures will be low and noisy"
fi
printf '{"cores":%d,"load_start":[%s,%s,%s],"java":"%s","postgres":"%s","redis":"%s","wrk":"%s","quick":%s,"started":"%s","cpu_probe_k_per_s":%d}\n' \
    "$NCPU" "$LOAD1" "$LOAD5" "$LOAD15" "${JAVA_VERSION//\"/}" "$PG_VERSION" "$REDIS_VERSION" "$WRK_VERSION" \
    "$([[ $QUICK == 1 ]] && echo true || echo false)" "$TS" "$PROBE_START" > "$WORK/preflight.json"

PORT=$(free_port "$PORT")
EMU_PORT=$(free_port $((PORT + 2)))
EMU_DB="${DB}_provider"
REDIS_PORT=$(free_port 6391)
BASE="http://127.0.0.1:$PORT"

# A private Redis for the run: its INFO commandstats and CPU are the gateway's alone.
private_redis "$REDIS_PORT" "$WORK/redis.log"
REDIS_PID=$LAUNCHED_PID

ensure_db

# ---------------------------------------------------------------- 3a. build and start the jar
if [[ $BUILD == 1 ]]; then
    # The aot-jar layout; the build writes its own (untrained) cache only when no training follows.
    # The sandbox flavour (-Psandbox): the simulator and the provider emulators are part of the jar.
    BUILD_ARGS=(-B -q -Psandbox package -DskipTests -Dquarkus.package.jar.aot.enabled=true)
    [[ $TRAIN == 1 ]] || BUILD_ARGS+=(-Dquarkus.package.jar.aot.phase=build)
    log "Build: ./mvnw ${BUILD_ARGS[*]}"
    BUILD_T0=$(date +%s)
    (cd "$ROOT" && ./mvnw "${BUILD_ARGS[@]}")
    echo "build took $(( $(date +%s) - BUILD_T0 )) s"
fi
[[ -f $APP_DIR/quarkus-run.jar ]] || { echo "no target/quarkus-app/quarkus-run.jar (the sandbox flavour, -Psandbox); run without --no-build" >&2; exit 1; }
# A Maven test run after the last bench build packages target/quarkus-app again without -Psandbox: no simulator,
# and every payment of the run would be refused ("No enabled provider ...").
python3 -c 'import glob, sys, zipfile; sys.exit(0 if any(n.startswith("dev/payrail/connector/simulator/") for j in glob.glob(sys.argv[1] + "/app/*.jar") for n in zipfile.ZipFile(j).namelist()) else 1)' "$APP_DIR" \
    || { echo "target/quarkus-app is not the sandbox flavour (no simulator in it: a Maven build without -Psandbox packaged it since); run without --no-build" >&2; exit 1; }
# The AOT cache the build writes (phase build) only holds what a start without work loads; a cache
# trained on payments, refunds and the Stripe path holds ~2x the classes and the JIT's profiles.
AOT_KIND=none
if [[ $TRAIN == 1 ]]; then
    log "Train the AOT cache: bench/aot-train.sh --seconds $TRAIN_S"
    TRAIN_T0=$(date +%s)
    AOT_TRAIN_JAVA_OPTS="$JAVA_OPTS_BENCH" BENCH_DB="$DB" "$BENCH/aot-train.sh" --seconds "$TRAIN_S"
    AOT_KIND=trained
    echo "training took $(( $(date +%s) - TRAIN_T0 )) s"
elif [[ -f $APP_DIR/app.aot ]]; then
    AOT_KIND=existing
fi

log "Start the packaged jar (sandbox profile, simulator at zero delay) on :$PORT, schema $DB.$SCHEMA"
JFR_OPTS=()
if [[ $JFR == 1 ]]; then
    # Deep stacks: Jackson and Mutiny nest past JFR's default 64 frames, which would hide who called them.
    JFR_OPTS=("-XX:FlightRecorderOptions:stackdepth=512"
        "-XX:StartFlightRecording=filename=$RESULTS/$TS.jfr,settings=profile,dumponexit=true")
fi
read -r -a JAVA_FLAGS <<< "$JAVA_OPTS_BENCH"
AOT_OPTS=()
if [[ $AOT_KIND != none ]]; then
    # JDK 25 ahead-of-time cache (JEP 483/514/515); only valid for the JDK and class path that wrote it
    AOT_OPTS=("-XX:AOTCache=app.aot")
fi
# Start-up without the AOT cache, for comparison: a throw-away start on its own schema, stopped once ready.
STARTUP_PLAIN_MS=0
if [[ $PLAIN_START == 1 ]]; then
    PROBE_PORT=$(free_port $((PORT + 1)))
    PROBE_NS=$(date +%s%N)
    launch "${SCHEMA}_probe" "$PROBE_PORT" "$WORK/gateway-probe.log" -Dquarkus.shutdown.delay=0s
    PROBE_PID=$LAUNCHED_PID
    STARTUP_PLAIN_MS=$(ready_ms "$PROBE_PID" "$PROBE_PORT" "$PROBE_NS") || STARTUP_PLAIN_MS=0
    stop_pid "$PROBE_PID"
    drop_schema "${SCHEMA}_probe"
    echo "start-up without the AOT cache: ready after ${STARTUP_PLAIN_MS} ms"
fi
START_NS=$(date +%s%N)
# No shutdown delay: a pod's drain period only makes the run longer once the passes are done. The
# Stripe connector calls the emulator JVM that start_emulator starts before the Stripe passes.
launch "$SCHEMA" "$PORT" "$WORK/gateway.log" "${AOT_OPTS[@]}" "${JFR_OPTS[@]}" \
    "-Dquarkus.rest-client.stripe.url=http://127.0.0.1:$EMU_PORT/sandbox/stripe" -Dquarkus.shutdown.delay=0s -Dquarkus.datasource.reactive.additional-properties.application_name=payrail-bench
JVM_PID=$LAUNCHED_PID
STARTUP_MS=$(await_ready "$JVM_PID" "$PORT" "$START_NS" "$WORK/gateway.log" "the gateway")
QUARKUS_STARTED=$(grep -o 'started in [0-9.]*s' "$WORK/gateway.log" | awk '{print $3}' | tr -d s || true)
echo "ready after ${STARTUP_MS} ms (Quarkus reports started in ${QUARKUS_STARTED:-?} s), AOT cache: $AOT_KIND"
MERCHANT=$(psql -d "$DB" -Atc "SELECT id FROM $SCHEMA.merchants WHERE api_key_id = 'key_test_abc123'")

# ---------------------------------------------------------------- measuring helpers
# utime+stime in clock ticks of the given pids (pids that are gone count 0).
ticks() {
    local files=() pid
    for pid in "$@"; do files+=("/proc/$pid/stat"); done
    [[ ${#files[@]} -gt 0 ]] || { echo 0; return; }
    # fields after "(comm) ": state=1 ... utime=12 stime=13
    cat "${files[@]}" 2>/dev/null | awk '{ sub(/^.*\) /, ""); n += $12 + $13 } END { print n + 0 }'
}
# thread_ticks PID: "tid<TAB>group<TAB>utime<TAB>stime" in clock ticks, one line per thread of a JVM, the group
# being the thread's name (/proc keeps 15 characters) without a trailing number: "vert.x-eventloo", "VM Thread"
# (the serial collector's pauses), "C2 CompilerThre", "executor-thread". report.py threads subtracts two readings
# thread by thread; a thread that ended in between is missing from the second (the process total, ticks, still
# holds its time).
thread_ticks() {
    cat /proc/"$1"/task/*/stat 2>/dev/null | awk '{
        match($0, /\(.*\)/)    # greedy: from the first "(" to the last ")", as a name may hold either
        name = substr($0, RSTART + 1, RLENGTH - 2); sub(/[#-]?[0-9]+$/, "", name)
        split(substr($0, RSTART + RLENGTH + 1), f, " "); printf "%s\t%s\t%d\t%d\n", $1, name, f[12], f[13]
    }'
}
pg_all_pids() { pgrep -u postgres || true; }
PG_POSTMASTER=$(head -1 "$(psql -d postgres -Atc 'SHOW data_directory')/postmaster.pid" 2>/dev/null \
    || pgrep -o -u postgres postgres)
# CPU ticks of every PostgreSQL process, including the ones that exited (their time is in the
# postmaster's cutime+cstime once reaped): the delta over a pgbench pass covers its backends.
pg_total_ticks() {
    local line rest
    line=$(cat "/proc/$PG_POSTMASTER/stat" 2>/dev/null) || { echo 0; return; }
    rest=${line##*) }
    echo $(( $(ticks $(pg_all_pids)) + $(awk '{print $14 + $15}' <<< "$rest") ))
}
# The run's own backends (database $DB) and the WAL writer, which does the commits' flushes.
pg_bench_pids() {
    psql -d postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'
                         OR backend_type IN ('walwriter', 'checkpointer', 'background writer')"
}
# xacts [SINCE_NS]: waits until 1.1 s after SINCE_NS (default now), as backends report their
# statistics at most once a second.
xacts() {
    local since=${1:-$(date +%s%N)}
    sleep "$(awk -v s="$since" -v n="$(date +%s%N)" 'BEGIN { w = 1.1 - (n - s) / 1e9; printf "%.3f", (w > 0 ? w : 0) }')"
    # asked in the postgres database, so that this query is not counted in $DB
    psql -d postgres -Atc "SELECT pg_stat_clear_snapshot(); SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'" | tail -1
}
redis_calls() {
    redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' \
        | awk -F'[:=,]' '/^cmdstat_/ && $1 != "cmdstat_info" { n += $3 } END { print n + 0 }'
}
redis_breakdown() {
    redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' \
        | awk -F'[:=,]' '/^cmdstat_/ && $1 != "cmdstat_info" { sub("cmdstat_", "", $1); printf "%s%s=%s", sep, $1, $3; sep=" " }'
}
# The SQL requests the gateway's reactive client completed (Micrometer, /q/metrics): statements sent to
# PostgreSQL, BEGIN and COMMIT included; a pipelined executeBatch of several statements counts once.
sql_requests() {
    curl -s "$BASE/q/metrics" | awk '/^postgresql_completed_total[{ ]/ { n += $NF } END { printf "%d", n }'
}
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# ---------------------------------------------------------------- 2. storage ceiling S
log "Storage ceiling S: pgbench with PaymentStore's two statements per payment (bench/sql/payment.sql)"
STORAGE_JSON="$WORK/storage.json"
: > "$STORAGE_JSON"
# One warm-up (16 clients, PG_WARM s: caches, WAL, the first checkpoint), then 8 and 16 clients.
pgbench_pass() {
    local clients=$1 secs=$2 tag=$3
    PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$clients" -j 2 -T "$secs" \
        -D n=0 -D "run=${tag}${clients}x$RANDOM" -D "mer=$MERCHANT" -f "$BENCH/sql/payment.sql" "$DB" 2>&1
}
pgbench_pass 16 "$PG_WARM" warm > "$WORK/pgbench-warm.out" || { cat "$WORK/pgbench-warm.out" >&2; exit 1; }
# Statistics for the tables the warm-up filled, as autovacuum gives them in production within seconds of
# the first rows. Without them (autovacuum is off on some CI machines: SHOW autovacuum) the planner
# works from page counts alone, and the gateway's connections, which live for the whole run, keep
# the plans they made then: 1.9x PostgreSQL CPU per payment in a run on a fresh schema.
AUTOVACUUM=$(psql -d "$DB" -Atc "SHOW autovacuum")
analyze_schema "$SCHEMA"
echo "  warm-up done; tables analysed (autovacuum: $AUTOVACUUM)"
x1=$(xacts)
for clients in 8 16; do
    x0=$x1; c0=$(pg_total_ticks); st0=$(steal_ticks)
    TIMEFORMAT='%3U %3S'
    { time pgbench_pass "$clients" "$PG_RUN" run > "$WORK/pgbench.out"; } 2> "$WORK/pgbench.time" \
        || { cat "$WORK/pgbench.out" >&2; exit 1; }
    out=$(cat "$WORK/pgbench.out")
    st=$(steal_pct "$st0" "$(steal_ticks)" "$PG_RUN")
    sleep 0.3; c1=$(pg_total_ticks); x1=$(xacts)
    pgb_us=$(awk '{ printf "%.0f", ($1 + $2) * 1e6 }' "$WORK/pgbench.time")
    tps=$(awk -F'= ' '/^tps/ { split($2, a, " "); print a[1] }' <<< "$out")
    lat=$(awk -F'= ' '/^latency average/ { split($2, a, " "); print a[1] }' <<< "$out")
    scripts=$(awk -F': ' '/actually processed/ { print $2 }' <<< "$out")
    failed=$(awk -F': ' '/failed transactions/ { split($2, a, " "); print a[1] }' <<< "$out")
    pg_us=$(( (c1 - c0) * 1000000 / CLK_TCK / (scripts > 0 ? scripts : 1) ))
    pgb_us=$(( pgb_us / (scripts > 0 ? scripts : 1) ))
    printf '  %2d clients: %s payments/s (%s scripts = payments, %s DB transactions, %s failed), %s ms per payment; CPU per payment: PostgreSQL %d us, pgbench %d us; steal %s%%\n' \
        "$clients" "$tps" "$scripts" "$((x1 - x0))" "${failed:-0}" "$lat" "$pg_us" "$pgb_us" "$st"
    printf '{"clients":%d,"payments_per_s":%s,"payments":%s,"db_transactions":%d,"failed":%s,"latency_ms":%s,"cpu_us_per_payment":{"postgres_all":%d,"pgbench":%d},"steal_pct":%s}\n' \
        "$clients" "$tps" "$scripts" "$((x1 - x0))" "${failed:-0}" "$lat" "$pg_us" "$pgb_us" "$st" >> "$STORAGE_JSON"
done

# S16: the same two statements, sixteen payments per transaction pair (BEGIN; 16 inserts; COMMIT; BEGIN; 16
# updates; COMMIT), rendered from payment.sql: the storage limit when payments share their commits, as a
# batching writer can make them. pgbench's tps x 16 is payments/s.
log "Storage ceiling S16: sixteen payments per transaction pair (bench/sql/payment.sql, batched)"
python3 - "$BENCH/sql/payment.sql" "$WORK/payment16.sql" <<'PY'
import sys
lines = [l for l in open(sys.argv[1]).read().splitlines() if not l.startswith("--") and not l.startswith("\\set")]
insert, update = [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
out = ["\\set n :n + 1"]
for stmt in (insert, update):
    out.append("BEGIN;")
    out += [stmt.replace("|| :n)", "|| :n || '_%d')" % k) + ";" for k in range(16)]
    out.append("COMMIT;")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
x1=$(xacts)
x0=$x1; c0=$(pg_total_ticks); st0=$(steal_ticks)
{ time PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c 8 -j 2 -T "$PG_RUN" -D n=0 -D "run=b16x$RANDOM" \
    -D "mer=$MERCHANT" -f "$WORK/payment16.sql" "$DB" > "$WORK/pgbench16.out" 2>&1; } 2> "$WORK/pgbench16.time" \
    || { cat "$WORK/pgbench16.out" >&2; exit 1; }
st=$(steal_pct "$st0" "$(steal_ticks)" "$PG_RUN")
sleep 0.3; c1=$(pg_total_ticks); x1=$(xacts)
scripts=$(awk -F': ' '/actually processed/ { print $2 }' "$WORK/pgbench16.out")
tps=$(awk -F'= ' '/^tps/ { split($2, a, " "); print a[1] }' "$WORK/pgbench16.out")
failed=$(awk -F': ' '/failed transactions/ { split($2, a, " "); print a[1] }' "$WORK/pgbench16.out")
pays=$(( scripts * 16 ))
pg_us=$(( (c1 - c0) * 1000000 / CLK_TCK / (pays > 0 ? pays : 1) ))
pgb_us=$(awk -v p="$pays" '{ printf "%.0f", ($1 + $2) * 1e6 / (p > 0 ? p : 1) }' "$WORK/pgbench16.time")
s16=$(awk -v t="$tps" 'BEGIN { printf "%.1f", t * 16 }')
printf '   8 clients: %s payments/s (%s scripts x 16 payments, %s DB transactions, %s failed); CPU per payment: PostgreSQL %d us, pgbench %d us; steal %s%%\n' \
    "$s16" "$scripts" "$((x1 - x0))" "${failed:-0}" "$pg_us" "$pgb_us" "$st"
printf '{"clients":8,"payments_per_transaction_pair":16,"payments_per_s":%s,"payments":%d,"db_transactions":%d,"failed":%s,"cpu_us_per_payment":{"postgres_all":%d,"pgbench":%d},"steal_pct":%s}\n' \
    "$s16" "$pays" "$((x1 - x0))" "${failed:-0}" "$pg_us" "$pgb_us" "$st" > "$WORK/storage16.json"

log "Redis: redis-benchmark SET NX EX and EVALSHA (private redis-server on :$REDIS_PORT)"
SHA=$(redis-cli -p "$REDIS_PORT" script load "return redis.call('incr', KEYS[1])")
REDIS_JSON="$WORK/redis.json"
rb() { redis-benchmark -p "$REDIS_PORT" -c 16 -n "$1" -r 100000 --csv "${@:2}" | tail -1 | awk -F'","' '{ gsub(/"/, "", $2); print $2 }'; }
SETNX=$(rb 100000 SET "bench:idem:__rand_int__" v NX EX 60)
EVALSHA=$(rb 100000 EVALSHA "$SHA" 1 "bench:rate:__rand_int__")
echo "  SET NX EX: $SETNX ops/s   EVALSHA: $EVALSHA ops/s"
printf '{"set_nx_ex_ops_per_s":%s,"evalsha_ops_per_s":%s}\n' "$SETNX" "$EVALSHA" > "$REDIS_JSON"
redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
redis-cli -p "$REDIS_PORT" flushall >/dev/null   # the run's private Redis, nothing else lives there

# ---------------------------------------------------------------- 4. wrk passes
PASSES="$WORK/passes.jsonl"
: > "$PASSES"

# run_pass NAME SCRIPT CONNECTIONS PROVIDER RATE
run_pass() {
    local name=$1 script=$2 conns=$3 provider=$4 rate=$5
    local run_id="${name}-${RANDOM}${RANDOM}"
    local st0 pgb pga t_pg0 t_pga0 t_gw0 t_rd0 t_em0 x0 r0 out wrk_json wrk_cpu x1 r1 t_gw1 t_rd1 t_em1 t_pg1 t_pga1
    mapfile -t pgb < <(pg_bench_pids)
    # the previous pass's closing count (warm_up clears it)
    x0=${XACTS_LAST:-$(xacts)}; r0=$(redis_calls); q0=$(sql_requests)
    t_pg0=$(ticks "${pgb[@]}"); t_pga0=$(pg_total_ticks); t_gw0=$(ticks "$JVM_PID"); t_rd0=$(ticks "$REDIS_PID")
    t_em0=$(ticks $EMU_PID); st0=$(steal_ticks)
    thread_ticks "$JVM_PID" > "$WORK/$name.threads0"
    local TIMEFORMAT='%3U %3S'
    { time wrk_run "$script" "$conns" "$RUN" "$BASE" "$run_id" "$provider" "$rate" > "$WORK/$name.out" 2>&1; } \
        2> "$WORK/$name.time"
    local end_ns rows dups refunds st
    end_ns=$(date +%s%N)
    st=$(steal_pct "$st0" "$(steal_ticks)" "$RUN")
    thread_ticks "$JVM_PID" > "$WORK/$name.threads1"
    t_gw1=$(ticks "$JVM_PID"); t_rd1=$(ticks "$REDIS_PID"); t_em1=$(ticks $EMU_PID); t_pg1=$(ticks "${pgb[@]}"); t_pga1=$(pg_total_ticks)
    # The row checks run while the backends' statistics settle; their two transactions count in
    # this pass's (against ~10 000 payments).
    read -r rows dups < <(psql -d "$DB" -AtF' ' -c "SELECT count(*), count(*) - count(DISTINCT idempotency_key)
        FROM $SCHEMA.payments WHERE idempotency_key LIKE 'bench-$run_id-%'")
    refunds=$(psql -d "$DB" -Atc "SELECT count(*) FROM $SCHEMA.refunds r JOIN $SCHEMA.payments p ON p.id = r.payment_id
        WHERE p.idempotency_key LIKE 'bench-$run_id-%'")
    x1=$(xacts "$end_ns"); r1=$(redis_calls); q1=$(sql_requests)
    XACTS_LAST=$x1
    wrk_json=$(grep '^BENCH_JSON ' "$WORK/$name.out" | sed 's/^BENCH_JSON //') \
        || { cat "$WORK/$name.out" >&2; exit 1; }
    wrk_cpu=$(awk '{ printf "%.0f", ($1 + $2) * 1e6 }' "$WORK/$name.time")
    {
    printf '{"name":"%s","script":"%s","connections":%d,"provider":"%s","target_rate":%s,"wrk":%s,' \
        "$name" "$script" "$conns" "$provider" "$rate" "$wrk_json"
    printf '"cpu_us":{"gateway":%d,"postgres":%d,"postgres_all":%d,"redis":%d,"wrk":%d,"provider":%d},' \
        $(( (t_gw1 - t_gw0) * 1000000 / CLK_TCK )) $(( (t_pg1 - t_pg0) * 1000000 / CLK_TCK )) \
        $(( (t_pga1 - t_pga0) * 1000000 / CLK_TCK )) $(( (t_rd1 - t_rd0) * 1000000 / CLK_TCK )) "$wrk_cpu" \
        $(( (t_em1 - t_em0) * 1000000 / CLK_TCK ))
    printf '"pg_statements":%d,' "$((q1 - q0))"
    printf '"gateway_threads_us":%s,' "$(python3 "$BENCH/report.py" threads "$WORK/$name.threads0" "$WORK/$name.threads1" "$CLK_TCK")"
    printf '"pg_transactions":%d,"redis_commands":%d,"redis_breakdown":"%s","rows":%d,"duplicate_keys":%d,"refund_rows":%d,' \
        "$((x1 - x0))" "$((r1 - r0))" "$(redis_breakdown)" "$rows" "$dups" "$refunds"
    printf '"rss_kb":%d,"hwm_kb":%d,"load1":%s,"steal_pct":%s}\n' "$(status_kb "$JVM_PID" VmRSS)" "$(status_kb "$JVM_PID" VmHWM)" \
        "$(cut -d' ' -f1 /proc/loadavg)" "$st"
    } >> "$PASSES"
    redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
    python3 "$BENCH/report.py" line "$PASSES"
}

warm_up() {
    local provider=$1 secs=$2
    XACTS_LAST=""
    log "Warm-up ${secs}s (provider ${provider:-simulator})"
    wrk_run pay.lua 16 "$secs" "$BASE" "warm-$RANDOM" "$provider" > "$WORK/warm.out" 2>&1
    grep '^BENCH_JSON' "$WORK/warm.out" | sed 's/^BENCH_JSON /  /' | cut -c1-160
}

# provider_pass PROVIDER LABEL WARMUP_S
provider_pass() {
    local provider=$1 label=$2 warm=$3
    warm_up "$provider" "$warm"
    log "POST /api/v1/payments, ${RUN}s per pass ($label)"
    for c in 8 16; do
        run_pass "$label-pay-c$c" pay.lua "$c" "$provider" 0
    done
    local half
    half=$(python3 "$BENCH/report.py" half "$PASSES" "$label")
    log "Paced pass at 0.5*G = $half payments/s ($label)"
    run_pass "$label-pay-half" pay.lua 16 "$provider" "$half"
}

# GET /api/v1/providers lists every connector of the build.
stripe_available() {
    [[ $(curl -sf -u key_test_abc123:secret_test_xyz789 "$BASE/api/v1/providers") == *'"stripe"'* ]]
}

if [[ $PROVIDER == simulator || $PROVIDER == all ]]; then
    provider_pass "" simulator "$WARM"
    log "Mixed scenario: order -> pay (manual) -> capture -> refund -> GET, 16 connections"
    run_pass simulator-mixed-c16 mixed.lua 16 "" 0
fi
# start_emulator: the sandbox Stripe emulator in a JVM of its own (the same jar and flags, its own
# database, schema and Redis), as Stripe is a service of its own: the gateway's CPU and memory then
# exclude the emulator's, which the passes report as "provider". Its webhooks go to the gateway
# only with BENCH_STRIPE_WEBHOOKS=1.
start_emulator() {
    local emu_redis_port t0 ms hook=""
    emu_redis_port=$(free_port $((REDIS_PORT + 1)))
    private_redis "$emu_redis_port" "$WORK/redis-emulator.log"
    EMU_REDIS_PID=$LAUNCHED_PID
    DB=$EMU_DB ensure_db
    [[ $STRIPE_WEBHOOKS == 1 ]] && hook="$BASE/webhooks/stripe"
    t0=$(date +%s%N)
    DB=$EMU_DB REDIS_PORT=$emu_redis_port launch "$SCHEMA" "$EMU_PORT" "$WORK/emulator.log" "${AOT_OPTS[@]}" \
        -Dquarkus.shutdown.delay=0s "-Dpayrail.sandbox.stripe.webhook-url=$hook"
    EMU_PID=$LAUNCHED_PID
    ms=$(await_ready "$EMU_PID" "$EMU_PORT" "$t0" "$WORK/emulator.log" "the Stripe emulator's JVM")
    echo "  Stripe emulator JVM on :$EMU_PORT ready after $ms ms (database $EMU_DB)"
}

if [[ $PROVIDER == stripe || $PROVIDER == all ]]; then
    log "Start the Stripe emulator's JVM"
    start_emulator
    if stripe_available; then
        # the gateway is warm already when the simulator passes ran, the emulator's JVM is not
        provider_pass stripe stripe "$WARM"
    else
        log "stripe connector not available in this build"
        echo "stripe connector not available in this build" > "$WORK/stripe-skipped"
    fi
fi

# ---------------------------------------------------------------- Redis round trips
# INFO commandstats also counts the commands the rate-limit script runs inside Redis; MONITOR marks
# those "[0 lua]", so the round trips are the other lines, over payments made one at a time.
# monitored FILE COMMAND...: runs COMMAND while MONITOR writes Redis' traffic to FILE.
monitored() {
    local file=$1 pid
    shift
    redis-cli -p "$REDIS_PORT" monitor > "$file" &
    pid=$!
    sleep 0.5
    "$@"
    sleep 0.5
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}
# client_lines FILE: the commands clients sent in a MONITOR capture (not those run inside scripts).
client_lines() {
    grep '^[0-9]' "$1" | grep -v ' \[0 lua\] ' || true
}
# client_commands FILE: how many.
client_commands() {
    client_lines "$1" | wc -l
}
# gateway_commands FILE: those of the gateway alone: not the simulator's, whose keys (<prefix>sim:…) are the
# provider's journal kept in the same Redis (its scripts carry none of the gateway's writes).
gateway_commands() {
    client_lines "$1" | grep -vc ':sim:' || true
}
# monitor_by_command FILE: the same, counted by name: "evalsha=200 set=50".
monitor_by_command() {
    client_lines "$1" \
        | awk '{ c[tolower($4)]++ } END { for (k in c) { printf "%s%s=%d", sep, k, c[k]; sep=" " } }' | tr -d '"'
}
pay_one_at_a_time() {
    local i
    for i in $(seq 50); do
        curl -s -o /dev/null -u key_test_abc123:secret_test_xyz789 -H 'Content-Type: application/json' \
            -H "Idempotency-Key: bench-monitor-$TS-$i" \
            -d "{\"amount\":1999,\"currency\":\"USD\",\"method\":\"card\",\"capture\":\"automatic\",\"card\":{\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":$EXP_YEAR,\"cvc\":\"123\"}}" \
            "$BASE/api/v1/payments"
    done
}
log "Redis round trips per payment: MONITOR over 50 sequential payments"
monitored "$WORK/monitor.txt" pay_one_at_a_time
MONITOR_PAID=$(psql -d "$DB" -Atc "SELECT count(*) FROM $SCHEMA.payments WHERE idempotency_key LIKE 'bench-monitor-$TS-%' AND status = 'captured'")
MONITOR_TRIPS=$(client_commands "$WORK/monitor.txt")
MONITOR_GATEWAY=$(gateway_commands "$WORK/monitor.txt")
MONITOR_LUA=$(grep -c ' \[0 lua\] ' "$WORK/monitor.txt" || true)
MONITOR_BY_CMD=$(monitor_by_command "$WORK/monitor.txt")
echo "  $MONITOR_PAID payments: $MONITOR_TRIPS commands from the gateway ($MONITOR_BY_CMD; $MONITOR_GATEWAY of its own, the rest the simulator's), $MONITOR_LUA run inside scripts"
printf '{"payments":%d,"round_trips":%d,"gateway_round_trips":%d,"inside_scripts":%d,"by_command":"%s"}\n' \
    "$MONITOR_PAID" "$MONITOR_TRIPS" "$MONITOR_GATEWAY" "$MONITOR_LUA" "$MONITOR_BY_CMD" > "$WORK/redis-monitor.json"

# Under load a stored response rides inside another request's script (CarriedWrites), which payments made
# one at a time never show: the same count over 3 s of payments at 16 connections (MONITOR slows Redis, so
# these payments are not a pass and their rate is not reported).
log "Redis round trips per payment under load: MONITOR over 3 s at 16 connections"
LOADED_RUN="monitor-loaded-$TS"
monitored "$WORK/monitor-loaded.txt" wrk_run pay.lua 16 3 "$BASE" "$LOADED_RUN" "" 0 > "$WORK/monitor-loaded.out" 2>&1 || true
LOADED_PAID=$(psql -d "$DB" -Atc "SELECT count(*) FROM $SCHEMA.payments WHERE idempotency_key LIKE 'bench-$LOADED_RUN-%'")
LOADED_CALLS=$(client_commands "$WORK/monitor-loaded.txt")
LOADED_GATEWAY=$(gateway_commands "$WORK/monitor-loaded.txt")
LOADED_BY_CMD=$(monitor_by_command "$WORK/monitor-loaded.txt")
echo "  $LOADED_PAID payments at 16 connections: $LOADED_CALLS commands from the gateway ($LOADED_BY_CMD; $LOADED_GATEWAY of its own)"
printf '{"payments":%d,"round_trips":%d,"gateway_round_trips":%d,"by_command":"%s"}\n' "$LOADED_PAID" "$LOADED_CALLS" \
    "$LOADED_GATEWAY" "$LOADED_BY_CMD" > "$WORK/redis-monitor-loaded.json"

# ---------------------------------------------------------------- 5. report
read -r LOAD1E LOAD5E LOAD15E _ < /proc/loadavg
printf '{"startup_ms":%d,"startup_without_aot_ms":%d,"aot_cache":"%s","autovacuum":"%s","stripe_webhooks":%s,"quarkus_started_s":"%s","rss_kb":%d,"hwm_kb":%d,"load_end":[%s,%s,%s],"java_opts":"%s","port":%d,"schema":"%s","cpu_probe_end_k_per_s":%d}\n' \
    "$STARTUP_MS" "$STARTUP_PLAIN_MS" "$AOT_KIND" "$AUTOVACUUM" \
    "$([[ $STRIPE_WEBHOOKS == 1 ]] && echo true || echo false)" "${QUARKUS_STARTED:-}" "$(status_kb "$JVM_PID" VmRSS)" "$(status_kb "$JVM_PID" VmHWM)" \
    "$LOAD1E" "$LOAD5E" "$LOAD15E" "$JAVA_OPTS_BENCH" "$PORT" "$SCHEMA" "$(cpu_probe)" > "$WORK/gateway.json"
# Payrail's own view of the run (Prometheus text) and the gateway log, next to the JSON (not committed).
curl -s "$BASE/q/metrics" > "$RESULTS/$TS.metrics.prom" || true
cp "$WORK/gateway.log" "$RESULTS/$TS.gateway.log"
if grep -q "has been blocked" "$WORK/gateway.log"; then
    warn "the gateway log reports blocked event-loop threads"
    grep -m3 "has been blocked" "$WORK/gateway.log" >&2
fi
python3 "$BENCH/report.py" final "$WORK" "$RESULTS/$TS.json"
