# One thread or two (parsing beside tracking): the same report, byte for byte,
# on every test capture; also the --summary report.
source "$(dirname "$0")/lib/assert.bash"
compared=0
while IFS= read -r -d '' capture; do
    for mode in "--format json" "--format csv" "--summary --format json"; do
        # shellcheck disable=SC2086
        "$SIPWARDEN" watch -r "$capture" -q $mode --threads 1 -o "$tmp/one" 2>/dev/null
        one=$?
        # shellcheck disable=SC2086
        "$SIPWARDEN" watch -r "$capture" -q $mode --threads 2 -o "$tmp/two" 2>/dev/null
        two=$?
        [ "$one" -eq "$two" ] || fail "$capture ($mode): exit status $one with one thread, $two with two"
        cmp -s "$tmp/one" "$tmp/two" || fail "$capture ($mode): reports differ: $(diff "$tmp/one" "$tmp/two" | head -5)"
    done
    compared=$((compared + 1))
done < <(find "$root/tests/data/pcaps" "$root/examples/captures" -name '*.pcap*' -print0)
[ "$compared" -gt 50 ] || fail "only $compared captures compared"
