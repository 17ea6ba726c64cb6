# Real SIPp traffic (tests/data/pcaps/sipwarden/record.sh): a registration
# challenged and retried with credentials, a call rejected with 486, one
# cancelled while ringing, one ended by the callee.
source "$(dirname "$0")/lib/assert.bash"
run 0 watch -r "$root/tests/data/pcaps/sipwarden/scenarios.pcap" --format json -o "$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" <<'PY' || fail "scenario outcomes differ"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
calls = sorted((c["final_status"], c["end_reason"]) for c in lines if c["type"] == "call")
assert calls == [(200, "callee-hangup"), (486, "rejected"), (487, "cancelled")], calls
answered = [c for c in lines if c["type"] == "call" and c["final_status"] == 200][0]
assert 0.9 < answered["duration_s"] < 1.5, answered["duration_s"]
(reg,) = [r for r in lines if r["type"] == "registration"]
assert (reg["attempts"], reg["challenges"], reg["successes"], reg["failures"]) == (2, 1, 1, 0), reg
assert reg["digest_usernames"] == ["1001"] and reg["expires"] == 120, reg
summary = lines[-1]
assert summary["sip"]["anomalies"] == {}, summary["sip"]["anomalies"]
PY
