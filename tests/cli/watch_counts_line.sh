# --counts prints the KEY=VALUE line the benchmark harness reads.
source "$(dirname "$0")/lib/assert.bash"
run 0 watch -r "$root/examples/captures/sip-call.pcap" --counts -q
contains "$tmp/err" "packets=256 sip_messages=10 sip_requests=7 sip_responses=3"
