# Shared by bench/run.sh and bench/aot-train.sh (sourced, not run). The caller sets ROOT and BENCH,
# and REDIS_PORT (a private redis-server) before launching the gateway.

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# The database the gateway's schemas live in (one schema per start, dropped afterwards).
DB=${BENCH_DB:-payrail_bench}
APP_DIR=$ROOT/target/quarkus-app
# Card expiry year of the requests, and HTTP Basic of the merchant the sandbox profile seeds.
EXP_YEAR=$(( $(date +%Y) + 3 ))
AUTH_B64=$(printf '%s' "key_test_abc123:secret_test_xyz789" | base64)

# image_java_opts: the -XX flags of the JVM image (ENV JDK_JAVA_OPTIONS of src/main/docker/Dockerfile.jvm,
# which the Jib profile repeats; JvmImageFlagsTest holds the two equal) as in a 512 MiB pod
# (-XX:MaxRAM=512m), with at least the initial heap the trained AOT cache needs, 12.5 % (with less the
# serial collector has no room for the cache's archived objects and the JVM refuses it); the image's 25 %
# is more.
image_java_opts() {
    local opts flag out="-XX:MaxRAM=512m"
    opts=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' "$ROOT/src/main/docker/Dockerfile.jvm")
    [[ -n $opts ]] || { echo "no JDK_JAVA_OPTIONS in $ROOT/src/main/docker/Dockerfile.jvm" >&2; return 1; }
    for flag in $opts; do
        case "$flag" in
            -XX:InitialRAMPercentage=*)
                if awk -v p="${flag#*=}" 'BEGIN { exit !(p < 12.5) }'; then flag=-XX:InitialRAMPercentage=12.5; fi
                out+=" $flag" ;;
            -XX:*) out+=" $flag" ;;
        esac
    done
    echo "$out"
}

# ensure_db: creates $DB when it does not exist yet.
ensure_db() {
    if ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
        psql -q -d postgres -c "CREATE DATABASE $DB"
    fi
}

# free_port N: N, or the first port above it that nobody listens on.
free_port() {
    local p=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
    echo "$p"
}

# private_redis PORT LOG: a throw-away redis-server without persistence; its pid in LAUNCHED_PID.
private_redis() {
    redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --logfile "$2" &
    LAUNCHED_PID=$!
    for _ in $(seq 50); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "redis-server on :$1 did not start" >&2
    return 1
}

# launch SCHEMA PORT LOG [java options...]: the packaged jar in the sandbox profile, started from its
# directory (where the AOT cache is), simulator at zero delay and always succeeding, on its own
# schema of database $DB, with the image's MALLOC_ARENA_MAX=2 (Dockerfile.jvm; set MALLOC_ARENA_MAX to
# override); its pid in LAUNCHED_PID. JAVA_FLAGS (an array) goes first.
launch() {
    local schema=$1 port=$2 log=$3
    shift 3
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} QUARKUS_PROFILE=sandbox PROCESSING_DELAY_MIN=0 PROCESSING_DELAY_MAX=0 TEST_MODE=true TEST_PAYMENT_SUCCESS=true \
        PAYRAIL_DB_URL="postgresql://$PGHOST:$PGPORT/$DB" PAYRAIL_DB_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
        PAYRAIL_DB_SCHEMA="$schema" PAYRAIL_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
        bash -c 'cd "$1" && shift && exec "$@"' _ "$APP_DIR" \
        "$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" "$@" -Dquarkus.http.port="$port" -jar quarkus-run.jar > "$log" 2>&1 &
    LAUNCHED_PID=$!
}

# ready_ms PID PORT START_NS: milliseconds from START_NS to the first 200 of /q/health/ready (polled
# every 50 ms); fails when the process dies or two minutes pass.
ready_ms() {
    local pid=$1 port=$2 t0=$3
    for _ in $(seq 2400); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
            echo $(( ($(date +%s%N) - t0) / 1000000 ))
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# await_ready PID PORT START_NS LOG WHAT: ready_ms; when WHAT never becomes ready, the tail of its
# LOG and exit 1 (the caller runs under set -e).
await_ready() {
    local ms
    if ! ms=$(ready_ms "$1" "$2" "$3"); then
        echo "$5 did not become ready; its log:" >&2
        tail -40 "$4" >&2
        exit 1
    fi
    echo "$ms"
}

# stop_pid PID: stops the process and waits for it; nothing when PID is empty or already gone.
stop_pid() {
    if [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; then
        kill "$1"
        wait "$1" 2>/dev/null || true   # its own exit status (143 after the TERM) is not a failure
    fi
}

# drop_schema SCHEMA: what a gateway start migrated into $DB.
drop_schema() {
    psql -q -d "$DB" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $1 CASCADE"
}

# analyze_schema SCHEMA: statistics for every table of the schema.
analyze_schema() {
    local tables
    tables=$(psql -d "$DB" -Atc "SELECT string_agg(format('%I.%I', schemaname, tablename), ', ')
                                 FROM pg_tables WHERE schemaname = '$1'")
    psql -q -d "$DB" -c "ANALYZE $tables"
}

# wrk_run SCRIPT CONNECTIONS SECONDS BASE_URL RUN_ID [PROVIDER [RATE]]: wrk with one of bench/lua's
# scripts, which print a BENCH_JSON line; the output goes to stdout.
wrk_run() {
    local script=$1 conns=$2 secs=$3 base=$4 run_id=$5 provider=${6:-} rate=${7:-0}
    BENCH_LUA_DIR="$BENCH/lua" BENCH_RUN_ID="$run_id" BENCH_EXP_YEAR="$EXP_YEAR" BENCH_PROVIDER="$provider" \
        BENCH_DURATION_S="$secs" BENCH_RATE="$rate" BENCH_THREADS=2 BENCH_AUTH="$AUTH_B64" \
        wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s --latency -s "$BENCH/lua/$script" "$base"
}
