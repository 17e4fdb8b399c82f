#!/usr/bin/env bash
# Train the JDK 25 AOT cache of the packaged jar on real work: start target/quarkus-app with
# -XX:AOTCacheOutput (sandbox profile, a throw-away schema and a private Redis), drive payments
# through the simulator and the Stripe emulator and the mixed order/capture/refund flow, stop it;
# the JVM writes target/quarkus-app/app.aot as it exits. See bench/README.md "Start-up".
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/aot-train.sh [--seconds N] [--out FILE]
  --seconds N   seconds of each workload (simulator, Stripe emulator, mixed flow; default 8)
  --out FILE    where the cache goes (default target/quarkus-app/app.aot, replaced only on success)
Environment: JAVA_HOME (JDK 25 or newer, default Temurin 25), PGHOST/PGPORT (127.0.0.1:5432),
BENCH_DB (payrail_bench), AOT_TRAIN_JAVA_OPTS (default the JVM image's -XX flags as bench/run.sh
uses them: Dockerfile.jvm's with -XX:MaxRAM=512m and an initial heap of at least 12.5 %). Run the jar with the same JDK and class path:
  cd target/quarkus-app && java -Dquarkus.profile=sandbox -XX:AOTCache=app.aot -XX:InitialRAMPercentage=12.5 -jar quarkus-run.jar
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
SECS=8
OUT="$ROOT/target/quarkus-app/app.aot"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) SECS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
read -r -a JAVA_FLAGS <<< "${AOT_TRAIN_JAVA_OPTS:-$(image_java_opts)}"

java_major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
if [[ -z $java_major || $java_major -lt 25 ]]; then
    echo "the AOT cache needs JDK 25 or newer (JAVA_HOME=$JAVA_HOME is ${java_major:-unknown})" >&2
    exit 1
fi
[[ -f $APP_DIR/quarkus-run.jar ]] || { echo "no $APP_DIR/quarkus-run.jar: build the sandbox flavour first (./mvnw -Psandbox package -DskipTests)" >&2; exit 1; }
for tool in wrk psql redis-server redis-cli curl; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (see bench/README.md)" >&2; exit 1; }
done

SCHEMA="payrail_aot_$(date -u +%Y%m%d%H%M%S)_$$"
WORK=$(mktemp -d /tmp/payrail-aot.XXXXXX)
PORT=$(free_port 18180)
REDIS_PORT=$(free_port 6381)
BASE="http://127.0.0.1:$PORT"
JVM_PID=""
REDIS_PID=""
cleanup() {
    set +e
    stop_pid "$JVM_PID"
    stop_pid "$REDIS_PID"
    drop_schema "$SCHEMA" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_db
private_redis "$REDIS_PORT" "$WORK/redis.log"
REDIS_PID=$LAUNCHED_PID

t0=$(date +%s)
# The cache is written next to the jar under a temporary name and moved into place only when the
# JVM reports it complete, so a failed training never leaves a half-written app.aot behind.
# No shutdown delay: the drain period of a real pod only makes the training longer.
launch "$SCHEMA" "$PORT" "$WORK/gateway.log" "-XX:AOTCacheOutput=$OUT.training" -Dquarkus.shutdown.delay=0s
JVM_PID=$LAUNCHED_PID
ready=$(await_ready "$JVM_PID" "$PORT" "$(date +%s%N)" "$WORK/gateway.log" "the gateway")
echo "training run ready after ${ready} ms; ${SECS} s each of simulator payments, Stripe emulator payments, mixed flows"
for workload in "pay.lua simulator" "pay.lua stripe" "mixed.lua simulator"; do
    read -r script provider <<< "$workload"
    [[ $provider == simulator ]] && provider=""
    out=$(wrk_run "$script" 8 "$SECS" "$BASE" "aot-$$-$RANDOM" "$provider" 2>&1) || { echo "$out" >&2; exit 1; }
    printf '  %-10s %-9s %s\n' "$script" "${provider:-simulator}" "$(grep -o '"counts":{[^}]*}' <<< "$out" || echo "$out" | tail -3)"
done

kill "$JVM_PID"
wait "$JVM_PID" 2>/dev/null || true
JVM_PID=""
if ! grep -q "AOTCache creation is complete" "$WORK/gateway.log"; then
    echo "the JVM did not write the AOT cache; its log:" >&2
    tail -20 "$WORK/gateway.log" >&2
    rm -f "$OUT.training"
    exit 1
fi
mv -f "$OUT.training" "$OUT"
echo "wrote $OUT ($(du -m "$OUT" | cut -f1) MB) in $(( $(date +%s) - t0 )) s with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
