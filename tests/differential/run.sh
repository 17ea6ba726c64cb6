#!/usr/bin/env bash
# Differential check of the SIP/SDP parser: builds a base revision's src/sip
# beside this tree's (ASan+UBSan) and compares everything their APIs say about
# every message of the corpora (tests/differential/sip_dump.cpp).
#   tests/differential/run.sh [--base REV] [EXTRA_PATH...]
#       compare over the in-tree and shared corpora (+ EXTRA_PATHs: files,
#       directories, captures); exit status 1 on any difference
#   tests/differential/run.sh [--base REV] --fuzz SECONDS
#       differential fuzzing (clang-14 libFuzzer) from the sip_message and sdp seeds
# REV defaults to the last revision before the one-pass parser rewrite.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=5d6f0f9fcc200fcc4a0e8e5b8c34cda77bde9ca6
fuzz_seconds=
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base=$2; shift 2 ;;
        --fuzz) fuzz_seconds=$2; shift 2 ;;
        *) break ;;
    esac
done
jobs=${SIPWARDEN_JOBS:-2}

# configure_and_build DIR TARGET CMAKE_ARGS...
configure_and_build() {
    local dir=$1 target=$2
    shift 2
    rm -rf "$dir/base"
    mkdir -p "$dir/base"
    git archive "$base" src/sip | tar -x -C "$dir/base"
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
        -DSIPWARDEN_TESTS=OFF -DSIPWARDEN_BENCH=OFF -DSIPWARDEN_DIFF_BASE="$PWD/$dir/base" "$@" >/dev/null
    cmake --build "$dir" -j "$jobs" --target "$target"
}

if [ -n "$fuzz_seconds" ]; then
    dir=build/differential-fuzz
    configure_and_build "$dir" fuzz_sip_differential -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 \
        -DSIPWARDEN_FUZZ=ON
    mkdir -p "$dir/corpus" fuzz/artifacts
    exec "$dir/tests/differential/fuzz_sip_differential" -max_total_time="$fuzz_seconds" \
        -artifact_prefix=fuzz/artifacts/differential- "$dir/corpus" fuzz/corpus/sip_message fuzz/corpus/sdp
fi

dir=build/differential
configure_and_build "$dir" sip_differential -DSIPWARDEN_SANITIZE=ON
paths=(tests/data/sip-messages tests/data/pcaps fuzz/corpus/sip_message fuzz/corpus/sdp)
for shared in ../shared/corpus/sip-messages ../shared/corpus/pcaps; do
    if [ -d "$shared" ]; then
        paths+=("$shared")
    else
        echo "run.sh: $shared not present, skipped" >&2
    fi
done
"$dir/tests/differential/sip_differential" "${paths[@]}" "$@"
