// RTP packets (RFC 3550 §5.1): full header validation for packets on a
// negotiated media flow, and a cheap heuristic for UDP payloads on ports no
// SDP announced (unsolicited media, RTP bleed, injection).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/byte_reader.h"

namespace sipwarden::rtp {

// The fixed header and where the payload lies. Plain values: nothing borrows
// the packet, so a header may outlive the buffer it was parsed from.
struct RtpHeader {
    bool marker = false;
    bool padding = false;
    bool extension = false;
    std::uint8_t csrc_count = 0;
    std::uint8_t payload_type = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::size_t header_size = 0;   // fixed header + CSRC list + header extension
    std::size_t payload_size = 0;  // without the padding
    std::size_t padding_size = 0;  // the count in the last octet when `padding`, else 0
};

// Why a packet is not a valid RTP packet; the first problem found, in the
// order listed. Stable string codes: to_string().
enum class RtpStatus : std::uint8_t {
    ok,
    too_short,             // fewer than the 12 bytes of the fixed header
    bad_version,           // version field is not 2
    rtcp_payload_type,     // payload type 72-76 with the marker set is RTCP SR..APP (RFC 5761 §4, A.1)
    bad_csrc_count,        // the CSRC list runs past the end
    bad_extension_length,  // the header extension (or its 4-byte header) runs past the end
    bad_padding,           // padding count 0, or larger than what follows the header
};

// "rtp.too_short", "rtp.bad_padding", ... ("ok" for ok).
std::string_view to_string(RtpStatus status);

// A datagram of which only the first bytes are at hand, as a capture
// pipeline keeps them for media: `head` holds the whole datagram or at least
// its first head_size(); `size` is its full length and `last_octet` its
// final octet (RTP's padding count).
struct DatagramHead {
    // A datagram that may be RTCP (version 2, second octet in 192-223) is
    // kept up to this size: the packet headers of a usual compound packet.
    static constexpr std::size_t k_rtcp_head_bytes = 128;

    // The bytes at the start of `whole` that parse_rtp, looks_like_rtp,
    // looks_like_rtcp and rtcp_says_goodbye read: the RTP fixed header, the
    // CSRC list and the 4-byte header of the extension, as the first octet
    // announces them (12 to 76 bytes), or up to k_rtcp_head_bytes of what
    // may be RTCP; all of a shorter datagram.
    static std::size_t head_size(core::Bytes whole) {
        if (whole.empty()) return 0;
        if (whole.size() >= 2 && (whole[0] >> 6) == 2 && whole[1] >= 192 && whole[1] <= 223)
            return std::min(whole.size(), k_rtcp_head_bytes);
        const std::size_t csrcs = whole[0] & 0x0fU;
        const std::size_t extension = (whole[0] & 0x10U) != 0 ? 4 : 0;
        return std::min(whole.size(), 12 + 4 * csrcs + extension);
    }

    core::Bytes head;
    std::size_t size = 0;
    std::uint8_t last_octet = 0;

    static DatagramHead of(core::Bytes whole) {
        return {whole, whole.size(), whole.empty() ? std::uint8_t{0} : whole.back()};
    }
};

// Parses and validates the header of one RTP packet (RFC 3550 §5.1 and the
// validity checks of A.1). On anything but ok, `out` holds the fields read so
// far and must not be used for statistics.
RtpStatus parse_rtp(core::Bytes packet, RtpHeader& out);
// The same from a datagram's head: the same result as over the whole.
RtpStatus parse_rtp(const DatagramHead& datagram, RtpHeader& out);

// Heuristic for a UDP payload on a port no signalling announced: parse_rtp
// succeeds and the payload type is assigned (0-34, RFC 3551) or dynamic
// (96-127). It is a weak signature: version 2 is 1 in 4 of random first
// octets, and the payload type ranges and a consistent CSRC, extension and
// padding layout keep about a fifth of those, so about one random datagram
// in twenty passes (measured on random bytes: 4.8% at 160 bytes, 6.6% at
// 1200, 0.6% at 20). STUN, DTLS and ZRTP never pass (their first two bits
// are 0). A flow should count as media only once StreamStats::valid()
// confirms sequential packets (RFC 3550 A.1 probation).
bool looks_like_rtp(core::Bytes payload);
bool looks_like_rtp(const DatagramHead& datagram);

}  // namespace sipwarden::rtp
