# watch on real registrations it has not seen before: a Kamailio registrar
# with digest authentication (started here) and a baresip softphone with two
# accounts, one with the right password and one with a wrong one, in a
# network namespace of the test's own, while dumpcap records the SIP.
# Kamailio answers a wrong password with a new 401, as PJSIP does: the
# account with the right password must come out registered, the other with
# failures (not a string of challenges), and the counts of REGISTERs and
# responses must equal tshark's.
set -euo pipefail
source "$(dirname "$0")/lib/capture.bash"
for tool in kamailio baresip dumpcap tshark python3; do
    if ! command -v $tool >/dev/null; then echo "watch_kamailio_registrar: $tool not installed; skipping"; exit 0; fi
done
source "$(dirname "$0")/lib/kamailio.bash"
modules=(tm sl pv textops siputils usrloc registrar auth)
kamailio_modules_of watch_kamailio_registrar "${modules[@]}"
baresip_modules=$(dirname "$(find /usr/lib* -name account.so -path '*baresip*' 2>/dev/null | head -1)")
if [ ! -f "$baresip_modules/menu.so" ]; then echo "watch_kamailio_registrar: baresip modules not found; skipping"; exit 0; fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; remove_test_netns; rm -rf "$tmp"; }
trap cleanup EXIT
registrar=5060 phone=5070
{
kamailio_config_head udp:127.0.0.1:$registrar "${modules[@]}"
cat <<CFG
modparam("usrloc", "db_mode", 0)
request_route {
    if (!is_method("REGISTER")) { sl_send_reply("404", "Not here"); exit; }
    if (!pv_www_authenticate("\$td", "secret", "0")) { www_challenge("\$td", "0"); exit; }
    save("location");
}
CFG
} >"$tmp/kamailio.cfg"
mkdir "$tmp/baresip"
cat >"$tmp/baresip/config" <<CONF
poll_method	poll
sip_listen	127.0.0.1:$phone
module_path	$baresip_modules
module	account.so
module	menu.so
CONF
cat >"$tmp/baresip/accounts" <<ACCOUNTS
<sip:300@127.0.0.1:$registrar>;auth_pass=secret;regint=60
<sip:301@127.0.0.1:$registrar>;auth_pass=wrong;regint=60
ACCOUNTS

# Its own namespace: fixed ports, and nothing leaves it.
make_test_netns watch_kamailio_registrar
start_lo_capture watch_kamailio_registrar "udp port $registrar or udp port $phone" "$tmp/register.pcapng"
start_kamailio_config "$tmp/kamailio.cfg"
sleep 0.3
# baresip registers both accounts, retries the refused one, and quits after 3 s.
timeout 10 "${run[@]}" baresip -f "$tmp/baresip" -t 3 >"$tmp/baresip.log" 2>&1 || true
sleep 0.3
stop_lo_capture

"$SIPWARDEN" watch -r "$tmp/register.pcapng" --format json -o "$tmp/watch.jsonl" || { echo "watch failed"; exit 1; }
tshark -r "$tmp/register.pcapng" -Y sip -T fields -E separator='|' -e sip.from.user -e sip.Method -e sip.Status-Code \
    >"$tmp/messages.txt"
python3 - "$tmp/watch.jsonl" "$tmp/messages.txt" <<'PY'
import collections, json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
rows = {l["aor"]: l for l in lines if l["type"] == "registration"}
summary = lines[-1]
messages = [l.rstrip("\n").split("|") for l in open(sys.argv[2]) if l.strip()]
registers = collections.Counter(m[0] for m in messages if m[1] == "REGISTER")
responses = collections.Counter((m[0], m[2]) for m in messages if m[2])
good, bad = rows["sip:300@127.0.0.1:5060"], rows["sip:301@127.0.0.1:5060"]
assert good["successes"] >= 1 and good["failures"] == 0 and good["last_status"] == 200, good
assert good["attempts"] == registers["300"], (good, registers)
assert good["challenges"] == responses[("300", "401")], (good, responses)
# The refused account: the first REGISTER is challenged, every retry with
# the wrong password is refused with a new 401.
assert bad["attempts"] == registers["301"] >= 2, (bad, registers)
assert bad["successes"] == 0 and bad["challenges"] == 1, bad
assert bad["failures"] == responses[("301", "401")] - 1 >= 1, (bad, responses)
assert bad["last_status"] == 401, bad
assert summary["registrations"]["failed"] == bad["failures"], summary["registrations"]
(source,) = summary["sources"]
assert source["failures"] == bad["failures"], source
PY
echo "watch_kamailio_registrar: baresip's right and wrong passwords at Kamailio agree with tshark's counts"
