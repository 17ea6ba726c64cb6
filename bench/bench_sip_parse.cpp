// Microbenchmark of the SIP/SDP parser on typical messages: messages/s and
// bytes/s of Message::parse (and with SDP), beside a reference measured in
// the same run: memchr finding every line end of the same bytes.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "sip_messages.h"

namespace {
using namespace sipwarden::sip;
using sipwarden::bench::k_messages;
using sipwarden::bench::k_names;

void set_counters(benchmark::State& state, std::size_t bytes) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
    state.SetLabel(k_names[static_cast<std::size_t>(state.range(0))]);
}

// Reference: find every line end of the message with memchr.
void BM_memchr_lines(benchmark::State& state) {
    const std::string& data = *k_messages[static_cast<std::size_t>(state.range(0))];
    for (auto _ : state) {
        std::size_t lines = 0;
        const char* p = data.data();
        const char* end = data.data() + data.size();
        while (const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
            ++lines;
            p = static_cast<const char*>(nl) + 1;
        }
        benchmark::DoNotOptimize(lines);
    }
    set_counters(state, data.size());
}

void BM_parse(benchmark::State& state) {
    const std::string& data = *k_messages[static_cast<std::size_t>(state.range(0))];
    Message m;
    for (auto _ : state) {
        benchmark::DoNotOptimize(m.parse(data));
        benchmark::DoNotOptimize(m.call_id().data());
    }
    if (!m.anomalies().empty()) state.SkipWithError("unexpected anomalies");
    set_counters(state, data.size());
}

// What a monitor does per message: parse, then the SDP when there is one.
void BM_parse_with_sdp(benchmark::State& state) {
    const std::string& data = *k_messages[static_cast<std::size_t>(state.range(0))];
    Message m;
    SessionDescription sdp;
    for (auto _ : state) {
        benchmark::DoNotOptimize(m.parse(data));
        const std::string_view body = find_sdp(m);
        if (!body.empty()) benchmark::DoNotOptimize(sdp.parse(body));
    }
    set_counters(state, data.size());
}

BENCHMARK(BM_memchr_lines)->DenseRange(0, 4);
BENCHMARK(BM_parse)->DenseRange(0, 4);
BENCHMARK(BM_parse_with_sdp)->DenseRange(0, 4);
}  // namespace

BENCHMARK_MAIN();
