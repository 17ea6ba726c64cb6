// Test support: writes RTP and RTCP packets field by field, so each test
// states exactly which bytes are on the wire.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/byte_reader.h"

namespace sipwarden::rtp::testing {

// Big-endian byte writer with chained calls: Wire().u8(0x80).be16(1)...
class Wire {
public:
    Wire& u8(std::uint8_t v) {
        m_bytes.push_back(v);
        return *this;
    }
    Wire& be16(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v)); }
    Wire& be24(std::uint32_t v) { return u8(static_cast<std::uint8_t>(v >> 16)).be16(static_cast<std::uint16_t>(v)); }
    Wire& be32(std::uint32_t v) {
        return be16(static_cast<std::uint16_t>(v >> 16)).be16(static_cast<std::uint16_t>(v));
    }
    Wire& fill(std::size_t n, std::uint8_t v = 0xd5) {
        m_bytes.insert(m_bytes.end(), n, v);
        return *this;
    }
    Wire& text(std::string_view s) {
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        return *this;
    }
    Wire& append(const Wire& other) {
        m_bytes.insert(m_bytes.end(), other.m_bytes.begin(), other.m_bytes.end());
        return *this;
    }
    std::size_t size() const { return m_bytes.size(); }
    std::vector<std::uint8_t>& bytes() { return m_bytes; }
    core::Bytes view() const { return m_bytes; }

private:
    std::vector<std::uint8_t> m_bytes;
};

struct RtpFields {
    std::uint8_t version = 2;
    bool padding = false, extension = false, marker = false;
    std::uint8_t csrc_count = 0;
    std::uint8_t payload_type = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0x11223344;
};

// The 12-byte fixed header only; callers append CSRCs, extension, payload.
inline Wire rtp_header(const RtpFields& f) {
    Wire w;
    w.u8(static_cast<std::uint8_t>((f.version << 6) | (f.padding ? 0x20 : 0) | (f.extension ? 0x10 : 0) |
                                   (f.csrc_count & 0x0f)));
    w.u8(static_cast<std::uint8_t>((f.marker ? 0x80 : 0) | (f.payload_type & 0x7f)));
    return w.be16(f.sequence).be32(f.timestamp).be32(f.ssrc);
}

// An RTCP common header: version 2, P, count, type, length in words - 1.
inline Wire rtcp_header(std::uint8_t type, std::uint8_t count, std::uint16_t length, bool padding = false,
                        std::uint8_t version = 2) {
    Wire w;
    w.u8(static_cast<std::uint8_t>((version << 6) | (padding ? 0x20 : 0) | (count & 0x1f))).u8(type);
    return w.be16(length);
}

inline Wire report_block(std::uint32_t ssrc, std::uint8_t fraction, std::uint32_t lost24, std::uint32_t highest,
                         std::uint32_t jitter) {
    Wire w;
    w.be32(ssrc).u8(fraction).be24(lost24).be32(highest).be32(jitter);
    return w.be32(0x12345678).be32(0x00010000);  // LSR, DLSR (one second)
}

// A receiver report without blocks: the smallest valid compound (8 bytes).
inline Wire empty_rr(std::uint32_t ssrc) { return rtcp_header(201, 0, 1).be32(ssrc); }

}  // namespace sipwarden::rtp::testing
