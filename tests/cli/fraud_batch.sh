# sipwarden fraud in batch: alerts as EVE JSON lines, exit statuses, bad
# lines reported with file:line:col, config mistakes, resuming with --state.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ex=examples/fraud

# No files: a usage error.
if "$SIPWARDEN" fraud --no-state 2>"$tmp/err"; then exit 1; fi
grep -q "no CDR files given" "$tmp/err"

# The example night of fraud: high alerts -> exit 1; JSON lines with the evidence.
status=0
"$SIPWARDEN" fraud --no-state --config $ex/sipwarden.yaml --format json $ex/Master.csv >"$tmp/alerts.json" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1, got $status"; cat "$tmp/err"; exit 1; }
python3 - "$tmp/alerts.json" <<'PY'
import json, sys
alerts = [json.loads(line) for line in open(sys.argv[1])]
rules = {a["alert"]["signature_id"] for a in alerts}
for want in ["fraud.new-destination", "fraud.probing", "fraud.short-calls", "fraud.spend.hour", "fraud.after-hours"]:
    assert want in rules, (want, rules)
for a in alerts:
    assert a["event_type"] == "alert" and a["alert"]["category"] == "toll-fraud"
    f = a["fraud"]
    assert f["account"] == "PJSIP/2003", f["account"]
    assert f["calls"] and f["start"] <= f["end"]
    assert all(c["source"].startswith("examples/fraud/Master.csv:") for c in f["calls"])
probing = next(a for a in alerts if a["alert"]["signature_id"] == "fraud.probing")
assert probing["fraud"]["prefix"] == "+371670001xx", probing["fraud"]
assert len(probing["fraud"]["calls"]) >= 5
PY

# --fail-on critical: the same alerts no longer fail the run; -o writes the file.
"$SIPWARDEN" fraud --no-state -q --config $ex/sipwarden.yaml --fail-on critical -o "$tmp/out.txt" $ex/Master.csv
grep -q "fraud.probing" "$tmp/out.txt"

# A bad line is reported with file:line:col and the rest is still read.
{ head -3 $ex/Master.csv; echo '"","2001","00537201234","from-internal","","PJSIP/2001-1","","Dial","","not a time",,"",0,0,"FAILED","DOCUMENTATION"'; tail -n +4 $ex/Master.csv; } > "$tmp/bad.csv"
status=0
"$SIPWARDEN" fraud --no-state --config $ex/sipwarden.yaml "$tmp/bad.csv" >"$tmp/out.txt" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ]
grep -q "bad.csv:4:.*start: 'not a time' is not a time" "$tmp/err"
grep -q "1 bad lines" "$tmp/err"
grep -q "fraud.probing" "$tmp/out.txt"

# Config mistakes: position and suggestion, exit 2.
printf 'site: {home_country: GB}\nfraud:\n  concurency: {max_calls: 3}\n' > "$tmp/bad.yaml"
status=0
"$SIPWARDEN" fraud --no-state --config "$tmp/bad.yaml" $ex/Master.csv 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 2 ]
grep -q "bad.yaml:3:3: error: fraud: unknown key 'concurency'" "$tmp/err"
grep -q "did you mean 'concurrency'?" "$tmp/err"
printf 'site: {home_country: GB, timezone: Europe/Londn}\n' > "$tmp/tz.yaml"
if "$SIPWARDEN" fraud --no-state --config "$tmp/tz.yaml" $ex/Master.csv 2>"$tmp/err" >/dev/null; then exit 1; fi
grep -q "did you mean 'Europe/London'" "$tmp/err"

# An unknown --cdr-format is an error with a suggestion, not a silent detection.
if "$SIPWARDEN" fraud --no-state --cdr-format asterix $ex/Master.csv 2>"$tmp/err" >/dev/null; then exit 1; fi
grep -q "unknown CDR format 'asterix'; did you mean 'asterisk'?" "$tmp/err"

# With a state store the second run resumes after the last line: no alert twice.
"$SIPWARDEN" fraud --state "$tmp/state.db" --config $ex/sipwarden.yaml $ex/Master.csv >/dev/null 2>&1 || true
"$SIPWARDEN" fraud --state "$tmp/state.db" --config $ex/sipwarden.yaml $ex/Master.csv >"$tmp/second.txt" 2>"$tmp/err"
grep -q "resuming after line 23" "$tmp/err"
[ ! -s "$tmp/second.txt" ]
# --from-start replays, but first-seen countries are remembered now.
"$SIPWARDEN" fraud --state "$tmp/state.db" --config $ex/sipwarden.yaml --from-start $ex/Master.csv >"$tmp/third.txt" 2>/dev/null || true
if grep -q "fraud.new-destination" "$tmp/third.txt"; then echo "new-destination raised again"; exit 1; fi
grep -q "fraud.probing" "$tmp/third.txt"
