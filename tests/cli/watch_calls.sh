# Calls, media and sources in the three report formats, on the SIPp call of the demo capture.
source "$(dirname "$0")/lib/assert.bash"
capture="$root/examples/captures/sip-call.pcap"
run 0 watch -r "$capture"
contains "$tmp/out" "Calls 1 started, 1 answered; ended: caller-hangup 1"
contains "$tmp/out" "sipp@127.0.0.1:5070"
contains "$tmp/out" "2 streams, 246 pkts"
contains "$tmp/out" "friendly-scanner"
run 0 watch -r "$capture" --format json -o "$tmp/events.jsonl"
python3 - "$tmp/events.jsonl" <<'PY' || fail "JSON lines do not describe the call"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
calls = [l for l in lines if l["type"] == "call"]
streams = [l for l in lines if l["type"] == "media_stream"]
assert len(calls) == 1 and calls[0]["final_status"] == 200 and calls[0]["end_reason"] == "caller-hangup", calls
assert 8.9 < calls[0]["duration_s"] < 9.1, calls[0]["duration_s"]
assert sorted(s["packets"] for s in streams) == [10, 236], streams
assert all(s["call_id"] == calls[0]["call_id"] for s in streams)
assert lines[-1]["type"] == "summary" and lines[-1]["calls"]["started"] == 1
PY
run 0 watch -r "$capture" --format csv -o "$tmp/calls.csv"
python3 - "$tmp/calls.csv" <<'PY' || fail "CSV does not list the call"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 1 and rows[0]["final_status"] == "200" and rows[0]["caller_user"] == "sipp", rows
PY
