# start_lo_capture NAME FILTER FILE: dumpcap records FILTER on lo into FILE
# in the background (its pid in $dumpcap_pid, added to the caller's $pids
# for cleanup); returns once the capture runs. The test NAME is skipped
# (exit 0) when capturing on lo is not allowed; fails after 10 s otherwise.
start_lo_capture() {
    local name=$1 filter=$2 file=$3
    dumpcap -i lo -f "$filter" -w "$file" >"$file.log" 2>&1 &
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
