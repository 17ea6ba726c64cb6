#!/usr/bin/env bash
# Re-records sip-call.pcap with real tools on the loopback interface (root):
# a SIPp call with G.711 RTP and RFC 2833 DTMF, a SIPVicious svmap probe and a
# sipsak OPTIONS ping. Every run is bounded in count and time; all traffic
# stays on 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"

# SIPp's uac_pcap scenario, with the RTP files it plays taken from tests/data.
sipp -sd uac_pcap > uac_pcap.xml || true  # sipp exits non-zero after dumping a scenario
grep -q play_pcap_audio uac_pcap.xml
sed -i "s#pcap/g711a.pcap#$root/tests/data/pcaps/sipp/g711a.pcap#; s#pcap/dtmf_2833_1.pcap#$root/tests/data/pcaps/sipp/dtmf_2833_1.pcap#" uac_pcap.xml

tshark -q -i lo -f 'udp and host 127.0.0.1' -w "$work/capture.pcapng" -a duration:20 &
sleep 2
sipp -sn uas -i 127.0.0.1 -p 5080 -mp 6000 -m 1 -timeout 15s -bg > /dev/null || [ $? -eq 99 ]  # 99: went to the background
sipp -sf uac_pcap.xml -i 127.0.0.1 -p 5070 -mp 6100 -m 1 -timeout 15s 127.0.0.1:5080 > /dev/null
timeout 10 svmap 127.0.0.1 -p 5080 > /dev/null || true
timeout 5 sipsak -s sip:100@127.0.0.1:5080 > /dev/null || true
sleep 1
pkill -f 'sipp -sn uas -i 127.0.0.1 -p 5080' || true
wait %1 || true
# Classic pcap, Ethernet-free loopback frames as captured.
tshark -r "$work/capture.pcapng" -F pcap -w "$here/sip-call.pcap"
echo "wrote $here/sip-call.pcap: $(capinfos -c "$here/sip-call.pcap" | tail -1)"
