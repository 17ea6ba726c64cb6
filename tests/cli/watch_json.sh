# --format json gives the documented object; it agrees with the text report.
source "$(dirname "$0")/lib/assert.bash"
run 0 watch -r "$root/examples/captures/sip-call.pcap" --format json -o "$tmp/summary.json"
json_equals "$tmp/summary.json" "d['sip']['requests_by_method']['INVITE']" 1
json_equals "$tmp/summary.json" "d['sip']['responses_by_status']['200']" 2
json_equals "$tmp/summary.json" "d['capture']['frames']" 256
json_equals "$tmp/summary.json" "d['input']['complete']" True
json_equals "$tmp/summary.json" "d['decode']['outcomes']['transport.udp']" 256
json_equals "$tmp/summary.json" "len(d['decode']['errors'])" 0
