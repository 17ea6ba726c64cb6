#!/usr/bin/env bash
# sipwarden audit: exit 2 on usage and input errors, 1 when a finding is at
# or above --fail-on, 0 otherwise.
set -u
D=tests/audit/data
fail() { echo "FAIL: $*"; exit 1; }
"$SIPWARDEN" audit >/dev/null 2>&1; [ $? -eq 2 ] || fail "no input should exit 2"
"$SIPWARDEN" audit --asterisk /nonexistent 2>/dev/null; [ $? -eq 2 ] || fail "missing directory should exit 2"
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk --format xml 2>/dev/null; [ $? -eq 2 ] || fail "bad format should exit 2"
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk --fail-on severe 2>/dev/null; [ $? -eq 2 ] || fail "bad --fail-on should exit 2"
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk --firewall $D/hardened/README.md >/dev/null 2>&1; [ $? -eq 2 ] || fail "unreadable firewall dump should exit 2"
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk --fail-on critical >/dev/null 2>&1; [ $? -eq 1 ] || fail "critical findings should exit 1"
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk >/dev/null 2>&1; [ $? -eq 0 ] || fail "without --fail-on exit 0"
"$SIPWARDEN" audit --asterisk $D/hardened/asterisk --firewall $D/hardened/firewall.nft --config $D/hardened/sipwarden.yaml --fail-on high >/dev/null 2>&1
[ $? -eq 0 ] || fail "hardened PBX should have nothing high"
echo ok
