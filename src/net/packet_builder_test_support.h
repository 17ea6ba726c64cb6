// Test support: builds link/IP/UDP/TCP frames and capture files byte by
// byte, so decoder tests state exactly what is on the wire.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

namespace sipwarden::net::testing {

using Buffer = std::vector<std::uint8_t>;

inline void put16(Buffer& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
inline void put32(Buffer& b, std::uint32_t v) {
    put16(b, static_cast<std::uint16_t>(v >> 16));
    put16(b, static_cast<std::uint16_t>(v));
}
inline void put32le(Buffer& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
inline void put16le(Buffer& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void append(Buffer& b, const Buffer& more) { b.insert(b.end(), more.begin(), more.end()); }
inline void append(Buffer& b, std::string_view text) { b.insert(b.end(), text.begin(), text.end()); }
inline Buffer bytes(std::string_view text) { return Buffer(text.begin(), text.end()); }

inline std::uint16_t checksum(const Buffer& b, std::size_t from, std::size_t length) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < length; i += 2)
        sum += static_cast<std::uint32_t>((b[from + i] << 8) | b[from + i + 1]);
    if (length % 2 == 1) sum += static_cast<std::uint32_t>(b[from + length - 1] << 8);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

struct Ipv4Options {
    std::uint16_t id = 1;
    bool more_fragments = false;
    std::uint16_t fragment_offset = 0;  // in bytes, multiple of 8
    std::uint8_t protocol = 17;
};

inline Buffer ipv4(std::uint32_t src, std::uint32_t dst, const Buffer& payload, Ipv4Options o = {}) {
    Buffer b;
    b.push_back(0x45);
    b.push_back(0);
    put16(b, static_cast<std::uint16_t>(20 + payload.size()));
    put16(b, o.id);
    put16(b, static_cast<std::uint16_t>((o.more_fragments ? 0x2000 : 0) | (o.fragment_offset / 8)));
    b.push_back(64);
    b.push_back(o.protocol);
    put16(b, 0);
    put32(b, src);
    put32(b, dst);
    const std::uint16_t sum = checksum(b, 0, 20);
    b[10] = static_cast<std::uint8_t>(sum >> 8);
    b[11] = static_cast<std::uint8_t>(sum);
    append(b, payload);
    return b;
}

inline Buffer ipv6(const std::uint8_t (&src)[16], const std::uint8_t (&dst)[16], std::uint8_t next,
                   const Buffer& payload) {
    Buffer b;
    put32(b, 0x60000000);
    put16(b, static_cast<std::uint16_t>(payload.size()));
    b.push_back(next);
    b.push_back(64);
    b.insert(b.end(), std::begin(src), std::end(src));
    b.insert(b.end(), std::begin(dst), std::end(dst));
    append(b, payload);
    return b;
}

inline Buffer udp(std::uint16_t sport, std::uint16_t dport, const Buffer& payload) {
    Buffer b;
    put16(b, sport);
    put16(b, dport);
    put16(b, static_cast<std::uint16_t>(8 + payload.size()));
    put16(b, 0);
    append(b, payload);
    return b;
}

struct TcpFlags {
    bool syn = false, fin = false, rst = false, ack = true, psh = false;
};

inline Buffer tcp(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, const Buffer& payload, TcpFlags f = {}) {
    Buffer b;
    put16(b, sport);
    put16(b, dport);
    put32(b, seq);
    put32(b, 0);
    const std::uint16_t flags = static_cast<std::uint16_t>((5 << 12) | (f.fin ? 1 : 0) | (f.syn ? 2 : 0) |
                                                           (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (f.ack ? 16 : 0));
    put16(b, flags);
    put16(b, 65535);
    put16(b, 0);
    put16(b, 0);
    append(b, payload);
    return b;
}

inline Buffer ethernet(std::uint16_t ethertype, const Buffer& payload, std::vector<std::uint16_t> vlan_tpids = {}) {
    Buffer b(12, 0);
    b[0] = 0x02;
    b[6] = 0x02;
    b[11] = 1;
    for (auto tpid : vlan_tpids) {
        put16(b, tpid);
        put16(b, 100);
    }
    put16(b, ethertype);
    append(b, payload);
    return b;
}

// A pcap file (microseconds, little-endian) holding `frames` of one link type.
struct PcapRecord {
    std::uint32_t seconds = 1700000000;
    std::uint32_t micros = 0;
    Buffer data;
    std::uint32_t wire_length = 0;  // 0: same as data
};

inline Buffer pcap_file(std::uint32_t link_type, const std::vector<PcapRecord>& records) {
    Buffer b;
    put32le(b, 0xa1b2c3d4);
    put16le(b, 2);
    put16le(b, 4);
    put32le(b, 0);
    put32le(b, 0);
    put32le(b, 262144);
    put32le(b, link_type);
    for (const auto& r : records) {
        put32le(b, r.seconds);
        put32le(b, r.micros);
        put32le(b, static_cast<std::uint32_t>(r.data.size()));
        put32le(b, r.wire_length ? r.wire_length : static_cast<std::uint32_t>(r.data.size()));
        append(b, r.data);
    }
    return b;
}

// A HEP v3 packet carrying `sip` (compressed with zlib when `compress`),
// sent from 203.0.113.5:5070 to 198.51.100.7:5060 over `ip_protocol`.
inline Buffer hep3(const std::string& sip, bool compress = false, std::uint8_t ip_protocol = 17) {
    Buffer chunks;
    auto chunk = [&](std::uint16_t type, const Buffer& body) {
        put16(chunks, 0);
        put16(chunks, type);
        put16(chunks, static_cast<std::uint16_t>(6 + body.size()));
        append(chunks, body);
    };
    chunk(1, {2});
    chunk(2, {ip_protocol});
    chunk(3, {203, 0, 113, 5});
    chunk(4, {198, 51, 100, 7});
    Buffer port;
    put16(port, 5070);
    chunk(7, port);
    port.clear();
    put16(port, 5060);
    chunk(8, port);
    Buffer t;
    put32(t, 1600000000);
    chunk(9, t);
    t.clear();
    put32(t, 250000);
    chunk(10, t);
    chunk(11, {1});
    t.clear();
    put32(t, 2001);
    chunk(12, t);
    if (compress) {
        Buffer packed(compressBound(static_cast<uLong>(sip.size())));
        uLongf size = static_cast<uLongf>(packed.size());
        compress2(packed.data(), &size, reinterpret_cast<const Bytef*>(sip.data()), static_cast<uLong>(sip.size()), 6);
        packed.resize(size);
        chunk(16, packed);
    } else {
        chunk(15, bytes(sip));
    }
    Buffer out = bytes("HEP3");
    put16(out, static_cast<std::uint16_t>(6 + chunks.size()));
    append(out, chunks);
    return out;
}

constexpr std::uint32_t ip4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    return (std::uint32_t{a} << 24) | (std::uint32_t{b} << 16) | (std::uint32_t{c} << 8) | d;
}

}  // namespace sipwarden::net::testing
