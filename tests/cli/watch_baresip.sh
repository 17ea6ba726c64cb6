# watch on a real softphone's call it has not seen before: baresip (started
# here, in a network namespace of the test's own: SIP on loopback, media on
# the namespace's address) calls a sipp UAS that echoes its RTP, talks for
# about three seconds and hangs up, while dumpcap records SIP, RTP and RTCP.
# The call, its two RTP streams and their figures must agree with tshark's
# (-z rtp,streams), and baresip's closing RTCP BYE must not be reported as
# unsolicited media.
set -euo pipefail
source "$(dirname "$0")/lib/capture.bash"
for tool in baresip sipp dumpcap tshark python3; do
    if ! command -v $tool >/dev/null; then echo "watch_baresip: $tool not installed; skipping"; exit 0; fi
done
modules=$(dirname "$(find /usr/lib* -name g711.so -path '*baresip*' 2>/dev/null | head -1)")
if [ ! -f "$modules/aufile.so" ] || [ ! -f "$modules/menu.so" ]; then echo "watch_baresip: baresip modules not found; skipping"; exit 0; fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; remove_test_netns; rm -rf "$tmp"; }
trap cleanup EXIT
base=$((24000 + ($$ % 1000) * 8))
phone=$base uas=$((base + 1)) echo_port=$((base + 2)) rtp_low=$((base + 4)) rtp_high=$((base + 7))

# A 10 s, 8 kHz tone for baresip to send, and its configuration (no audio device).
python3 - "$tmp/tone.wav" <<'PY'
import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb")
w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(80000)))
w.close()
PY
mkdir "$tmp/baresip"
cat >"$tmp/baresip/config" <<CONF
poll_method	poll
sip_listen	127.0.0.1:$phone
audio_source	aufile,$tmp/tone.wav
audio_player	aufile,$tmp/heard.wav
audio_alert	aufile,$tmp/alert.wav
audio_srate	8000
audio_channels	1
rtp_ports	$rtp_low-$rtp_high
module_path	$modules
module	g711.so
module	aufile.so
module	account.so
module	menu.so
CONF
echo "<sip:1001@127.0.0.1>;regint=0;audio_codecs=PCMU" >"$tmp/baresip/accounts"

# baresip takes its media address from the default route: in the test's
# own namespace that is an address of the namespace.
make_test_netns watch_baresip
start_lo_capture watch_baresip "udp and portrange $phone-$rtp_high" "$tmp/call.pcapng"
# The answering side: one call, its RTP echoed back, at most 60 s.
timeout 60 "${run[@]}" sipp -sn uas -i 127.0.0.1 -p $uas -mp $echo_port -rtp_echo -m 1 -bg >/dev/null 2>&1 || true
pids+=($(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas" | head -1))
sleep 0.3
# baresip dials, and quits (hanging up) after 4 s.
timeout 20 "${run[@]}" baresip -f "$tmp/baresip" -e "/dial sip:2002@127.0.0.1:$uas" -t 4 >"$tmp/baresip.log" 2>&1 || true
grep -q "Call established" "$tmp/baresip.log" || { echo "baresip's call was not answered"; tail -20 "$tmp/baresip.log"; exit 1; }
sleep 0.5
stop_lo_capture

"$SIPWARDEN" watch -r "$tmp/call.pcapng" --format json -o "$tmp/watch.jsonl" || { echo "watch failed"; exit 1; }
tshark -r "$tmp/call.pcapng" -q -o rtp.heuristic_rtp:TRUE -z rtp,streams >"$tmp/streams.txt"
python3 - "$tmp/watch.jsonl" "$tmp/streams.txt" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
(call,) = [l for l in lines if l["type"] == "call"]
streams = [l for l in lines if l["type"] == "media_stream"]
summary = lines[-1]
assert call["final_status"] == 200 and call["end_reason"] == "caller-hangup", call
assert call["user_agent"].startswith("baresip"), call["user_agent"]
assert 3.0 < call["duration_s"] < 5.0, call["duration_s"]
# tshark: "Start End SrcIP SrcPort DstIP DstPort SSRC Payload Pkts Lost ..."
reference = {}
for row in open(sys.argv[2]):
    w = row.split()
    if len(w) > 9 and w[6].startswith("0x"):
        reference[(int(w[3]), int(w[5]), int(w[6], 16))] = (int(w[8]), int(w[9]))
got = {(s["source"]["port"], s["destination"]["port"], int(s["ssrc"], 16)): (s["packets"], s["lost"]) for s in streams}
assert len(got) == 2 and got == reference, (got, reference)
assert all(packets > 100 for packets, _ in got.values()), got
assert all(s["codec"] == "PCMU" for s in streams), streams
assert summary["unsolicited_media"] == [], summary["unsolicited_media"]
assert summary["media"]["rtcp_packets"] >= 1, summary["media"]
assert summary["sip"]["anomalies"] == {}, summary["sip"]["anomalies"]
PY
echo "watch_baresip: baresip's call and its 2 RTP streams agree with tshark; no unsolicited media"
