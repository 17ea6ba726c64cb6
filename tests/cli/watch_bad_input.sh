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
# Regression: bytes that are not UTF-8 (here in the file name, which the
# summary repeats) crashed `--summary --format json`; they are replaced.
latin1="$tmp/$(printf 'caf\xe9').pcap"
cp "$root/examples/captures/sip-call.pcap" "$latin1"
for mode in "--summary --format json" "--format json" "--format csv" ""; do
    # shellcheck disable=SC2086
    run 0 watch -r "$latin1" -q $mode
    lacks "$tmp/err" "internal error"
done
run 0 watch -r "$latin1" -q --summary --format json
python3 -c "import json,sys; d=json.loads(open(sys.argv[1],encoding='utf-8').read()); assert d['sip']['messages']==10" "$tmp/out" ||
    fail "summary JSON unreadable or wrong"
