#!/usr/bin/env bash
# CLI tests: run the sipwarden binary as a user would and check exit status
# and output. Each tests/cli/*.sh is sourced with $SIPWARDEN set.
set -uo pipefail
export SIPWARDEN=$(realpath "${1:?usage: tests/run_cli_tests.sh PATH/TO/sipwarden}")
cd "$(dirname "$0")/.."
failed=0
total=0
for t in tests/cli/*.sh; do
    [ -e "$t" ] || continue
    total=$((total + 1))
    if out=$(bash "$t" 2>&1); then
        echo "PASS $t"
    else
        echo "FAIL $t"
        echo "$out" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done
echo "cli tests: $((total - failed))/$total passed"
[ "$failed" -eq 0 ]
