# A trailing BPF filter selects frames as in tcpdump.
source "$(dirname "$0")/lib/assert.bash"
capture="$root/examples/captures/sip-call.pcap"
run 0 watch -r "$capture" --format json udp port 9
json_equals "$tmp/out" "d['sip']['messages']" 0
run 0 watch -r "$capture" --format json udp port 5080 and udp[8:4] = 0x494e5649
json_equals "$tmp/out" "d['sip']['messages']" 1
json_equals "$tmp/out" "list(d['sip']['requests_by_method'])" "['INVITE']"
