// HEP (Homer Encapsulation Protocol) v1/v2/v3: capture agents (Asterisk
// res_hep, Kamailio siptrace, FreeSWITCH, heplify) wrap each captured message
// with its original addresses and time. This decoder unwraps one HEP packet.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/byte_reader.h"
#include "core/ip_address.h"
#include "core/timestamp.h"

namespace sipwarden::net {

// HEP3 chunk 0x000b values this project cares about (spec rev. 37).
enum class HepPayloadType : std::uint8_t { unknown = 0, sip = 1, sdp = 3, rtp = 4, rtcp_json = 5, log = 100 };

struct HepPacket {
    int version = 3;
    std::uint8_t ip_protocol = 17;  // 17 UDP, 6 TCP
    core::Endpoint source;
    core::Endpoint destination;
    bool has_time = false;
    core::Timestamp timestamp;
    std::uint8_t payload_type = 1;
    std::uint32_t capture_id = 0;
    std::string_view auth_key;        // chunk 0x000e, empty when absent
    std::string_view correlation_id;  // chunk 0x0011
    bool compressed = false;          // payload came from chunk 0x0010 and was inflated
    core::Bytes payload;              // borrowed from the packet or from the inflate buffer
};

enum class HepStatus : std::uint8_t {
    ok,
    bad_length,         // total length absent, below 6, or past the data
    bad_chunk,          // chunk length below 6 or past the packet
    bad_chunk_size,     // a generic chunk whose size does not fit its type
    missing_addresses,  // no source/destination address or unknown family
    missing_payload,
    inflate_error,  // compressed payload that does not inflate within limits
};

std::string_view to_string(HepStatus status);

// True when `data` starts with the HEP3/EEP3 magic. Inline: the decoder asks
// for every UDP payload.
inline bool is_hep3(core::Bytes data) {
    if (data.size() < 6) return false;
    std::uint32_t magic = 0;
    std::memcpy(&magic, data.data(), 4);
    std::uint32_t hep = 0;
    std::memcpy(&hep, "HEP3", 4);
    std::uint32_t eep = 0;
    std::memcpy(&eep, "EEP3", 4);
    return magic == hep || magic == eep;
}
// True when `data` can be a HEP v1/v2 header (no magic: used on the HEP port only).
bool is_hep2(core::Bytes data);

// Decodes one HEP packet. `inflate_buffer` receives an inflated payload (at
// most `max_payload` bytes) and must outlive the use of `out.payload`. For
// HEP3 over TCP, `consumed` is the packet's total length.
HepStatus decode_hep(core::Bytes data, HepPacket& out, std::vector<std::uint8_t>& inflate_buffer,
                     std::size_t max_payload, std::size_t* consumed = nullptr);

}  // namespace sipwarden::net
