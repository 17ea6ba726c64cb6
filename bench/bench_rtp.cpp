// Microbenchmark of the per-packet RTP work of the monitor: parse_rtp, and
// parse_rtp + StreamStats::add, in ns per packet, beside a reference
// measured in the same run on the same bytes: reading the 12 fixed header
// bytes of each packet into a checksum (the least any RTP accounting does).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "rtp/rtp_packet.h"
#include "rtp/stream_stats.h"

namespace {
using namespace sipwarden;

constexpr std::size_t k_packets = 8192;
constexpr std::size_t k_payload_bytes = 160;  // PCMU, 20 ms

// k_packets PCMU packets of `streams` streams interleaved, in arrival order,
// 20 ms apart per stream with up to 2 ms of jitter and 0.5% loss, as one
// buffer of packets (so reading them walks memory as a capture does).
struct Traffic {
    std::vector<std::uint8_t> bytes;
    std::vector<std::size_t> offsets;
    std::vector<core::Timestamp> arrivals;
    std::vector<std::uint32_t> stream_of;
    std::size_t streams = 0;

    explicit Traffic(std::size_t stream_count) : streams(stream_count) {
        std::mt19937 random(3550);
        std::vector<std::uint16_t> sequence(streams);
        for (std::size_t i = 0; i < k_packets; ++i) {
            const std::size_t s = i % streams;
            const std::uint16_t seq = sequence[s]++;
            if (random() % 200 == 0) ++sequence[s];  // a lost packet
            add(s, seq, static_cast<std::int64_t>(i / streams * 20'000'000 + random() % 2'000'000));
        }
    }

    void add(std::size_t s, std::uint16_t seq, std::int64_t arrival_ns) {
        offsets.push_back(bytes.size());
        const std::uint32_t timestamp = 160u * seq, ssrc = 0x1000u + static_cast<std::uint32_t>(s);
        const std::uint8_t header[12] = {0x80,
                                         0,
                                         static_cast<std::uint8_t>(seq >> 8),
                                         static_cast<std::uint8_t>(seq),
                                         static_cast<std::uint8_t>(timestamp >> 24),
                                         static_cast<std::uint8_t>(timestamp >> 16),
                                         static_cast<std::uint8_t>(timestamp >> 8),
                                         static_cast<std::uint8_t>(timestamp),
                                         static_cast<std::uint8_t>(ssrc >> 24),
                                         static_cast<std::uint8_t>(ssrc >> 16),
                                         static_cast<std::uint8_t>(ssrc >> 8),
                                         static_cast<std::uint8_t>(ssrc)};
        bytes.insert(bytes.end(), header, header + 12);
        bytes.insert(bytes.end(), k_payload_bytes, 0xd5);
        arrivals.push_back(core::Timestamp::from_ns(arrival_ns));
        stream_of.push_back(static_cast<std::uint32_t>(s));
    }
    core::Bytes packet(std::size_t i) const {
        const std::size_t end = i + 1 < offsets.size() ? offsets[i + 1] : bytes.size();
        return core::Bytes(bytes).subspan(offsets[i], end - offsets[i]);
    }
};

void per_packet(benchmark::State& state) {
    state.counters["per_packet"] = benchmark::Counter(static_cast<double>(state.iterations()) * k_packets,
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Reference: the 12 fixed header bytes of every packet added into a checksum.
void BM_reference_header_checksum(benchmark::State& state) {
    const Traffic traffic(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < k_packets; ++i) {
            std::uint32_t words[3];
            std::memcpy(words, traffic.packet(i).data(), sizeof words);
            sum += words[0] + words[1] + words[2];
        }
        benchmark::DoNotOptimize(sum);
    }
    per_packet(state);
}

void BM_parse_rtp(benchmark::State& state) {
    const Traffic traffic(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::uint64_t sum = 0;
        rtp::RtpHeader header;
        for (std::size_t i = 0; i < k_packets; ++i) {
            if (rtp::parse_rtp(traffic.packet(i), header) == rtp::RtpStatus::ok) sum += header.sequence;
        }
        benchmark::DoNotOptimize(sum);
    }
    per_packet(state);
}

// What the monitor does for each RTP packet once its stream is found.
void BM_parse_rtp_and_stream_stats(benchmark::State& state) {
    const Traffic traffic(static_cast<std::size_t>(state.range(0)));
    std::vector<rtp::StreamStats> stats(traffic.streams);
    for (auto _ : state) {
        state.PauseTiming();
        std::fill(stats.begin(), stats.end(), rtp::StreamStats{});
        state.ResumeTiming();
        rtp::RtpHeader header;
        for (std::size_t i = 0; i < k_packets; ++i) {
            if (rtp::parse_rtp(traffic.packet(i), header) != rtp::RtpStatus::ok) continue;
            stats[traffic.stream_of[i]].add(header, traffic.arrivals[i], 8000);
        }
        benchmark::DoNotOptimize(stats.data());
    }
    per_packet(state);
}

// One stream, and 2,048 streams interleaved (their statistics no longer
// all sit in L1, as in a busy capture).
BENCHMARK(BM_reference_header_checksum)->Arg(1)->Arg(2048);
BENCHMARK(BM_parse_rtp)->Arg(1)->Arg(2048);
BENCHMARK(BM_parse_rtp_and_stream_stats)->Arg(1)->Arg(2048);

}  // namespace

BENCHMARK_MAIN();
