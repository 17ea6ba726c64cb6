# watch on real proxied traffic it has not seen before: a kamailio (started
# here, loopback only, the fraud test's configuration) relays sipp calls to a
# sipp UAS while dumpcap records both legs on lo. Two calls are answered and
# one is refused by the proxy (403, account 1001 blocked in its htable for
# the second call). Both legs of a call share its Call-ID, so each call must
# come out once, with the final status of the caller's INVITE; the counts of
# messages by method and status must equal tshark's.
set -euo pipefail
source "$(dirname "$0")/lib/capture.bash"
source "$(dirname "$0")/lib/kamailio.bash"
kamailio_available watch_kamailio_proxy dumpcap tshark python3
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
kamailio_ports $((30000 + ($$ % 4000) * 4))
# The capture first (UDP on these ports only, so the JSON-RPC over TCP stays out).
start_lo_capture watch_kamailio_proxy "udp and portrange $sip-$uac" "$tmp/proxy.pcapng"
start_test_kamailio 2
calls() {  # calls SCENARIO NUMBER: one call, which must go as the scenario expects
    call "$1" "$2" || { echo "call $1 $2 failed"; cat "$tmp/uac.log"; exit 1; }
}
calls uac_call.xml 02079460018
rpc htable.sets '["blocked","1001","test"]' >/dev/null
calls uac_refused.xml 0049301234567
rpc htable.delete '["blocked","1001"]' >/dev/null
calls uac_call.xml 01614960000
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
