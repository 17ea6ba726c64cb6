#!/usr/bin/env bash
# Times sipwarden beside the libpcap read loop and the peers (tshark, sngrep,
# sipgrep, nDPI ...) on the shared benchmark captures, in one run of the
# harness in ../shared/bench (see its README). Usage:
#   bench/peers.sh SMALL|BIG [harness options, e.g. --tools sipgrep,tshark_sipstat]
# Times `watch --summary` (decode + SIP/SDP parse: issue 2's layer), full
# `watch` (decode, parse, session tracking, RTP statistics, text report) with
# two threads (the default on two cores) and with one, and full `watch` writing
# JSON lines (one object per call and media stream).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
harness=${SIPWARDEN_BENCH_HARNESS:-$here/../shared/bench}
[ -d "$harness" ] || { echo "bench/peers.sh: no benchmark harness at $harness" >&2; exit 2; }
size=${1:?usage: bench/peers.sh SMALL|BIG [options]}
shift
binary=$here/build/release/sipwarden
[ -x "$binary" ] || { echo "bench/peers.sh: build first (tools/dev build)" >&2; exit 2; }
bash "$harness/build-captures.sh" >/dev/null
bash "$harness/run-peers.sh" "$size" \
    --cmd "sipwarden_decode_parse=$binary watch -r {} -q --counts --summary" \
    --cmd "sipwarden_watch=$binary watch -r {} -q --counts" \
    --cmd "sipwarden_watch_1thread=$binary watch -r {} -q --counts --threads 1" \
    --cmd "sipwarden_watch_json=$binary watch -r {} -q --counts --format json" \
    "$@"
