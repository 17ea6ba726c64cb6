# watch on real calls answered on one media address, as a media server or
# SIPp's own test UAS answers them: sipp's uac_pcap scenario places three
# overlapping calls, each replaying the same recorded audio and DTMF (so
# every call sends the same SSRCs), to a sipp UAS that echoes all RTP from
# one port. Each call must keep its own four streams, and every stream must
# agree with tshark's (-z rtp,streams): packets and loss per source port,
# destination port and SSRC. (Before, the calls shared one flow: a source
# change per packet and a negative loss.)
set -euo pipefail
source "$(dirname "$0")/lib/capture.bash"
for tool in sipp dumpcap tshark python3; do
    if ! command -v $tool >/dev/null; then echo "watch_sipp_media_server: $tool not installed; skipping"; exit 0; fi
done
audio=/usr/share/sip-tester
if [ ! -f "$audio/g711a.pcap" ] || [ ! -f "$audio/dtmf_2833_1.pcap" ]; then
    echo "watch_sipp_media_server: sipp's audio captures not found in $audio; skipping"
    exit 0
fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
# sipp binds two media ports per side (audio, video two above it); the UAC
# takes four per call from its base.
base=$((34000 + ($$ % 900) * 32))
uas=$base uac=$((base + 1)) echo_port=$((base + 4)) media=$((base + 12)) top=$((base + 31))
mkdir "$tmp/pcap"
cp "$audio"/*.pcap "$tmp/pcap/"  # uac_pcap reads pcap/g711a.pcap and pcap/dtmf_2833_1.pcap

start_lo_capture watch_sipp_media_server "udp and portrange $base-$top" "$tmp/calls.pcapng"
# The answering side: every call's RTP echoed from one port; three calls, at most 60 s.
timeout 60 sipp -sn uas -i 127.0.0.1 -p $uas -mi 127.0.0.1 -mp $echo_port -rtp_echo -m 3 -bg >/dev/null 2>&1 || true
pids+=($(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas" | head -1))
sleep 0.3
# Three calls, two a second; each plays about 7 s of audio, then a DTMF digit.
(cd "$tmp" && timeout 40 sipp -sn uac_pcap -i 127.0.0.1 -p $uac -mi 127.0.0.1 -mp $media -m 3 -r 2 -timeout 30s \
    127.0.0.1:$uas >"$tmp/uac.log" 2>&1) || { echo "sipp's calls failed"; grep -v '^ *[-|]' "$tmp/uac.log" | head -20; exit 1; }
sleep 0.5
stop_lo_capture

"$SIPWARDEN" watch -r "$tmp/calls.pcapng" --format json -o "$tmp/watch.jsonl" || { echo "watch failed"; exit 1; }
tshark -r "$tmp/calls.pcapng" -q -o rtp.heuristic_rtp:TRUE -z rtp,streams >"$tmp/streams.txt"
python3 - "$tmp/watch.jsonl" "$tmp/streams.txt" "$echo_port" <<'PY'
import collections, json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
calls = [l for l in lines if l["type"] == "call"]
streams = [l for l in lines if l["type"] == "media_stream"]
summary = lines[-1]
echo_port = int(sys.argv[3])
assert len(calls) == 3 and all(c["final_status"] == 200 for c in calls), calls
# tshark: "Start End SrcIP SrcPort DstIP DstPort SSRC Payload Pkts Lost ..."
reference = {}
for row in open(sys.argv[2]):
    w = row.split()
    if len(w) > 9 and w[6].startswith("0x"):
        key = (int(w[3]), int(w[5]), int(w[6], 16))
        assert key not in reference, ("tshark lists a stream twice", key)
        reference[key] = (int(w[8]), int(w[9]))
got = {}
for s in streams:
    key = (s["source"]["port"], s["destination"]["port"], int(s["ssrc"], 16))
    assert key not in got, ("a stream twice", key)
    got[key] = (s["packets"], s["lost"])
assert len(reference) == 12, reference
assert got == reference, (got, reference)
per_call = collections.Counter(s["call_id"] for s in streams)
assert sorted(per_call.values()) == [4, 4, 4], per_call
# Each call's streams touch the shared port and that call's own port only.
for call_id in per_call:
    ports = {p for s in streams if s["call_id"] == call_id for p in (s["source"]["port"], s["destination"]["port"])}
    assert echo_port in ports and len(ports) == 2, (call_id, ports)
assert summary["media"]["source_changes"] == 0, summary["media"]
assert summary["unsolicited_media"] == [], summary["unsolicited_media"]
PY
echo "watch_sipp_media_server: 3 calls answered on one media port, 12 RTP streams agree with tshark"
