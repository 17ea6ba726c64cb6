# --counts prints the KEY=VALUE line the benchmark harness reads.
source "$(dirname "$0")/lib/assert.bash"
run 0 watch -r "$root/examples/captures/sip-call.pcap" --counts -q
contains "$tmp/err" "packets=256 sip_messages=10 sip_requests=7 sip_responses=3"
# With two threads the line also gives each thread's CPU time (which one bounds the run).
run 0 watch -r "$root/examples/captures/sip-call.pcap" --counts -q --threads 2
contains "$tmp/err" "packets=256 sip_messages=10"
contains "$tmp/err" " cpu_s_reading_thread="
contains "$tmp/err" " cpu_s_calling_thread="
run 0 watch -r "$root/examples/captures/sip-call.pcap" --counts -q --threads 1
lacks "$tmp/err" "cpu_s_"
