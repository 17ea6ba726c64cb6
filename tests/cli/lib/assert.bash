# Helpers for CLI tests: each test script sources this, runs $SIPWARDEN and
# checks exit status and output. A failed check prints why and exits 1.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

# run EXPECTED_STATUS ARGS...: runs sipwarden, output in $tmp/out and $tmp/err.
run() {
    local expected=$1
    shift
    "$SIPWARDEN" "$@" >"$tmp/out" 2>"$tmp/err"
    local status=$?
    [ "$status" -eq "$expected" ] || fail "sipwarden $* exited $status, expected $expected; stderr: $(head -c 600 "$tmp/err")"
}

contains() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 800 "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 contains '$2'"; }
# json_equals FILE PYTHON_EXPRESSION VALUE: the expression over `d` (the
# summary: the last line of `watch --format json`) equals VALUE; `lines` is
# the list of every object in the file.
json_equals() {
    local got
    got=$(python3 -c "
import json,sys
lines=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]
d=lines[-1]
print($2)" "$1") || fail "cannot evaluate $2 on $1"
    [ "$got" = "$3" ] || fail "$2 is '$got', expected '$3'"
}
