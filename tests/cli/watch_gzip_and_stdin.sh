# gzip-compressed captures and standard input give the same report as the file.
source "$(dirname "$0")/lib/assert.bash"
capture="$root/examples/captures/sip-call.pcap"
run 0 watch -r "$capture" --format json
normal() { python3 -c "
import json,sys
lines=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]
d=lines[-1]
assert d['input']['format']==sys.argv[2] and d['input']['name']==sys.argv[3], d['input']
d['input']={}
print(json.dumps(lines, sort_keys=True))" "$@"; }
normal "$tmp/out" pcap "$capture" > "$tmp/plain" || fail "plain input"
gzip -c "$capture" > "$tmp/c.pcap.gz"
run 0 watch -r "$tmp/c.pcap.gz" --format json
normal "$tmp/out" pcap+gzip "$tmp/c.pcap.gz" > "$tmp/gz" || fail "format is not pcap+gzip"
cmp -s "$tmp/plain" "$tmp/gz" || fail "gzip report differs"
"$SIPWARDEN" watch -r - --format json < "$tmp/c.pcap.gz" > "$tmp/stdin.json" || fail "stdin run failed"
normal "$tmp/stdin.json" pcap+gzip - > "$tmp/stdin" || fail "stdin input name"
cmp -s "$tmp/plain" "$tmp/stdin" || fail "stdin report differs"
