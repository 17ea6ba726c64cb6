#!/usr/bin/env bash
# The libpcap read loop and sipwarden timed alternately on one capture, so
# that both see the same load from the machine's neighbours: on a shared VM
# the load moves by 20-40% from one minute to the next, and the harness
# (bench/peers.sh) times each tool's runs minutes apart. Usage:
#   bench/interleaved.sh [-n ROUNDS] [-b BINARY] [-c OTHER_BINARY] BIG|SMALL|CAPTURE [sipwarden watch options]
# Default options: --summary (decode + SIP/SDP parse: issue 2's layer).
# Prints every round's wall times, then the medians and the share of the
# loop's packets per second that sipwarden reaches (loop time / sipwarden
# time). The loop is the harness's pcap_count (pcap_next_ex). -b times
# another build than build/release; -c times a second build in the same
# rounds (an A/B comparison on a noisy host: compare medians and minima).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
harness=${SIPWARDEN_BENCH_HARNESS:-$here/../shared/bench}
rounds=10
binary=$here/build/release/sipwarden
other=
while [ $# -gt 0 ]; do
    case "$1" in
        -n) rounds=$2; shift 2 ;;
        -b) binary=$2; shift 2 ;;
        -c) other=$2; shift 2 ;;
        *) break ;;
    esac
done
target=${1:?usage: bench/interleaved.sh [-n ROUNDS] BIG|SMALL|CAPTURE [watch options]}
shift
options=("$@")
[ ${#options[@]} -gt 0 ] || options=(--summary)
[ -d "$harness" ] || { echo "bench/interleaved.sh: no benchmark harness at $harness" >&2; exit 2; }
[ -x "$binary" ] || { echo "bench/interleaved.sh: build first (tools/dev build)" >&2; exit 2; }
[ -z "$other" ] || [ -x "$other" ] || { echo "bench/interleaved.sh: cannot run $other" >&2; exit 2; }
bash "$harness/build-captures.sh" >/dev/null
# shellcheck source=/dev/null
source "$harness/workdir.sh"
case "$target" in
    BIG) capture=$CAP/big.pcap ;;
    SMALL) capture=$CAP/base.pcap ;;
    *) capture=$target ;;
esac
[ -r "$capture" ] || { echo "bench/interleaved.sh: cannot read $capture" >&2; exit 2; }
build_helpers
loop=$BIN/pcap_count

seconds() {  # wall seconds of "$@", output discarded
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN {printf "%.3f\n", ns / 1e9}'
}

cat "$capture" >/dev/null  # warm the page cache
"$loop" next "$capture" >/dev/null
"$binary" watch -q -r "$capture" "${options[@]}" >/dev/null
[ -z "$other" ] || "$other" watch -q -r "$capture" "${options[@]}" >/dev/null
loops=()
runs=()
others=()
echo "round loop_s sipwarden_s${other:+ other_s}"
for ((i = 1; i <= rounds; i++)); do
    l=$(seconds "$loop" next "$capture")
    s=$(seconds "$binary" watch -q -r "$capture" "${options[@]}")
    loops+=("$l")
    runs+=("$s")
    if [ -n "$other" ]; then
        o=$(seconds "$other" watch -q -r "$capture" "${options[@]}")
        others+=("$o")
        echo "$i $l $s $o"
    else
        echo "$i $l $s"
    fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
minimum() { printf '%s\n' "$@" | sort -n | head -1; }
ml=$(median "${loops[@]}")
ms=$(median "${runs[@]}")
awk -v l="$ml" -v s="$ms" -v o="${options[*]}" \
    'BEGIN {printf "median loop %.3f s, sipwarden %.3f s (watch %s): %.1f%% of the loop'"'"'s packets per second\n", l, s, o, 100 * l / s}'
awk -v l="$(minimum "${loops[@]}")" -v s="$(minimum "${runs[@]}")" \
    'BEGIN {printf "fastest loop %.3f s, sipwarden %.3f s: %.1f%%\n", l, s, 100 * l / s}'
if [ -n "$other" ]; then
    awk -v a="$ms" -v b="$(median "${others[@]}")" -v am="$(minimum "${runs[@]}")" -v bm="$(minimum "${others[@]}")" -v name="$other" \
        'BEGIN {printf "other (%s): median %.3f s, fastest %.3f s; sipwarden/other: medians %.3f, fastest %.3f\n", name, b, bm, a / b, am / bm}'
fi
