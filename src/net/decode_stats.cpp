// Counter names and merging.
#include "net/decode_stats.h"

namespace sipwarden::net {

namespace {
constexpr std::array<CounterInfo, static_cast<std::size_t>(Counter::count)> k_info{{
#define SIPWARDEN_COUNTER_INFO(id, name, kind) {name, CounterKind::kind},
    SIPWARDEN_DECODE_COUNTERS(SIPWARDEN_COUNTER_INFO)
#undef SIPWARDEN_COUNTER_INFO
}};
}  // namespace

const CounterInfo& info(Counter counter) { return k_info[static_cast<std::size_t>(counter)]; }

void DecodeStats::merge(const DecodeStats& other) {
    frames += other.frames;
    bytes += other.bytes;
    truncated_frames += other.truncated_frames;
    for (std::size_t i = 0; i < counters.size(); ++i) counters[i] += other.counters[i];
}

}  // namespace sipwarden::net
