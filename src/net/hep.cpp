// HEP v1/v2/v3 decoding through the bounds-checked reader.
#include "net/hep.h"

#include <zlib.h>

#include <cstring>

namespace sipwarden::net {

namespace {

constexpr std::uint8_t k_family_inet = 2;
constexpr std::uint8_t k_family_inet6 = 10;
constexpr std::size_t k_hep2_header = 8;
// struct hep_timehdr {u32 sec; u32 usec; u16 captid;} is sent unpacked: 12 bytes.
constexpr std::size_t k_hep2_time = 12;

bool inflate_payload(core::Bytes in, std::vector<std::uint8_t>& out, std::size_t max_payload) {
    // Agents send gzip or zlib (windowBits 15+32 detects both); a few send raw deflate.
    for (const int window_bits : {15 + 32, -15}) {
        z_stream stream{};
        if (inflateInit2(&stream, window_bits) != Z_OK) return false;
        out.resize(max_payload);
        stream.next_in = const_cast<Bytef*>(in.data());  // NOLINT: zlib's API is not const-correct
        stream.avail_in = static_cast<uInt>(in.size());
        stream.next_out = out.data();
        stream.avail_out = static_cast<uInt>(out.size());
        const int result = inflate(&stream, Z_FINISH);
        const std::size_t produced = stream.total_out;
        inflateEnd(&stream);
        if (result == Z_STREAM_END) {
            out.resize(produced);
            return true;
        }
    }
    out.clear();
    return false;
}

struct Hep3Chunks {
    std::uint8_t family = 0;
    core::Bytes src4, dst4, src6, dst6;
    std::uint16_t src_port = 0, dst_port = 0;
    std::uint32_t seconds = 0, micros = 0;
    bool has_seconds = false;
    core::Bytes payload, compressed;
};

// Reads one generic (vendor 0) chunk body into `c` / `out`; false when its size is wrong.
bool read_generic_chunk(std::uint16_t type, core::Bytes body, Hep3Chunks& c, HepPacket& out) {
    core::ByteReader r(body);
    auto exact = [&](std::size_t n) { return body.size() == n; };
    std::uint16_t v16 = 0;
    std::uint32_t v32 = 0;
    switch (type) {
        case 0x01: return exact(1) && r.u8(c.family);
        case 0x02: return exact(1) && r.u8(out.ip_protocol);
        case 0x03: c.src4 = body; return exact(4);
        case 0x04: c.dst4 = body; return exact(4);
        case 0x05: c.src6 = body; return exact(16);
        case 0x06: c.dst6 = body; return exact(16);
        case 0x07: return exact(2) && r.be16(c.src_port);
        case 0x08: return exact(2) && r.be16(c.dst_port);
        case 0x09: c.has_seconds = exact(4) && r.be32(c.seconds); return c.has_seconds;
        case 0x0a: return exact(4) && r.be32(c.micros);
        case 0x0b: return exact(1) && r.u8(out.payload_type);
        case 0x0c: return exact(4) && r.be32(out.capture_id);
        case 0x0d: return exact(2) && r.be16(v16);
        case 0x0e: out.auth_key = core::as_text(body); return true;
        case 0x0f: c.payload = body; return true;
        case 0x10: c.compressed = body; return true;
        case 0x11: out.correlation_id = core::as_text(body); return true;
        case 0x12: return exact(2) && r.be16(v16);
        default: (void)v32; return true;  // chunks this decoder does not use are skipped
    }
}

HepStatus decode_hep3(core::Bytes data, HepPacket& out, std::vector<std::uint8_t>& inflate_buffer,
                      std::size_t max_payload, std::size_t* consumed) {
    core::ByteReader header(data);
    std::uint16_t total = 0;
    if (!header.skip(4) || !header.be16(total) || total < 6 || total > data.size()) return HepStatus::bad_length;
    if (consumed != nullptr) *consumed = total;
    core::ByteReader r(data.first(total));
    r.skip(6);
    Hep3Chunks c;
    out.version = 3;
    while (!r.empty()) {
        std::uint16_t vendor = 0, type = 0, length = 0;
        core::Bytes body;
        if (!r.be16(vendor) || !r.be16(type) || !r.be16(length) || length < 6 || !r.bytes(length - 6u, body)) {
            return HepStatus::bad_chunk;
        }
        if (vendor == 0 && !read_generic_chunk(type, body, c, out)) return HepStatus::bad_chunk_size;
    }
    if (c.family == k_family_inet && c.src4.size() == 4 && c.dst4.size() == 4) {
        out.source.address = core::IpAddress::v4_from(c.src4.data());
        out.destination.address = core::IpAddress::v4_from(c.dst4.data());
    } else if (c.family == k_family_inet6 && c.src6.size() == 16 && c.dst6.size() == 16) {
        out.source.address = core::IpAddress::v6_from(c.src6.data());
        out.destination.address = core::IpAddress::v6_from(c.dst6.data());
    } else {
        return HepStatus::missing_addresses;
    }
    out.source.port = c.src_port;
    out.destination.port = c.dst_port;
    out.has_time = c.has_seconds;
    out.timestamp = core::Timestamp::from_us(std::int64_t{c.seconds} * 1'000'000 + c.micros % 1'000'000);
    if (!c.payload.empty()) {
        out.payload = c.payload;
        return HepStatus::ok;
    }
    if (c.compressed.empty()) return HepStatus::missing_payload;
    if (!inflate_payload(c.compressed, inflate_buffer, max_payload)) return HepStatus::inflate_error;
    out.compressed = true;
    out.payload = core::Bytes(inflate_buffer.data(), inflate_buffer.size());
    return HepStatus::ok;
}

HepStatus decode_hep2(core::Bytes data, HepPacket& out) {
    core::ByteReader r(data);
    std::uint8_t version = 0, length = 0, family = 0;
    if (!r.u8(version) || !r.u8(length) || !r.u8(family) || !r.u8(out.ip_protocol) || !r.be16(out.source.port) ||
        !r.be16(out.destination.port)) {
        return HepStatus::bad_length;
    }
    out.version = version;
    core::Bytes src, dst;
    const std::size_t address_size = family == k_family_inet ? 4 : (family == k_family_inet6 ? 16 : 0);
    if (address_size == 0) return HepStatus::missing_addresses;
    if (!r.bytes(address_size, src) || !r.bytes(address_size, dst)) return HepStatus::bad_length;
    out.source.address =
        address_size == 4 ? core::IpAddress::v4_from(src.data()) : core::IpAddress::v6_from(src.data());
    out.destination.address =
        address_size == 4 ? core::IpAddress::v4_from(dst.data()) : core::IpAddress::v6_from(dst.data());
    if (version == 2) {
        std::uint32_t seconds = 0, micros = 0;
        std::uint16_t capture_id = 0;
        // The time header is written in the agent's byte order: little-endian in practice.
        if (!r.le32(seconds) || !r.le32(micros) || !r.le16(capture_id) || !r.skip(k_hep2_time - 10)) {
            return HepStatus::bad_length;
        }
        out.has_time = true;
        out.timestamp = core::Timestamp::from_us(std::int64_t{seconds} * 1'000'000 + micros % 1'000'000);
        out.capture_id = capture_id;
    }
    out.payload = r.rest();
    return out.payload.empty() ? HepStatus::missing_payload : HepStatus::ok;
}

}  // namespace

std::string_view to_string(HepStatus status) {
    switch (status) {
        case HepStatus::ok: return "ok";
        case HepStatus::bad_length: return "bad_length";
        case HepStatus::bad_chunk: return "bad_chunk";
        case HepStatus::bad_chunk_size: return "bad_chunk_size";
        case HepStatus::missing_addresses: return "missing_addresses";
        case HepStatus::missing_payload: return "missing_payload";
        case HepStatus::inflate_error: return "inflate_error";
    }
    return "unknown";
}

bool is_hep2(core::Bytes data) {
    return data.size() >= k_hep2_header + 8 && (data[0] == 1 || data[0] == 2) &&
           (data[2] == k_family_inet || data[2] == k_family_inet6);
}

HepStatus decode_hep(core::Bytes data, HepPacket& out, std::vector<std::uint8_t>& inflate_buffer,
                     std::size_t max_payload, std::size_t* consumed) {
    out = HepPacket{};
    if (is_hep3(data)) return decode_hep3(data, out, inflate_buffer, max_payload, consumed);
    if (consumed != nullptr) *consumed = data.size();
    return decode_hep2(data, out);
}

}  // namespace sipwarden::net
