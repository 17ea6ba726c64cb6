# watch on a HEP feed from a real Kamailio it has not seen before: a
# kamailio (started here, loopback only) relays sipp calls to a sipp UAS
# and mirrors each transaction's messages as HEPv3 (siptrace module) to a
# UDP port, while dumpcap records both the SIP legs and the HEP feed. From
# the HEP packets alone, watch must find the calls of the plain capture,
# with their final statuses, and the messages tshark counts on the SIP legs.
set -euo pipefail
source "$(dirname "$0")/lib/capture.bash"
for tool in kamailio sipp dumpcap tshark python3; do
    if ! command -v $tool >/dev/null; then echo "watch_kamailio_hep: $tool not installed; skipping"; exit 0; fi
done
source "$(dirname "$0")/lib/kamailio.bash"
modules=(tm sl rr pv textops siputils siptrace)
kamailio_modules_of watch_kamailio_hep "${modules[@]}"
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
base=$((45000 + ($$ % 1000) * 8))
proxy=$base uas=$((base + 1)) uac=$((base + 2)) hep=$((base + 3))
{
kamailio_config_head udp:127.0.0.1:$proxy "${modules[@]}"
cat <<CFG
modparam("siptrace", "duplicate_uri", "sip:127.0.0.1:$hep")
modparam("siptrace", "hep_mode_on", 1)
modparam("siptrace", "hep_version", 3)
modparam("siptrace", "hep_capture_id", 2001)
modparam("siptrace", "trace_to_database", 0)
modparam("siptrace", "trace_on", 1)
request_route {
    sip_trace_mode("t");
    if (is_method("INVITE")) record_route();
    if (has_totag()) loose_route();
    \$du = "sip:127.0.0.1:$uas";
    t_relay();
    exit;
}
CFG
} >"$tmp/kamailio.cfg"

start_lo_capture watch_kamailio_hep "udp and portrange $proxy-$hep" "$tmp/all.pcapng"
start_kamailio_config "$tmp/kamailio.cfg"
timeout 60 sipp -sn uas -i 127.0.0.1 -p $uas -m 5 -bg >/dev/null 2>&1 || true
pids+=($(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas" | head -1))
sleep 0.5
timeout 30 sipp -sn uac -i 127.0.0.1 -p $uac -m 5 -r 5 -d 200 -timeout 20s -nostdin 127.0.0.1:$proxy >"$tmp/uac.log" 2>&1 ||
    { echo "sipp's calls failed"; grep -v '^ *[-|]' "$tmp/uac.log" | head -20; exit 1; }
sleep 0.5
stop_lo_capture

"$SIPWARDEN" watch -r "$tmp/all.pcapng" --hep-port $hep --format json -o "$tmp/watch.jsonl" "udp port $hep" ||
    { echo "watch failed"; exit 1; }
tshark -r "$tmp/all.pcapng" -Y "sip && udp.port != $hep" -T fields -E separator='|' \
    -e sip.Call-ID -e sip.CSeq.method -e sip.Status-Code >"$tmp/legs.txt"
python3 - "$tmp/watch.jsonl" "$tmp/legs.txt" <<'PY'
import collections, json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
calls = {l["call_id"]: l for l in lines if l["type"] == "call"}
summary = lines[-1]
legs = [l.rstrip("\n").split("|") for l in open(sys.argv[2]) if l.strip()]
call_ids = {l[0] for l in legs}
assert len(call_ids) == 5 and set(calls) == call_ids, (sorted(calls), sorted(call_ids))
assert all(c["final_status"] == 200 and c["end_reason"] == "caller-hangup" for c in calls.values()), calls
assert summary["sip"]["from_hep"] == summary["sip"]["messages"] > 0, summary["sip"]
assert summary["decode"]["errors"] == {}, summary["decode"]
# Every message of the legs, by CSeq method and status, comes through HEP,
# but the proxy's relay of the ACK for 2xx: that ACK is a transaction of
# its own that tm forwards statelessly, and siptrace's transaction mode
# mirrors only the ACK the proxy received.
legs_by_kind = collections.Counter((l[1], l[2]) for l in legs)
hep_by_kind = collections.Counter()
for method, n in summary["sip"]["requests_by_method"].items():
    hep_by_kind[(method, "")] += n
assert hep_by_kind[("INVITE", "")] == legs_by_kind[("INVITE", "")], (hep_by_kind, legs_by_kind)
assert hep_by_kind[("BYE", "")] == legs_by_kind[("BYE", "")], (hep_by_kind, legs_by_kind)
assert hep_by_kind[("ACK", "")] * 2 == legs_by_kind[("ACK", "")], (hep_by_kind, legs_by_kind)
legs_status = collections.Counter(l[2] for l in legs if l[2])
hep_status = collections.Counter({k: v for k, v in summary["sip"]["responses_by_status"].items()})
assert all(hep_status[s] == legs_status[s] for s in ("180", "200")), (hep_status, legs_status)
PY
echo "watch_kamailio_hep: Kamailio's HEPv3 mirror of 5 calls agrees with the SIP legs tshark reads"
