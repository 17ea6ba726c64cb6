# gzip-compressed captures and standard input give the same report as the file.
source "$(dirname "$0")/lib/assert.bash"
capture="$root/examples/captures/sip-call.pcap"
run 0 watch -r "$capture" --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['input']={}; print(json.dumps(d, sort_keys=True))" "$tmp/out" > "$tmp/plain"
gzip -c "$capture" > "$tmp/c.pcap.gz"
run 0 watch -r "$tmp/c.pcap.gz" --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['input']['format']=='pcap+gzip'; d['input']={}; print(json.dumps(d, sort_keys=True))" "$tmp/out" > "$tmp/gz" || fail "format is not pcap+gzip"
cmp -s "$tmp/plain" "$tmp/gz" || fail "gzip report differs"
"$SIPWARDEN" watch -r - --format json < "$tmp/c.pcap.gz" > "$tmp/stdin.json" || fail "stdin run failed"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['input']['name']=='-'; d['input']={}; print(json.dumps(d, sort_keys=True))" "$tmp/stdin.json" > "$tmp/stdin" || fail "stdin input name"
cmp -s "$tmp/plain" "$tmp/stdin" || fail "stdin report differs"
