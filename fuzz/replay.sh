#!/usr/bin/env bash
# Replays every fuzz target's seed corpus and kept crash inputs with the
# given build (the sanitizer build in CI). Fails on the first crash.
set -euo pipefail
build=${1:?usage: fuzz/replay.sh BUILD_DIR}
cd "$(dirname "$0")/.."
status=0
for corpus in fuzz/corpus/*/; do
    name=$(basename "$corpus")
    bin="$build/fuzz/fuzz_$name"
    if [ ! -x "$bin" ]; then
        echo "fuzz/replay.sh: no binary for corpus $name ($bin)" >&2
        status=1
        continue
    fi
    printf '%-24s ' "$name"
    "$bin" "$corpus" || { echo "fuzz/replay.sh: $name crashed" >&2; status=1; }
done
exit $status
