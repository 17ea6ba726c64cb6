// RTP header parsing through core::ByteReader; see rtp_packet.h.
#include "rtp/rtp_packet.h"

namespace sipwarden::rtp {

namespace {

constexpr std::size_t k_fixed_header_bytes = 12;
constexpr std::uint8_t k_version = 2;
// RTCP SR, RR, SDES, BYE, APP (200-204) read as marker + payload type.
constexpr std::uint8_t k_first_rtcp_payload_type = 72;
constexpr std::uint8_t k_last_rtcp_payload_type = 76;
// RFC 3551 §6: 0-34 assigned or reserved for old assignments, 96-127 dynamic.
constexpr std::uint8_t k_last_static_payload_type = 34;
constexpr std::uint8_t k_first_dynamic_payload_type = 96;

RtpStatus read_fixed_header(core::ByteReader& reader, RtpHeader& out) {
    std::uint8_t first = 0, second = 0;
    if (reader.remaining() < k_fixed_header_bytes) return RtpStatus::too_short;
    reader.u8(first);
    reader.u8(second);
    reader.be16(out.sequence);
    reader.be32(out.timestamp);
    reader.be32(out.ssrc);
    out.padding = (first & 0x20) != 0;
    out.extension = (first & 0x10) != 0;
    out.csrc_count = first & 0x0f;
    out.marker = (second & 0x80) != 0;
    out.payload_type = second & 0x7f;
    if ((first >> 6) != k_version) return RtpStatus::bad_version;
    if (out.marker && out.payload_type >= k_first_rtcp_payload_type && out.payload_type <= k_last_rtcp_payload_type)
        return RtpStatus::rtcp_payload_type;
    return RtpStatus::ok;
}

}  // namespace

std::string_view to_string(RtpStatus status) {
    switch (status) {
        case RtpStatus::ok: return "ok";
        case RtpStatus::too_short: return "rtp.too_short";
        case RtpStatus::bad_version: return "rtp.bad_version";
        case RtpStatus::rtcp_payload_type: return "rtp.rtcp_payload_type";
        case RtpStatus::bad_csrc_count: return "rtp.bad_csrc_count";
        case RtpStatus::bad_extension_length: return "rtp.bad_extension_length";
        case RtpStatus::bad_padding: return "rtp.bad_padding";
    }
    return "rtp.unknown";
}

RtpStatus parse_rtp(core::Bytes packet, RtpHeader& out) { return parse_rtp(DatagramHead::of(packet), out); }

RtpStatus parse_rtp(const DatagramHead& datagram, RtpHeader& out) {
    core::ByteReader reader(datagram.head);
    out = RtpHeader{};
    if (datagram.size < k_fixed_header_bytes) return RtpStatus::too_short;
    if (const auto status = read_fixed_header(reader, out); status != RtpStatus::ok) return status;
    std::size_t offset = k_fixed_header_bytes + std::size_t{out.csrc_count} * 4;
    if (offset > datagram.size) return RtpStatus::bad_csrc_count;
    if (out.extension) {
        // The header extension: 16-bit profile, 16-bit length in 32-bit words
        // (within the head: at most 76 bytes in).
        std::uint16_t words = 0;
        if (offset + 4 > datagram.size || !reader.skip(offset + 2 - reader.offset()) || !reader.be16(words))
            return RtpStatus::bad_extension_length;
        offset += 4 + std::size_t{words} * 4;
        if (offset > datagram.size) return RtpStatus::bad_extension_length;
    }
    out.header_size = offset;
    std::size_t after_header = datagram.size - offset;
    if (out.padding) {
        // The last octet counts the padding, itself included (RFC 3550 §5.1).
        const std::uint8_t count = datagram.last_octet;
        if (after_header == 0 || count == 0 || count > after_header) return RtpStatus::bad_padding;
        out.padding_size = count;
        after_header -= count;
    }
    out.payload_size = after_header;
    return RtpStatus::ok;
}

bool looks_like_rtp(core::Bytes payload) { return looks_like_rtp(DatagramHead::of(payload)); }

bool looks_like_rtp(const DatagramHead& datagram) {
    RtpHeader header;
    if (parse_rtp(datagram, header) != RtpStatus::ok) return false;
    return header.payload_type <= k_last_static_payload_type || header.payload_type >= k_first_dynamic_payload_type;
}

}  // namespace sipwarden::rtp
