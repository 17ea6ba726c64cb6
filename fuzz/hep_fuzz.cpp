// Fuzz target: one HEP v1/v2/v3 packet (including compressed payloads).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "net/hep.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::net;
    HepPacket packet;
    std::vector<std::uint8_t> inflate;
    std::size_t consumed = 0;
    const auto status = decode_hep(sipwarden::core::Bytes(data, size), packet, inflate, 65535, &consumed);
    if (status == HepStatus::ok) {
        volatile std::size_t sink = packet.payload.size() + packet.auth_key.size() + packet.correlation_id.size();
        (void)sink;
        if (consumed > size) __builtin_trap();
    }
    return 0;
}
