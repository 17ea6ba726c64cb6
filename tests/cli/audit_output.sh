#!/usr/bin/env bash
# sipwarden audit output: text grouped by severity without colour when not a
# terminal, JSON with the documented top-level fields, HTML, -o FILE, and the
# assumptions of the zero-site-file case.
set -u
D=tests/audit/data
fail() { echo "FAIL: $*"; exit 1; }
out=$("$SIPWARDEN" audit --asterisk $D/exposure/asterisk --firewall $D/firewall/open.iptables-save)
echo "$out" | grep -q '^CRITICAL (' || fail "no CRITICAL group"
echo "$out" | grep -q $'\033' && fail "colour on a pipe"
echo "$out" | grep -q 'ast.dialplan.toll-fraud-path' || fail "toll fraud path missing"
echo "$out" | grep -q -- '-> Dial(PJSIP/00442079460123@trunk) sends the number out (extensions.conf:12:1)' || fail "path not explained: $out"
echo "$out" | grep -q 'assumed: the PBX has a public address' || fail "assumption not stated"
json=$("$SIPWARDEN" audit --asterisk $D/exposure/asterisk --format json)
echo "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for key in ("tool", "version", "command", "inputs", "assumptions", "summary", "findings", "services", "problems"):
    assert key in d, key
f = d["findings"][0]
for key in ("check_id", "title", "severity", "base_severity", "location", "message", "exposure", "remedy", "references"):
    assert key in f, key
assert d["summary"]["critical"] >= 1
assert any(s["kind"] == "ami" and s["exposure"] == "internet" for s in d["services"])
' || fail "JSON shape"
tmp=$(mktemp -d)
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk --format html -o "$tmp/r.html" || fail "html exit status"
grep -q '<!DOCTYPE html>' "$tmp/r.html" || fail "html not written"
rm -rf "$tmp"
echo ok
