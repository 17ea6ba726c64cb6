# sipwarden fraud --follow: reads appended lines, survives rotation and
# truncation, and after kill -9 a restart loses no committed state and finds
# the store intact.
set -euo pipefail
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
ex=examples/fraud

wait_for() {  # wait_for SECONDS COMMAND...: poll until COMMAND succeeds
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        [ $SECONDS -lt $deadline ] || { echo "timed out waiting for: $*"; return 1; }
        sleep 0.2
    done
}

# --- rotation and truncation -------------------------------------------------
printf 'site: {home_country: GB, timezone: Europe/London, dialing: {international_prefix: "00", national_prefix: "0", outside_line_prefix: "9"}}\nfraud: {poll_milliseconds: 50}\n' > "$tmp/follow.yaml"
head -8 $ex/Master.csv > "$tmp/Master.csv"
"$SIPWARDEN" fraud --follow --no-state -q --config "$tmp/follow.yaml" --format json -o "$tmp/alerts.json" "$tmp/Master.csv" &
pids+=($!)
follower=$!
sleep 0.5
mv "$tmp/Master.csv" "$tmp/Master.csv.1"                     # rotate: the new file holds the fraud
tail -n +9 $ex/Master.csv > "$tmp/Master.csv"
wait_for 20 grep -q '"signature_id":"fraud.probing"' "$tmp/alerts.json"
: > "$tmp/Master.csv"                                          # truncate, then another account's fraud
sleep 0.3
tail -n +9 $ex/Master.csv | sed 's#PJSIP/2003-#PJSIP/2004-#' >> "$tmp/Master.csv"
wait_for 20 grep -q '"account":"PJSIP/2004"' "$tmp/alerts.json"
kill -TERM "$follower"
status=0; wait "$follower" || status=$?
[ "$status" -le 1 ] || { echo "follow exited with $status"; exit 1; }

# --- kill -9 and restart ------------------------------------------------------
generator=$(dirname "$SIPWARDEN")/tests/fraud/make_synthetic_cdr
if [ ! -x "$generator" ]; then
    echo "fraud_follow: $generator not built; skipping the kill -9 part"
    exit 0
fi
"$generator" "$tmp/year" --accounts 8 >/dev/null
total=$(wc -l < "$tmp/year/Master.csv")
printf '  checkpoint_records: 5000\n  checkpoint_seconds: 1\n  poll_milliseconds: 50\n' >> "$tmp/year/sipwarden.yaml"
: > "$tmp/live.csv"
python3 - "$tmp/year/Master.csv" "$tmp/live.csv" <<'PY' &
import sys, time
lines = open(sys.argv[1]).readlines()
with open(sys.argv[2], "a") as out:
    for i in range(0, len(lines), 3000):       # bounded: len(lines)/3000 writes
        out.writelines(lines[i:i + 3000]); out.flush(); time.sleep(0.05)
PY
writer=$!
pids+=($writer)
state="$tmp/state.db"
"$SIPWARDEN" fraud --follow -q --state "$state" --config "$tmp/year/sipwarden.yaml" --format json -o "$tmp/run1.json" "$tmp/live.csv" &
run1=$!
pids+=($run1)
committed_lines() {
    python3 - "$state" <<'PY' 2>/dev/null
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
row = db.execute("SELECT value FROM cursors WHERE name LIKE 'fraud.file:%'").fetchone()
print(int(row[0].split()[3]) if row else 0)
PY
}
past() { [ "$(committed_lines || echo 0)" -ge "$1" ]; }
wait_for 60 past $((total * 3 / 4))
kill -9 "$run1"
wait "$run1" 2>/dev/null || true
python3 - "$state" "$tmp/before.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
with open(sys.argv[2], "w") as out:
    for row in db.execute("SELECT id, signature_id, subject, time_ns FROM alerts ORDER BY id"): out.write(repr(row) + "\n")
    out.write("first_seen %d\n" % db.execute("SELECT count(*) FROM first_seen").fetchone()[0])
PY
wait "$writer"
"$SIPWARDEN" fraud --follow -q --state "$state" --config "$tmp/year/sipwarden.yaml" --format json -o "$tmp/run2.json" "$tmp/live.csv" &
run2=$!
pids+=($run2)
wait_for 90 past "$total"
kill -TERM "$run2"
wait "$run2" || true
# A batch run over the whole file with fresh state, for the first-seen truth.
"$SIPWARDEN" fraud -q --state "$tmp/batch.db" --config "$tmp/year/sipwarden.yaml" "$tmp/year/Master.csv" >/dev/null || true
python3 - "$state" "$tmp/before.txt" "$tmp/batch.db" "$total" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
before = open(sys.argv[2]).read().splitlines()
alerts = [repr(r) for r in db.execute("SELECT id, signature_id, subject, time_ns FROM alerts ORDER BY id")]
committed = [l for l in before if l.startswith("(")]
assert committed, "no alert was committed before the kill; kill later"
assert alerts[:len(committed)] == committed, "committed alerts changed after the restart"
keys = [eval(a)[1:] for a in alerts]
assert len(keys) == len(set(keys)), "an alert was recorded twice"
line = int(db.execute("SELECT value FROM cursors").fetchone()[0].split()[3])
assert line == int(sys.argv[4]), (line, sys.argv[4])
seen = set(db.execute("SELECT scope, subject, item FROM first_seen"))
truth = set(sqlite3.connect(sys.argv[3]).execute("SELECT scope, subject, item FROM first_seen"))
assert seen == truth, (len(seen), len(truth), sorted(truth - seen)[:5], sorted(seen - truth)[:5])
print(f"fraud_follow: {len(committed)} alerts committed before kill -9, {len(alerts)} after restart, {len(seen)} first-seen rows")
PY
