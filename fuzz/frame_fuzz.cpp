// Fuzz target: one captured frame through the whole decoder. The first byte
// picks the link type so every link layer is reached from one corpus.
#include <cstddef>
#include <cstdint>

#include "net/decoder.h"

namespace {
class DiscardingSink : public sipwarden::net::PayloadSink {
public:
    void on_payload(const sipwarden::net::Payload& payload) override { bytes += payload.data.size(); }
    std::size_t bytes = 0;
};

constexpr std::uint32_t k_link_types[] = {1, 113, 276, 101, 12, 14, 228, 229, 0, 108};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    using namespace sipwarden::net;
    DiscardingSink sink;
    DecodeStats stats;
    Decoder decoder(sink, stats);
    Frame frame;
    frame.link_type = k_link_types[data[0] % (sizeof k_link_types / sizeof k_link_types[0])];
    frame.data = sipwarden::core::Bytes(data + 1, size - 1);
    frame.wire_length = static_cast<std::uint32_t>(size - 1 + (data[0] & 0x80 ? 100 : 0));
    frame.timestamp = sipwarden::core::Timestamp::from_seconds(1000);
    decoder.decode(frame);
    // The same frame again, later: exercises duplicate fragments and retransmissions.
    frame.timestamp = sipwarden::core::Timestamp::from_seconds(1001);
    decoder.decode(frame);
    decoder.finish();
    return 0;
}
