#!/usr/bin/env bash
# Peak memory of `watch` over floods of unique Call-IDs (never answered) of
# growing size: bounded tables keep it flat once they are full or their
# timers expire entries. Usage: bench/flood_memory.sh [N...] (default 100000 400000 1600000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
binary=$here/build/release/sipwarden
[ -x "$binary" ] || { echo "bench/flood_memory.sh: build first (tools/dev build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'invites\tpeak_rss_mib\twall_s\tcalls_peak\ttransactions_peak\n'
for n in "${@:-100000 400000 1600000}"; do
    for count in $n; do
        python3 "$here/bench/flood_capture.py" "$count" "$work/flood.pcap"
        /usr/bin/time -f '%M %e' -o "$work/time" "$binary" watch -r "$work/flood.pcap" -q --format json -o "$work/out.jsonl"
        read -r rss wall < "$work/time"
        peaks=$(tail -1 "$work/out.jsonl" | python3 -c 'import json,sys; t=json.loads(sys.stdin.read())["tracker"]; print(t["calls_peak"], t["transactions_peak"], sep="\t")')
        printf '%s\t%s\t%s\t%s\n' "$count" "$((rss / 1024))" "$wall" "$peaks"
    done
done
