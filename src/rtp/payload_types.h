// The static RTP payload types of RFC 3551 §6 (Table 4 and 5): clock rate and
// encoding name. Dynamic types (96-127) are defined by SDP a=rtpmap instead.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipwarden::rtp {

// RTP timestamp clock rate in Hz; 0 for dynamic, reserved or unassigned
// types (the caller takes it from the SDP rtpmap then).
std::uint32_t static_clock_rate(std::uint8_t payload_type);

// "PCMU", "G729", "CN", ...; empty for dynamic, reserved or unassigned types.
std::string_view static_encoding_name(std::uint8_t payload_type);

// Comfort noise (RFC 3389: payload type 13; 19 was its old, now reserved,
// number and is still sent by some equipment). Packets of it arrive only
// when the level changes, so they break inter-arrival statistics.
constexpr bool is_comfort_noise(std::uint8_t payload_type) { return payload_type == 13 || payload_type == 19; }

}  // namespace sipwarden::rtp
