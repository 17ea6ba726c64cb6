#!/usr/bin/env bash
# A short run of every benchmark so they keep building and running (CI);
# the real figures come from the commands in docs/performance.md.
set -euo pipefail
build=${1:?usage: bench/smoke.sh BUILD_DIR}
cd "$(dirname "$0")/.."
for b in "$build"/bench/bench_*; do
    [ -x "$b" ] || continue
    echo "== $b"
    "$b" --benchmark_min_time=0.01 >/dev/null
done
