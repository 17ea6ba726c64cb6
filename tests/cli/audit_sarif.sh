#!/usr/bin/env bash
# sipwarden audit --format sarif validates against the SARIF 2.1.0 schema
# (tests/audit/sarif/, see its PROVENANCE.md) with python3-jsonschema.
set -u
D=tests/audit/data
S=tests/audit/sarif/sarif-2.1.0-rtm.5.json
fail() { echo "FAIL: $*"; exit 1; }
python3 -c 'import jsonschema' 2>/dev/null || fail "python3-jsonschema is not installed (tools/packages.txt)"
[ -f "$S" ] || fail "schema $S missing"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SIPWARDEN" audit --asterisk $D/exposure/asterisk --firewall $D/firewall/provider-only.nft.json --config $D/exposure/site-provider.yaml --format sarif -o "$tmp/a.sarif"
"$SIPWARDEN" audit --freeswitch $D/hardened/freeswitch --format sarif -o "$tmp/b.sarif"
python3 - "$S" "$tmp/a.sarif" "$tmp/b.sarif" <<'PY' || fail "SARIF does not validate"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft4Validator(schema)
for path in sys.argv[2:]:
    log = json.load(open(path))
    errors = sorted(validator.iter_errors(log), key=lambda e: e.path)
    for e in errors[:5]:
        print(path, list(e.path), e.message)
    assert not errors, path
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)
    for r in run["results"]:
        assert r["ruleId"] in ids and ids[r["ruleIndex"]] == r["ruleId"]
PY
echo ok
