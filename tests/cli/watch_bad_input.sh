# Inputs that are not captures, missing files and usage errors exit 2 with a message.
source "$(dirname "$0")/lib/assert.bash"
echo "hello" > "$tmp/notes.txt"
run 2 watch -r "$tmp/notes.txt"
contains "$tmp/err" "not a pcap or pcapng capture"
run 2 watch -r "$tmp/missing.pcap"
contains "$tmp/err" "cannot open"
run 2 watch
contains "$tmp/err" "give exactly one of -r FILE or -i INTERFACE"
run 2 watch -r "$root/examples/captures/sip-call.pcap" --format xml
run 2 watch -r "$root/examples/captures/sip-call.pcap" udp port banana
contains "$tmp/err" "invalid capture filter"
