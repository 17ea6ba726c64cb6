# watch on real proxied traffic it has not seen before: a kamailio (started
# here, loopback only, the fraud test's configuration) relays sipp calls to a
# sipp UAS while dumpcap records both legs on lo. Two calls are answered and
# one is refused by the proxy (403, account 1001 blocked in its htable for
# the second call). Both legs of a call share its Call-ID, so each call must
# come out once, with the final status of the caller's INVITE; the counts of
# messages by method and status must equal tshark's.
set -euo pipefail
source "$(dirname "$0")/lib/capture.bash"
for tool in kamailio sipp dumpcap tshark curl python3; do
    if ! command -v $tool >/dev/null; then echo "watch_kamailio_proxy: $tool not installed; skipping"; exit 0; fi
done
modules=$(dirname "$(find /usr/lib* -name htable.so -path '*kamailio*' 2>/dev/null | head -1)")
if [ ! -f "$modules/jsonrpcs.so" ] || [ ! -f "$modules/xhttp.so" ]; then echo "watch_kamailio_proxy: kamailio modules not found; skipping"; exit 0; fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
here=tests/fraud/kamailio
base=$((30000 + ($$ % 4000) * 4))
sip=$base rpc=$((base + 1)) uas=$((base + 2)) uac=$((base + 3))
mkdir "$tmp/acc"
sed -e "s#@SIP_PORT@#$sip#; s#@RPC_PORT@#$rpc#; s#@UAS_PORT@#$uas#; s#@MODULES@#$modules/#; s#@ACC_DIR@#$tmp/acc#" $here/kamailio.cfg.in >"$tmp/kamailio.cfg"

# The capture first (UDP on these ports only, so the JSON-RPC over TCP stays out).
start_lo_capture watch_kamailio_proxy "udp and portrange $sip-$uac" "$tmp/proxy.pcapng"

kamailio -c -f "$tmp/kamailio.cfg" >"$tmp/check.log" 2>&1 || { cat "$tmp/check.log"; exit 1; }
kamailio -E -f "$tmp/kamailio.cfg" -w "$tmp" -P "$tmp/kamailio.pid" >"$tmp/kamailio.log" 2>&1
deadline=$((SECONDS + 10))
until [ -s "$tmp/kamailio.pid" ]; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.1; done
pids+=($(cat "$tmp/kamailio.pid"))
# The answering side: at most 2 calls, at most 120 s.
timeout 120 sipp -sn uas -i 127.0.0.1 -p $uas -m 2 -bg >/dev/null 2>&1 || true
pids+=($(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas" | head -1))
rpc() { curl -s -m 2 -d "{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":$2,\"id\":1}" "http://127.0.0.1:$rpc/RPC"; }
deadline=$((SECONDS + 15))
until rpc core.version '[]' | grep -q kamailio; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.2; done

call() {  # call SCENARIO NUMBER: one call from 1001, bounded by -m 1 and timeouts
    timeout 30 sipp 127.0.0.1:$sip -sf "$here/$1" -s "$2" -i 127.0.0.1 -p $uac -m 1 -timeout 20 -timeout_error \
        -recv_timeout 5000 -nostdin >"$tmp/uac.log" 2>&1 || { echo "call $1 $2 failed"; cat "$tmp/uac.log"; exit 1; }
}
call uac_call.xml 02079460018
rpc htable.sets '["blocked","1001","test"]' >/dev/null
call uac_refused.xml 0049301234567
rpc htable.delete '["blocked","1001"]' >/dev/null
call uac_call.xml 01614960000
sleep 0.3
stop_lo_capture

"$SIPWARDEN" watch -r "$tmp/proxy.pcapng" --format json -o "$tmp/watch.jsonl" || { echo "watch failed"; exit 1; }
tshark -r "$tmp/proxy.pcapng" -d "udp.port==$sip,sip" -d "udp.port==$uas,sip" -d "udp.port==$uac,sip" -Y sip \
    -T fields -E separator='|' -e sip.Call-ID -e sip.Method -e sip.CSeq.method -e sip.Status-Code >"$tmp/tshark.txt"
python3 - "$tmp/watch.jsonl" "$tmp/tshark.txt" <<'PY'
import collections, json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
calls = {c["call_id"]: c for c in lines if c["type"] == "call"}
summary = lines[-1]
methods, statuses = collections.Counter(), collections.Counter()
final = {}  # Call-ID -> status of the last final response to INVITE
for row in open(sys.argv[2]):
    call_id, method, cseq_method, status = row.rstrip("\n").split("|")
    if method:
        methods[method] += 1
    else:
        statuses[status] += 1
        if cseq_method == "INVITE" and int(status) >= 200:
            final[call_id] = int(status)
# Both legs of an answered call pass the proxy; the refused INVITE ends there.
assert methods["INVITE"] == 5, methods
assert dict(summary["sip"]["requests_by_method"]) == dict(methods), (summary["sip"]["requests_by_method"], methods)
assert dict(summary["sip"]["responses_by_status"]) == dict(statuses), (summary["sip"]["responses_by_status"], statuses)
assert set(calls) == set(final), (sorted(calls), sorted(final))
for call_id, status in final.items():
    assert calls[call_id]["final_status"] == status, (call_id, calls[call_id]["final_status"], status)
got = sorted((c["callee"]["user"], c["final_status"], c["end_reason"]) for c in calls.values())
assert got == [("0049301234567", 403, "rejected"), ("01614960000", 200, "caller-hangup"),
               ("02079460018", 200, "caller-hangup")], got
for c in calls.values():
    assert c["caller"]["user"] == "1001" and c["forks"] <= 1, c
assert summary["sip"]["anomalies"] == {}, summary["sip"]["anomalies"]
PY
echo "watch_kamailio_proxy: 3 proxied calls (2 answered, 1 refused) agree with tshark"
