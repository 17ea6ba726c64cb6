# Commands of a test that made its own network namespace run there through
# this prefix (make_test_netns); empty otherwise.
run=()

# make_test_netns NAME: a network namespace of the test's own, with lo and
# a veth pair holding 198.18.0.1/24 (RFC 2544's benchmarking range) as its
# default route. Programs that take their media address from the default
# route (baresip) then send to an address inside the namespace, never to
# the machine's. Sets $netns and $run (the prefix that runs a command
# there); the test's cleanup calls remove_test_netns. The test NAME is
# skipped (exit 0) when it cannot make a namespace (not root).
make_test_netns() {
    local name=$1
    netns=sipwarden-$name-$$
    if ! ip netns add "$netns" 2>/dev/null; then echo "$name: cannot create a network namespace; skipping"; exit 0; fi
    run=(ip netns exec "$netns")
    "${run[@]}" ip link set lo up
    "${run[@]}" ip link add swa type veth peer name swb
    "${run[@]}" ip addr add 198.18.0.1/24 dev swa
    "${run[@]}" ip link set swa up
    "${run[@]}" ip link set swb up
    "${run[@]}" ip route add default dev swa
}

# remove_test_netns: removes the namespace of make_test_netns, if any.
remove_test_netns() {
    if [ -n "${netns:-}" ]; then ip netns del "$netns" 2>/dev/null || true; fi
}

# start_lo_capture NAME FILTER FILE: dumpcap records FILTER on lo into FILE
# in the background (its pid in $dumpcap_pid, added to the caller's $pids
# for cleanup); returns once the capture runs. The test NAME is skipped
# (exit 0) when capturing on lo is not allowed; fails after 10 s otherwise.
start_lo_capture() {
    local name=$1 filter=$2 file=$3
    "${run[@]}" dumpcap -i lo -f "$filter" -w "$file" >"$file.log" 2>&1 &
    dumpcap_pid=$!
    pids+=($dumpcap_pid)
    local deadline=$((SECONDS + 10))
    until grep -q "^File:" "$file.log" 2>/dev/null; do
        if ! kill -0 $dumpcap_pid 2>/dev/null; then echo "$name: cannot capture on lo; skipping: $(cat "$file.log")"; exit 0; fi
        [ $SECONDS -lt $deadline ] || { echo "$name: dumpcap did not start"; cat "$file.log"; exit 1; }
        sleep 0.1
    done
}

# stop_lo_capture: ends the capture started by start_lo_capture (the file is complete after it).
stop_lo_capture() {
    kill $dumpcap_pid
    wait $dumpcap_pid 2>/dev/null || true
}
