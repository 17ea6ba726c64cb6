# The Kamailio block proof: a real kamailio (started here, loopback only)
# refuses international calls from accounts in its htable "blocked". A sipp
# call from account 1001 to an international number goes through before the
# alert; sipwarden fraud sees toll fraud from 1001 in the CDRs, sets the
# htable entry over JSON-RPC; the same call is then refused (403) while a
# national call still goes through; `fraud unblock` opens it again. Kamailio's
# own acc records of the calls are then read back with the kamailio-acc reader.
set -euo pipefail
source "$(dirname "$0")/lib/kamailio.bash"
kamailio_available fraud_kamailio python3
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
kamailio_ports $((20000 + ($$ % 4000) * 4))
start_test_kamailio 4 -trace_err -error_file "$tmp/uas.err"

call uac_call.xml 0049301234567 || { echo "international call failed before the alert"; cat "$tmp/uac.log" "$tmp/kamailio.log"; exit 1; }

# Toll fraud from account 1001 in the PBX's CDRs, just now.
python3 - "$tmp/Master.csv" <<'PY'
import datetime, sys
now = datetime.datetime.utcnow().replace(microsecond=0) - datetime.timedelta(minutes=5)
f = lambda t: t.strftime('"%Y-%m-%d %H:%M:%S"')
with open(sys.argv[1], "w") as out:
    for i in range(8):
        s = now + datetime.timedelta(seconds=15 * i)
        out.write(f'"1001","1001","00882161234{5600 + i}","from-internal","","PJSIP/1001-{i:08x}","","Dial","",{f(s)},,{f(s + datetime.timedelta(seconds=10))},10,0,"FAILED","DOCUMENTATION"\n')
PY
cat > "$tmp/sipwarden.yaml" <<YAML
site: {home_country: GB, timezone: UTC}
fraud:
  response:
    block_at: high
    block_minutes: 30
    kamailio: {url: "http://127.0.0.1:$rpc/RPC", htable: blocked, timeout_seconds: 5}
YAML
"$SIPWARDEN" fraud --state "$tmp/state.db" --config "$tmp/sipwarden.yaml" "$tmp/Master.csv" >"$tmp/alerts.txt" 2>"$tmp/fraud.err" || true
grep -q "blocked international calls for account 1001 (kamailio:ok)" "$tmp/fraud.err" || { cat "$tmp/fraud.err"; exit 1; }
curl -s -m 2 -d '{"jsonrpc":"2.0","method":"htable.get","params":["blocked","1001"],"id":1}' "http://127.0.0.1:$rpc/RPC" | grep -q "fraud\."

call uac_refused.xml 0049301234567 || { echo "international call was not refused after the alert"; cat "$tmp/uac.log"; exit 1; }
grep -q "refused international call from blocked account 1001" "$tmp/kamailio.log"
call uac_call.xml 02079460018 || { echo "national call failed while international calling was blocked"; cat "$tmp/uac.log"; exit 1; }

"$SIPWARDEN" fraud unblock 1001 --state "$tmp/state.db" --config "$tmp/sipwarden.yaml" | grep -q "unblocked 1001"
call uac_call.xml 0049301234567 || { echo "international call still refused after unblock"; cat "$tmp/uac.log"; exit 1; }
# Kamailio's own accounting of these calls, read back by the kamailio-acc reader:
# three answered calls (INVITE + BYE paired) from account 1001, two of them abroad.
sleep 0.5
"$SIPWARDEN" fraud --no-state --config "$tmp/sipwarden.yaml" --cdr-format kamailio-acc "$tmp"/acc/acc_*.log >/dev/null 2>"$tmp/acc.err" || true
grep -q "3 records (3 outbound, 2 international.*0 bad lines" "$tmp/acc.err" || { cat "$tmp/acc.err" "$tmp"/acc/acc_*.log; exit 1; }
echo "fraud_kamailio: allowed before the alert, refused after it, national calls unaffected, allowed after unblock"
