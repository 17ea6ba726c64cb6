#!/usr/bin/env bash
# sipwarden explain: what a setting does, its default, when it is dangerous;
# suggestions for misspellings; --list; --catalogue matches docs/checks.md.
set -u
fail() { echo "FAIL: $*"; exit 1; }
out=$("$SIPWARDEN" explain allowguest) || fail "explain allowguest exit status"
echo "$out" | grep -q 'default:      yes' || fail "default missing"
echo "$out" | grep -q 'When it is dangerous' || fail "danger section missing"
"$SIPWARDEN" explain pjsip.endpoint.allow_unauthenticated_options | grep -q 'ast.pjsip.unauthenticated-options' || fail "full name"
"$SIPWARDEN" explain ClueCon | grep -q 'fs.esl.default-password' || fail "alias"
err=$("$SIPWARDEN" explain alowguest 2>&1); st=$?
[ $st -eq 2 ] || fail "unknown setting should exit 2"
echo "$err" | grep -q "did you mean 'allowguest'" || fail "no suggestion: $err"
[ "$("$SIPWARDEN" explain --list | wc -l)" -ge 40 ] || fail "--list too short"
"$SIPWARDEN" explain --catalogue | diff -q - docs/checks.md >/dev/null || fail "docs/checks.md is stale: run sipwarden explain --catalogue > docs/checks.md"
echo ok
