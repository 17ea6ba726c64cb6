# The README's demo: a real SIPp call, a svmap probe and a sipsak ping.
source "$(dirname "$0")/lib/assert.bash"
run 0 watch -r "$root/examples/captures/sip-call.pcap"
contains "$tmp/out" "INVITE 1"
contains "$tmp/out" "OPTIONS 4"
contains "$tmp/out" "200 2"
contains "$tmp/out" "Errors       none"
