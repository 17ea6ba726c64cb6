// Fuzz target: RTP packets. The input is parsed as one packet
// (parse_rtp, looks_like_rtp), then read as a stream of records — a 16-bit
// length, a 16-bit arrival gap in 0.1 ms, the packet — fed to StreamStats,
// whose accounting must stay consistent.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "core/byte_reader.h"
#include "rtp/payload_types.h"
#include "rtp/rtp_packet.h"
#include "rtp/stream_stats.h"

namespace {
using namespace sipwarden;

void check(bool condition) {
    if (!condition) __builtin_trap();
}

void check_packet(core::Bytes packet) {
    rtp::RtpHeader header;
    const auto status = rtp::parse_rtp(packet, header);
    check(!rtp::looks_like_rtp(packet) || status == rtp::RtpStatus::ok);
    if (status != rtp::RtpStatus::ok) return;
    check(header.header_size >= 12 && header.csrc_count <= 15 && header.payload_type < 128);
    check(header.header_size + header.payload_size + header.padding_size == packet.size());
}

// Dynamic types get a 90 kHz clock, so three clocks (8 kHz, 90 kHz, none) mix.
std::uint32_t clock_rate(std::uint8_t payload_type) {
    return payload_type >= 96 ? 90000 : rtp::static_clock_rate(payload_type);
}

void check_stats(const rtp::StreamStats& stats, std::uint64_t packets, std::uint64_t bytes) {
    check(stats.packets() == packets && stats.bytes() == bytes);
    if (packets == 0) return;
    check(stats.payload_types().contains(stats.last_payload_type()));
    check(stats.duplicates() + stats.out_of_order() <= packets);
    check(stats.restarts() <= stats.sequence_jumps());
    check(!stats.valid() || packets >= rtp::StreamStats::k_min_sequential);
    // Each packet moves the highest number by less than MAX_DROPOUT.
    check(stats.expected() <= packets * rtp::StreamStats::k_max_dropout);
    check(stats.lost() >= -static_cast<std::int64_t>(packets));
    check(std::isfinite(stats.jitter()) && stats.jitter() >= 0);
    check(std::isfinite(stats.max_jitter_ms()) && stats.max_jitter_ms() >= 0);
    check(stats.max_delta_ms() >= 0);
}

void check_stream(core::Bytes input) {
    core::ByteReader reader(input);
    rtp::StreamStats stats;
    std::uint64_t packets = 0, bytes = 0;
    std::int64_t now = 0;
    std::uint16_t length = 0, gap = 0;
    core::Bytes packet;
    while (reader.be16(length) && reader.be16(gap) && reader.bytes(length, packet)) {
        check_packet(packet);
        now += std::int64_t{gap} * 100'000;
        rtp::RtpHeader header;
        if (rtp::parse_rtp(packet, header) != rtp::RtpStatus::ok) continue;
        stats.add(header, core::Timestamp::from_ns(now), clock_rate(header.payload_type));
        ++packets;
        bytes += header.payload_size;
    }
    check_stats(stats, packets, bytes);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const core::Bytes input(data, size);
    check_packet(input);
    check_stream(input);
    return 0;
}
