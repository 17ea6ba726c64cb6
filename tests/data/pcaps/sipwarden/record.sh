#!/usr/bin/env bash
# Records scenarios.pcap with real SIPp on the loopback interface (root):
# a REGISTER challenged with 401 and retried with digest credentials, a call
# rejected with 486, a call cancelled while ringing (200 to the CANCEL, 487),
# and an answered call that the callee ends with BYE. Caller 127.0.0.77:5077,
# callee 127.0.0.78:5078; every run is bounded by -m 1 and timeouts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
tshark -q -i lo -f 'udp and (host 127.0.0.77 or host 127.0.0.78)' -w "$work/capture.pcapng" -a duration:40 &
capture=$!
sleep 2
for scenario in register busy cancel callee_bye; do
    sipp -sf "$here/scenarios/uas_$scenario.xml" -i 127.0.0.78 -p 5078 -mi 127.0.0.78 -mp 17000 -m 1 \
        -timeout 10s -bg > /dev/null || [ $? -eq 99 ]  # 99: went to the background
    sleep 0.3
    sipp -sf "$here/scenarios/uac_$scenario.xml" -i 127.0.0.77 -p 5077 -mi 127.0.0.77 -mp 16000 -s 3001 -m 1 \
        -timeout 10s 127.0.0.78:5078 > /dev/null
    sleep 0.5
    pkill -f "sipp -sf $here/scenarios/uas_$scenario.xml" || true
done
sleep 1
kill -INT "$capture" 2>/dev/null || true
wait "$capture" || true
tshark -r "$work/capture.pcapng" -F pcap -w "$here/scenarios.pcap"
echo "wrote $here/scenarios.pcap: $(capinfos -c "$here/scenarios.pcap" | tail -1)"
