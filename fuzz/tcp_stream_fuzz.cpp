// Fuzz target: TCP reassembly over a sequence of segments. The input is a
// list of records [flags u8][sequence delta u16][length u8][data...] applied
// to one connection (both directions), so overlaps, gaps, retransmissions and
// resets in any order are explored.
#include <cstddef>
#include <cstdint>

#include "core/byte_reader.h"
#include "net/tcp_reassembly.h"

namespace {
class Handler : public sipwarden::net::StreamMessageHandler {
public:
    void on_stream_message(const sipwarden::net::StreamMessage& m) override { bytes += m.data.size(); }
    std::size_t bytes = 0;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden;
    net::Limits limits;
    limits.max_stream_buffer_bytes = 2048;
    limits.max_sip_message_bytes = 1024;
    limits.max_out_of_order_segments = 4;
    net::DecodeStats stats;
    net::TcpReassembler tcp(limits, stats);
    Handler handler;
    const core::Endpoint a{*core::IpAddress::parse("192.0.2.1"), 5060};
    const core::Endpoint b{*core::IpAddress::parse("192.0.2.2"), 40000};
    std::uint32_t sequence[2] = {1000, 0xfffffff0u};
    core::ByteReader r(core::Bytes(data, size));
    std::int64_t second = 1;
    while (!r.empty()) {
        std::uint8_t flags = 0, length = 0;
        std::uint16_t delta = 0;
        core::Bytes payload;
        if (!r.u8(flags) || !r.be16(delta) || !r.u8(length)) break;
        if (!r.bytes(std::min<std::size_t>(length, r.remaining()), payload)) break;
        const int direction = flags & 1;
        net::TcpSegment segment;
        segment.timestamp = core::Timestamp::from_seconds(second += (flags >> 7));
        segment.source = direction ? b : a;
        segment.destination = direction ? a : b;
        segment.sequence = sequence[direction] + delta - 0x8000u;
        segment.syn = flags & 2;
        segment.fin = flags & 4;
        segment.rst = flags & 8;
        segment.data = payload;
        tcp.add(segment, handler);
        if (flags & 16) sequence[direction] = segment.sequence + static_cast<std::uint32_t>(payload.size());
        if (flags & 32) tcp.expire(segment.timestamp);
    }
    tcp.finish();
    return 0;
}
