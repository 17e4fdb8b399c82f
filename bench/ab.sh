#!/usr/bin/env bash
# Payrail benchmark, two builds in one session: a baseline revision and this checkout, run in turn
# (baseline, this, baseline, this, ...) on the same machine with the same JVM flags, then compared
# measure by measure (bench/compare.py). This is how a change is reported "against a baseline run in
# the same session": the machine's speed drifts by tens of percent within an hour, so figures from
# different sessions do not compare.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/ab.sh REV [--rounds N] [run.sh options ...]

  REV              the baseline: a revision of this repository from c447891 (2026-12-02) on, which has the
                   sandbox Maven profile and bench/sql/payment.sql
  --rounds N       runs per build (default 2), alternating, the baseline first
  run.sh options   passed to every run (for example --no-train, --jfr); --provider is always simulator.
                   With --no-build this checkout's target/quarkus-app is used as it is; otherwise the
                   first run of this checkout builds it.

The baseline is cloned from this repository into BENCH_AB_DIR (default /tmp/payrail-bench-ab-<rev>) and
run with this checkout's bench/ scripts laid over its own, except bench/sql/ (pgbench's S1 and S16 use the
baseline's own statements, which match its own schema). Its first run builds it, as bench/run.sh builds any
checkout, and the build is kept for later calls. Both builds run with the same JVM flags: BENCH_JAVA_OPTS, default this checkout's
image flags (bench/lib.sh image_java_opts), so the comparison is of the code.

Each run writes its JSON as bench/run.sh does; the baseline's are copied into this checkout's
bench/results/ as <timestamp>-base-<rev>.json. At the end the table of bench/compare.py: every run, each
build's mean and this build's mean over the baseline's. Takes about 6 minutes per run (5 with --no-train).
EOF
}

case ${1:-} in
    -h|--help) usage; exit 0 ;;
    ""|-*) usage >&2; exit 2 ;;
esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
REV=$(git -C "$ROOT" rev-parse --verify "$1^{commit}") || { echo "not a revision: $1" >&2; exit 2; }
SHORT=${REV:0:7}
shift
ROUNDS=2
BUILD_THIS=1
PASS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --no-build) BUILD_THIS=0; shift ;;
        --provider) echo "bench/ab.sh compares the simulator passes only" >&2; exit 2 ;;
        *) PASS+=("$1"); shift ;;
    esac
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "--rounds must be a positive number" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
export BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-$(image_java_opts)}

BASE_DIR=${BENCH_AB_DIR:-/tmp/payrail-bench-ab-$SHORT}
BASE_BUILT=1
if [[ ! -f $BASE_DIR/.bench-ab-built || $(cat "$BASE_DIR/.bench-ab-built") != "$REV" ]]; then
    echo "== baseline $SHORT: cloned into $BASE_DIR; its first run builds it"
    rm -rf "$BASE_DIR"
    git clone -q "$ROOT" "$BASE_DIR"
    git -C "$BASE_DIR" checkout -q "$REV"
    BASE_BUILT=0
fi
# This checkout's scripts over the baseline's, its own statements (bench/sql) kept.
tar -C "$ROOT" --exclude=bench/sql --exclude=bench/results -cf - bench | tar -C "$BASE_DIR" -xf -
mkdir -p "$BASE_DIR/bench/results"

BASE_JSONS=()
THIS_JSONS=()
# run DIR LABEL OPTIONS...: one bench/run.sh of the checkout in DIR; its JSON's path in RUN_JSON.
run() {
    local dir=$1 label=$2 log
    shift 2
    log=$(mktemp)
    echo "== $label: bench/run.sh --provider simulator $* (log $log)"
    (cd "$dir" && bench/run.sh --provider simulator "$@") > "$log" 2>&1 \
        || { tail -30 "$log" >&2; echo "$label: bench/run.sh failed (log $log)" >&2; exit 1; }
    RUN_JSON=$(awk '/^JSON: / { print $2 }' "$log")
    [[ -f $RUN_JSON ]] || { echo "$label: no JSON in $log" >&2; exit 1; }
    grep -E '^simulator: G =' "$log" || true
}
# A build's first run builds it (bench/run.sh's default) unless it is built already; later runs reuse it.
base_build=()
if [[ $BASE_BUILT == 1 ]]; then base_build=(--no-build); fi
this_build=()
if [[ $BUILD_THIS == 0 ]]; then this_build=(--no-build); fi
for round in $(seq "$ROUNDS"); do
    run "$BASE_DIR" "baseline $SHORT, run $round of $ROUNDS" "${base_build[@]}" "${PASS[@]}"
    echo "$REV" > "$BASE_DIR/.bench-ab-built"
    base_build=(--no-build)
    copy="$BENCH/results/$(basename "$RUN_JSON" .json)-base-$SHORT.json"
    cp "$RUN_JSON" "$copy"
    BASE_JSONS+=("$copy")
    run "$ROOT" "this checkout, run $round of $ROUNDS" "${this_build[@]}" "${PASS[@]}"
    this_build=(--no-build)
    THIS_JSONS+=("$RUN_JSON")
done

echo
echo "bench/compare.py --base ${BASE_JSONS[*]#"$ROOT"/} --this ${THIS_JSONS[*]#"$ROOT"/}"
python3 "$BENCH/compare.py" --base "${BASE_JSONS[@]}" --this "${THIS_JSONS[@]}"
