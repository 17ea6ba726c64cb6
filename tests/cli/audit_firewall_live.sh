#!/usr/bin/env bash
# Real nft and iptables, live: load a ruleset into a private network
# namespace, dump it with the real tools, and audit with the dump. Skips
# (passes) when not root or the tools or namespaces are unavailable.
set -u
D=tests/audit/data
fail() { echo "FAIL: $*"; exit 1; }
if [ "$(id -u)" -ne 0 ] || ! command -v nft >/dev/null || ! command -v unshare >/dev/null || ! unshare -n true 2>/dev/null; then
    echo "skip: needs root, nft and network namespaces"; exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unshare -n sh -c "nft -f $D/firewall/provider-only.nft && nft -j list ruleset" > "$tmp/live.json" || fail "nft"
out=$("$SIPWARDEN" audit --asterisk $D/exposure/asterisk --firewall "$tmp/live.json" --config $D/exposure/site-provider.yaml --format json)
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sip = [s for s in d["services"] if s["kind"] == "sip"][0]
assert sip["exposure"] == "provider", sip
fraud = [f for f in d["findings"] if f["check_id"] == "ast.dialplan.toll-fraud-path"][0]
assert fraud["severity"] == "high", fraud["severity"]
' || fail "live nft dump not rated as provider-only"
if command -v iptables-save >/dev/null; then
    unshare -n sh -c "iptables-restore < $D/firewall/lan-only.rules && iptables-save" > "$tmp/live.rules" || fail "iptables"
    "$SIPWARDEN" audit --asterisk $D/exposure/asterisk --firewall "$tmp/live.rules" --config $D/exposure/site-lan.yaml --format json |
        python3 -c 'import json,sys; d=json.load(sys.stdin); assert all(s["exposure"] in ("lan","localhost") for s in d["services"]), d["services"]' ||
        fail "live iptables dump not rated as LAN-only"
fi
echo ok
