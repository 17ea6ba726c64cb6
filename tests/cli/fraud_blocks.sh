# Responses: a high alert on current calls runs the exec hook once with the
# alert JSON on stdin and records the block; `fraud blocks` lists it;
# `fraud unblock` lifts it and runs the unblock hook.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/hook.sh" <<'SH'
#!/bin/sh
# Records what sipwarden handed over: the event, the account and the JSON.
{ printf '%s %s\n' "$SIPWARDEN_EVENT" "$SIPWARDEN_ACCOUNT"; cat; } >> "$HOOK_LOG"
SH
chmod +x "$tmp/hook.sh"
cat > "$tmp/sipwarden.yaml" <<YAML
site: {home_country: GB, timezone: UTC, dialing: {international_prefix: "00", national_prefix: "0", outside_line_prefix: "9"}}
fraud:
  response:
    block_at: high
    block_minutes: 60
    exec: {block: ["$tmp/hook.sh"], unblock: ["$tmp/hook.sh"], timeout_seconds: 10}
YAML
# Probing a Latvian range from account "cust-7", a few minutes ago.
python3 - "$tmp/Master.csv" <<'PY'
import datetime, sys
now = datetime.datetime.utcnow().replace(microsecond=0) - datetime.timedelta(minutes=10)
f = lambda t: t.strftime('"%Y-%m-%d %H:%M:%S"')
with open(sys.argv[1], "w") as out:
    for i in range(8):
        s = now + datetime.timedelta(seconds=20 * i)
        e = s + datetime.timedelta(seconds=20)
        out.write(f'"cust-7","2001","90037167000{100 + i}","from-internal","","PJSIP/2001-{i:08x}","","Dial","",{f(s)},,{f(e)},20,0,"NO ANSWER","DOCUMENTATION"\n')
PY
export HOOK_LOG="$tmp/hook.log"
status=0
"$SIPWARDEN" fraud --state "$tmp/state.db" --config "$tmp/sipwarden.yaml" "$tmp/Master.csv" >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { cat "$tmp/err"; exit 1; }
grep -q "blocked international calls for account cust-7 (exec:ok)" "$tmp/err"
[ "$(grep -c '^block cust-7$' "$tmp/hook.log")" -eq 1 ]   # once, though several alerts were high
grep -q '"event_type":"alert"' "$tmp/hook.log"
grep -q '"block":{' "$tmp/hook.log"

"$SIPWARDEN" fraud blocks --state "$tmp/state.db" >"$tmp/blocks.txt"
grep -q "^cust-7 .*international" "$tmp/blocks.txt"
"$SIPWARDEN" fraud --state "$tmp/state.db" blocks --format json >"$tmp/blocks.json"
python3 -c 'import json,sys; b=[json.loads(l) for l in open(sys.argv[1])]; assert b[0]["account"]=="cust-7" and b[0]["reason"].startswith("fraud."), b' "$tmp/blocks.json"

"$SIPWARDEN" fraud unblock cust-7 --state "$tmp/state.db" --config "$tmp/sipwarden.yaml" >"$tmp/out.txt"
grep -q "unblocked cust-7" "$tmp/out.txt"
grep -q '^unblock cust-7$' "$tmp/hook.log"
"$SIPWARDEN" fraud blocks --state "$tmp/state.db" | grep -q "no active blocks"
"$SIPWARDEN" fraud blocks --all --state "$tmp/state.db" | grep -q "lifted .* by sipwarden fraud unblock"
if "$SIPWARDEN" fraud unblock cust-7 --state "$tmp/state.db" 2>"$tmp/err"; then exit 1; fi
grep -q "account cust-7 is not blocked" "$tmp/err"

# Replaying old records never acts: the same calls a day earlier.
sed -i 's/"20[0-9-]* /"2020-01-01 /g' "$tmp/Master.csv"
: > "$tmp/hook.log"
"$SIPWARDEN" fraud --no-state --config "$tmp/sipwarden.yaml" "$tmp/Master.csv" >/dev/null 2>&1 || true
[ ! -s "$tmp/hook.log" ]
