# Helpers for CLI tests that run the test Kamailio of tests/fraud/kamailio
# (loopback only) in front of a sipp UAS. The sourcing test has set $tmp and
# the array $pids, whose processes its cleanup kills.

kamailio_dir=tests/fraud/kamailio

# kamailio_available NAME TOOL...: skips the test NAME (exit 0) unless
# kamailio, sipp, curl, the TOOLs and the modules the configuration loads
# are installed.
kamailio_available() {
    local name=$1 tool
    shift
    for tool in kamailio sipp curl "$@"; do
        if ! command -v "$tool" >/dev/null; then echo "$name: $tool not installed; skipping"; exit 0; fi
    done
    kamailio_modules=$(dirname "$(find /usr/lib* -name htable.so -path '*kamailio*' 2>/dev/null | head -1)")
    if [ ! -f "$kamailio_modules/jsonrpcs.so" ] || [ ! -f "$kamailio_modules/xhttp.so" ]; then
        echo "$name: kamailio modules not found; skipping"
        exit 0
    fi
}

# kamailio_ports BASE: the proxy's SIP and JSON-RPC ports, the UAS's and the
# calling sipp's, from BASE up: $sip $rpc $uas $uac.
kamailio_ports() {
    sip=$1 rpc=$(($1 + 1)) uas=$(($1 + 2)) uac=$(($1 + 3))
}

# start_test_kamailio UAS_CALLS [SIPP_ARGS...]: writes the configuration
# (accounting files in $tmp/acc), starts Kamailio and a sipp UAS answering
# at most UAS_CALLS calls within 120 s, and waits for the JSON-RPC endpoint.
start_test_kamailio() {
    local calls=$1 deadline
    shift
    mkdir -p "$tmp/acc"
    sed -e "s#@SIP_PORT@#$sip#; s#@RPC_PORT@#$rpc#; s#@UAS_PORT@#$uas#; s#@MODULES@#$kamailio_modules/#; s#@ACC_DIR@#$tmp/acc#" \
        "$kamailio_dir/kamailio.cfg.in" >"$tmp/kamailio.cfg"
    kamailio -c -f "$tmp/kamailio.cfg" >"$tmp/check.log" 2>&1 || { cat "$tmp/check.log"; exit 1; }
    # Daemonised (its TCP workers need the forking mode); stopped through its pid file.
    kamailio -E -f "$tmp/kamailio.cfg" -w "$tmp" -P "$tmp/kamailio.pid" >"$tmp/kamailio.log" 2>&1
    deadline=$((SECONDS + 10))
    until [ -s "$tmp/kamailio.pid" ]; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.1; done
    pids+=($(cat "$tmp/kamailio.pid"))
    timeout 120 sipp -sn uas -i 127.0.0.1 -p $uas -m "$calls" -bg "$@" >/dev/null 2>&1 || true
    pids+=($(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas" | head -1))
    deadline=$((SECONDS + 15))
    until rpc core.version '[]' | grep -q kamailio; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.2; done
}

# rpc METHOD PARAMS: one JSON-RPC call to the proxy; prints the answer.
rpc() { curl -s -m 2 -d "{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":$2,\"id\":1}" "http://127.0.0.1:$rpc/RPC"; }

# call SCENARIO NUMBER: one call from 1001 through the proxy with a scenario
# of tests/fraud/kamailio, bounded by -m 1 and timeouts; its log in $tmp/uac.log.
call() {
    timeout 30 sipp 127.0.0.1:$sip -sf "$kamailio_dir/$1" -s "$2" -i 127.0.0.1 -p $uac -m 1 -timeout 20 -timeout_error \
        -recv_timeout 5000 -nostdin >"$tmp/uac.log" 2>&1
}

# Helpers for CLI tests that write a Kamailio configuration of their own.
# kamailio_modules_of NAME MODULE...: sets $kamailio_modules to the folder
# of Kamailio's modules; skips the test NAME (exit 0) unless every MODULE
# is there.
kamailio_modules_of() {
    local name=$1 module
    shift
    kamailio_modules=$(dirname "$(find /usr/lib* -name tm.so -path '*kamailio*' 2>/dev/null | head -1)")
    for module in "$@"; do
        if [ ! -f "$kamailio_modules/$module.so" ]; then echo "$name: kamailio module $module not found; skipping"; exit 0; fi
    done
}

# kamailio_config_head LISTEN MODULE...: the first lines of a configuration
# (one child, log to stderr), listening on LISTEN and loading the MODULEs.
kamailio_config_head() {
    local listen=$1 module
    shift
    printf '#!KAMAILIO\ndebug=2\nlog_stderror=yes\nchildren=1\nlisten=%s\nmpath="%s/"\n' "$listen" "$kamailio_modules"
    for module in "$@"; do printf 'loadmodule "%s.so"\n' "$module"; done
}

# start_kamailio_config CONFIG: checks CONFIG, starts Kamailio on it
# (through the prefix $run when the test has its own namespace) and waits
# for its pid file; the pid joins $pids.
start_kamailio_config() {
    local config=$1 deadline
    kamailio -c -f "$config" >"$tmp/check.log" 2>&1 || { cat "$tmp/check.log"; exit 1; }
    "${run[@]}" kamailio -f "$config" -w "$tmp" -P "$tmp/kamailio.pid" >"$tmp/kamailio.log" 2>&1 ||
        { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }
    deadline=$((SECONDS + 10))
    until [ -s "$tmp/kamailio.pid" ]; do [ $SECONDS -lt $deadline ] || { echo "kamailio did not start"; cat "$tmp/kamailio.log"; exit 1; }; sleep 0.1; done
    pids+=($(cat "$tmp/kamailio.pid"))
}
