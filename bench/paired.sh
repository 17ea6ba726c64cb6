#!/usr/bin/env bash
# Two builds of sipwarden timed in pairs on one capture, in A B B A order,
# and compared by the median of the per-pair ratios: on a shared VM whose
# load moves by 20-40% from one minute to the next, the two runs of a pair
# see nearly the same load, so a difference of a few per cent shows in
# fewer runs than a comparison of medians (bench/interleaved.sh). Usage:
#   bench/paired.sh [-n PAIRS] BINARY_A BINARY_B BIG|SMALL|CAPTURE [watch options]
# Prints each pair's wall and CPU (user + system) seconds, then the median
# ratios A/B of both: below 1, A is faster.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
harness=${SIPWARDEN_BENCH_HARNESS:-$here/../shared/bench}
pairs=10
if [ "${1:-}" = -n ]; then
    pairs=$2
    shift 2
fi
[ $# -ge 3 ] || { echo "usage: bench/paired.sh [-n PAIRS] BINARY_A BINARY_B BIG|SMALL|CAPTURE [watch options]" >&2; exit 2; }
a=$1 b=$2 target=$3
shift 3
for binary in "$a" "$b"; do
    [ -x "$binary" ] || { echo "bench/paired.sh: cannot run $binary" >&2; exit 2; }
done
case "$target" in
    BIG | SMALL)
        [ -d "$harness" ] || { echo "bench/paired.sh: no benchmark harness at $harness" >&2; exit 2; }
        bash "$harness/build-captures.sh" >/dev/null
        # shellcheck source=/dev/null
        source "$harness/workdir.sh"
        if [ "$target" = BIG ]; then capture=$CAP/big.pcap; else capture=$CAP/base.pcap; fi
        ;;
    *) capture=$target ;;
esac
[ -r "$capture" ] || { echo "bench/paired.sh: cannot read $capture" >&2; exit 2; }

# "wall cpu" seconds of one run, output discarded.
timed() {
    local TIMEFORMAT='%R %U %S' t
    t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$t"
}

cat "$capture" >/dev/null  # warm the page cache
"$a" watch -q -r "$capture" "$@" >/dev/null
echo "pair a_wall_s a_cpu_s b_wall_s b_cpu_s"
for ((i = 1; i <= pairs; i++)); do
    if ((i % 2 == 1)); then
        ra=$(timed "$a" watch -q -r "$capture" "$@")
        rb=$(timed "$b" watch -q -r "$capture" "$@")
    else
        rb=$(timed "$b" watch -q -r "$capture" "$@")
        ra=$(timed "$a" watch -q -r "$capture" "$@")
    fi
    echo "$i $ra $rb"
done | tee /dev/stderr | awk '
    $4 > 0 && $5 > 0 { n++; wall[n] = $2 / $4; cpu[n] = $3 / $5 }
    function median(v, n,   i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    END {
        if (n == 0) { print "bench/paired.sh: the runs were too short to time"; exit 1 }
        printf "median ratio A/B over %d pairs: wall %.3f, CPU %.3f\n", n, median(wall, n), median(cpu, n)
    }' 2>&1
