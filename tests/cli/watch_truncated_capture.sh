# A capture cut short: everything read is reported, then a clear error, status 2.
source "$(dirname "$0")/lib/assert.bash"
capture="$root/examples/captures/sip-call.pcap"
head -c 40000 "$capture" > "$tmp/cut.pcap"
run 2 watch -r "$tmp/cut.pcap" --format json -o "$tmp/cut.json"
json_equals "$tmp/cut.json" "d['input']['complete']" False
json_equals "$tmp/cut.json" "d['sip']['requests_by_method']['INVITE']" 1
contains "$tmp/err" "truncated record at byte"
contains "$tmp/err" "cut.pcap"
run 2 watch -r "$tmp/cut.pcap"
contains "$tmp/out" "INVITE 1"
contains "$tmp/out" "error:"
