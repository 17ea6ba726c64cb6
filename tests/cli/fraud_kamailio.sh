# The Kamailio block proof: a real kamailio (started here, loopback only)
# refuses international calls from accounts in its htable "blocked". A sipp
# call from account 1001 to an international number goes through before the
# alert; sipwarden fraud sees toll fraud from 1001 in the CDRs, sets the
# htable entry over JSON-RPC; the same call is then refused (403) while a
# national call still goes through; `fraud unblock` opens it again. Kamailio's
# own acc records of the calls are then read back with the kamailio-acc reader.
set -euo pipefail
for tool in kamailio sipp curl python3; do
    if ! command -v $tool >/dev/null; then echo "fraud_kamailio: $tool not installed; skipping"; exit 0; fi
done
modules=$(dirname "$(find /usr/lib* -name htable.so -path '*kamailio*' 2>/dev/null | head -1)")
if [ ! -f "$modules/jsonrpcs.so" ] || [ ! -f "$modules/xhttp.so" ]; then echo "fraud_kamailio: kamailio modules not found; skipping"; exit 0; fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
here=tests/fraud/kamailio
base=$((20000 + ($$ % 4000) * 4))
sip=$base rpc=$((base + 1)) uas=$((base + 2)) uac=$((base + 3))
mkdir "$tmp/acc"
sed -e "s#@SIP_PORT@#$sip#; s#@RPC_PORT@#$rpc#; s#@UAS_PORT@#$uas#; s#@MODULES@#$modules/#; s#@ACC_DIR@#$tmp/acc#" $here/kamailio.cfg.in > "$tmp/kamailio.cfg"
kamailio -c -f "$tmp/kamailio.cfg" >"$tmp/check.log" 2>&1 || { cat "$tmp/check.log"; exit 1; }
# Daemonised (its TCP workers need the forking mode); stopped through its pid file.
kamailio -E -f "$tmp/kamailio.cfg" -w "$tmp" -P "$tmp/kamailio.pid" >"$tmp/kamailio.log" 2>&1
deadline=$((SECONDS + 10))
until [ -s "$tmp/kamailio.pid" ]; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.1; done
pids+=($(cat "$tmp/kamailio.pid"))
# The answering side: at most 4 calls, at most 120 s.
timeout 120 sipp -sn uas -i 127.0.0.1 -p $uas -m 4 -bg -trace_err -error_file "$tmp/uas.err" >/dev/null 2>&1 || true
pids+=($(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas" | head -1))
rpc_up() { curl -s -m 2 -d '{"jsonrpc":"2.0","method":"core.version","id":1}' "http://127.0.0.1:$rpc/RPC" | grep -q kamailio; }
deadline=$((SECONDS + 15))
until rpc_up; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.2; done

call() {  # call SCENARIO NUMBER: one call from 1001, bounded by -m 1 and timeouts
    timeout 30 sipp 127.0.0.1:$sip -sf "$here/$1" -s "$2" -i 127.0.0.1 -p $uac -m 1 -timeout 20 -timeout_error \
        -recv_timeout 5000 -nostdin >"$tmp/uac.log" 2>&1
}
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
