#!/usr/bin/env bash
# Instructions per message of the SIP/SDP parser on the benchmark messages,
# counted by callgrind (stable on a loaded machine, unlike wall time).
#   bench/callgrind_sip.sh BUILD_DIR [COUNT]
# Prints a Markdown table: instructions per Message::parse, per parse + SDP,
# and their difference (find_sdp + SessionDescription::parse).
set -euo pipefail
build=${1:?usage: bench/callgrind_sip.sh BUILD_DIR [COUNT]}
count=${2:-2000}
bin="$build/bench/sip_instructions"
[ -x "$bin" ] || { echo "callgrind_sip.sh: $bin not built" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

instructions() {  # MESSAGE MODE -> instructions per message
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=sip_instructions_measure \
        --callgrind-out-file="$out/cg" "$bin" "$1" "$2" "$count" >/dev/null 2>&1
    awk -v n="$count" '/^totals:/ { printf "%d", $2 / n }' "$out/cg"
}

echo "| message | parse | parse + SDP | SDP part |"
echo "|---|---|---|---|"
for i in 0 1 2 3 4; do
    name=$("$bin" "$i" parse 1 | cut -d' ' -f1)
    parse=$(instructions "$i" parse)
    both=$(instructions "$i" with_sdp)
    echo "| $name | $parse | $both | $((both - parse)) |"
done
