// Link, network, tunnel and transport decoding down to application payloads.
#include "net/decoder.h"

#include <cstring>

#include "net/hep.h"

namespace sipwarden::net {

namespace {

constexpr std::uint16_t k_ethertype_ipv4 = 0x0800;
constexpr std::uint16_t k_ethertype_arp = 0x0806;
constexpr std::uint16_t k_ethertype_ipv6 = 0x86dd;
constexpr std::uint16_t k_ethertype_vlan = 0x8100;
constexpr std::uint16_t k_ethertype_qinq = 0x88a8;
constexpr std::uint16_t k_ethertype_qinq_old = 0x9100;
constexpr std::uint16_t k_ethertype_mpls = 0x8847;
constexpr std::uint16_t k_ethertype_pppoe = 0x8864;
constexpr std::uint16_t k_ethertype_teb = 0x6558;  // transparent Ethernet bridging (GRE)
constexpr std::uint16_t k_ethertype_erspan2 = 0x88be;
constexpr std::uint16_t k_ethertype_erspan3 = 0x22eb;
constexpr std::uint16_t k_gre_ppp = 0x880b;
constexpr std::uint16_t k_port_vxlan = 4789;
constexpr std::uint16_t k_port_gtp_u = 2152;

// The header's ones'-complement sum (RFC 1071) is all ones. `size` is a
// multiple of four (IHL counts 32-bit words) and the caller has checked that
// the bytes are there; the sum is taken over 32-bit words in the machine's
// byte order, which leaves the folded result byte-swapped at most, and all
// ones is all ones either way. The words are read straight from the packet:
// a copy on the stack read back in words stalled the usual frame's path.
inline bool ipv4_checksum_ok(const std::uint8_t* header, std::size_t size) {
    std::uint64_t sum = 0;
    // Unrolled: the usual frame's 20 bytes become five additions.
#pragma GCC unroll 15
    for (std::size_t i = 0; i + 4 <= size; i += 4) {
        std::uint32_t word;
        std::memcpy(&word, header + i, 4);
        sum += word;
    }
    sum = (sum & 0xffffffffu) + (sum >> 32);
    sum = (sum & 0xffffffffu) + (sum >> 32);
    sum = (sum & 0xffffu) + (sum >> 16);
    sum = (sum & 0xffffu) + (sum >> 16);
    return sum == 0xffff;
}

// The protocol inside raw IP: by the version nibble.
std::uint16_t ethertype_of_ip(core::Bytes data) {
    if (data.empty()) return 0;
    const int version = data[0] >> 4;
    return version == 4 ? k_ethertype_ipv4 : (version == 6 ? k_ethertype_ipv6 : 0);
}

}  // namespace

Decoder::Decoder(PayloadSink& sink, DecodeStats& stats, const Limits& limits)
    : m_sink(sink), m_stats(stats), m_limits(limits), m_fragments(m_limits, stats), m_tcp(m_limits, stats) {}

void Decoder::decode(const Frame& frame) {
    m_now = frame.timestamp;
    ++m_stats.frames;
    m_stats.bytes += frame.data.size();
    m_frame_truncated = frame.data.size() < frame.wire_length;
    if (m_frame_truncated) ++m_stats.truncated_frames;
    if (frame.link_type != static_cast<std::uint32_t>(LinkType::ethernet) || !usual_udp_over_ethernet(frame.data))
        link(frame.link_type, frame.data);
    maintain();
}

// The frame nearly every VoIP capture is made of: Ethernet II, IPv4 without
// options or fragmentation, UDP on a port no tunnel uses, every length
// consistent with the frame. It is decoded here in one go, with the
// counters and the payload the general path would give; anything else
// (false) takes the general path from the start. Checked against the
// general path by DecoderTest.UsualFrameAgreesWithTheGeneralPath.
[[gnu::always_inline]] inline bool Decoder::usual_udp_over_ethernet(core::Bytes frame) {
    constexpr std::size_t k_ip = 14, k_udp = k_ip + 20, k_payload = k_udp + 8;
    if (frame.size() < k_payload) return false;
    const std::uint8_t* d = frame.data();
    const auto be16 = [d](std::size_t at) { return static_cast<std::uint16_t>(d[at] << 8 | d[at + 1]); };
    if (be16(12) != k_ethertype_ipv4 || d[k_ip] != 0x45 || d[k_ip + 9] != 17) return false;
    const std::size_t total = be16(k_ip + 2);
    // Neither more fragments nor an offset; don't-fragment may be set.
    if ((be16(k_ip + 6) & 0x3fffu) != 0 || total < 28 || total > frame.size() - k_ip) return false;
    const std::uint16_t source_port = be16(k_udp), destination_port = be16(k_udp + 2);
    const std::size_t length = be16(k_udp + 4);
    if (length < 8 || length > total - 20) return false;
    if (source_port == k_port_vxlan || source_port == k_port_gtp_u || destination_port == k_port_vxlan ||
        destination_port == k_port_gtp_u)
        return false;
    m_stats.add(Counter::link_ethernet);
    m_stats.add(Counter::ip_v4);
    if (!ipv4_checksum_ok(d + k_ip, 20)) m_stats.add(Counter::ip_v4_bad_checksum);
    m_stats.add(Counter::transport_udp);
    Payload out;
    out.timestamp = m_now;
    out.frame_number = m_stats.frames;
    out.source = {core::IpAddress::v4_from(d + k_ip + 12), source_port};
    out.destination = {core::IpAddress::v4_from(d + k_ip + 16), destination_port};
    out.transport = Transport::udp;
    out.data = frame.subspan(k_payload, length - 8);
    deliver(out);
    return true;
}

void Decoder::maintain() {
    // Timers run on capture time, checked at most once per captured second.
    if (!timer_due(m_last_maintenance, m_now, m_limits)) return;
    m_last_maintenance = m_now;
    m_fragments.expire(m_now);
    m_tcp.expire(m_now);
}

void Decoder::finish() {
    m_fragments.finish();
    m_tcp.finish();
}

void Decoder::link(std::uint32_t link_type, core::Bytes data) {
    core::ByteReader r(data);
    std::uint16_t protocol = 0;
    switch (static_cast<LinkType>(link_type)) {
        case LinkType::ethernet:
            m_stats.add(Counter::link_ethernet);
            ethernet(data, 0);
            return;
        case LinkType::linux_sll:
            m_stats.add(Counter::link_linux_sll);
            if (!r.skip(14) || !r.be16(protocol)) break;
            ethertype(protocol, r.rest(), 0);
            return;
        case LinkType::linux_sll2:
            m_stats.add(Counter::link_linux_sll2);
            if (!r.be16(protocol) || !r.skip(18)) break;
            ethertype(protocol, r.rest(), 0);
            return;
        case LinkType::raw:
        case LinkType::raw_bsd:
        case LinkType::raw_openbsd:
        case LinkType::ipv4:
        case LinkType::ipv6:
            m_stats.add(Counter::link_raw_ip);
            ethertype(ethertype_of_ip(data), data, 0);
            return;
        case LinkType::null:
        case LinkType::loop: {
            m_stats.add(Counter::link_loopback);
            std::uint32_t family = 0;
            if (link_type == static_cast<std::uint32_t>(LinkType::loop) ? !r.be32(family) : !r.le32(family)) break;
            if (family > 0xffff) family = __builtin_bswap32(family);  // written by a host of the other byte order
            const bool v6 = family == 24 || family == 28 || family == 30 || family == 10;
            ethertype(family == 2 ? k_ethertype_ipv4 : (v6 ? k_ethertype_ipv6 : 0), r.rest(), 0);
            return;
        }
    }
    if (r.failed()) {
        m_stats.add(Counter::link_truncated);
    } else {
        m_stats.add(Counter::link_unsupported);
    }
}

void Decoder::ethernet(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint16_t type = 0;
    if (!r.skip(12) || !r.be16(type)) {
        m_stats.add(Counter::link_truncated);
        return;
    }
    ethertype(type, r.rest(), depth);
}

void Decoder::ethertype(std::uint16_t type, core::Bytes data, int depth) {
    core::ByteReader r(data);
    int tags = 0;
    while (type == k_ethertype_vlan || type == k_ethertype_qinq || type == k_ethertype_qinq_old) {
        if (++tags > m_limits.max_vlan_tags) {
            m_stats.add(Counter::link_too_many_vlan_tags);
            return;
        }
        if (!r.skip(2) || !r.be16(type)) {
            m_stats.add(Counter::link_truncated);
            return;
        }
    }
    if (tags > 0) m_stats.add(Counter::link_vlan_tagged);
    if (type == k_ethertype_mpls) {
        std::uint32_t label = 0;
        do {
            if (!r.be32(label)) {
                m_stats.add(Counter::link_truncated);
                return;
            }
        } while ((label & 0x100) == 0);  // bottom of stack
        type = ethertype_of_ip(r.rest());
    } else if (type == k_ethertype_pppoe) {
        std::uint16_t ppp = 0;
        if (!r.skip(6) || !r.be16(ppp)) {
            m_stats.add(Counter::link_truncated);
            return;
        }
        type = ppp == 0x0021 ? k_ethertype_ipv4 : (ppp == 0x0057 ? k_ethertype_ipv6 : 0);
    }
    switch (type) {
        case k_ethertype_ipv4: ipv4(r.rest(), depth); return;
        case k_ethertype_ipv6: ipv6(r.rest(), depth); return;
        case k_ethertype_arp: m_stats.add(Counter::link_arp); return;
        default: m_stats.add(Counter::link_other_ethertype); return;
    }
}

void Decoder::ipv4(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint8_t version_ihl = 0, tos = 0, ttl = 0, protocol = 0;
    std::uint16_t total = 0, id = 0, fragment = 0, checksum = 0;
    core::Bytes src, dst;
    if (!r.u8(version_ihl) || !r.u8(tos) || !r.be16(total) || !r.be16(id) || !r.be16(fragment) || !r.u8(ttl) ||
        !r.u8(protocol) || !r.be16(checksum) || !r.bytes(4, src) || !r.bytes(4, dst)) {
        m_stats.add(Counter::ip_truncated);
        return;
    }
    if ((version_ihl >> 4) != 4) {
        m_stats.add(Counter::ip_bad_version);
        return;
    }
    m_stats.add(Counter::ip_v4);
    const std::size_t header_length = (version_ihl & 0x0fu) * 4u;
    if (header_length < 20 || header_length > data.size()) {
        m_stats.add(Counter::ip_bad_header_length);
        return;
    }
    if (total < header_length) {
        m_stats.add(Counter::ip_bad_total_length);
        return;
    }
    if (!ipv4_checksum_ok(data.data(), header_length)) m_stats.add(Counter::ip_v4_bad_checksum);
    core::Bytes payload = data.subspan(header_length);
    if (total > data.size()) {
        m_stats.add(m_frame_truncated ? Counter::ip_truncated : Counter::ip_bad_total_length);
    } else {
        payload = data.subspan(header_length, total - header_length);  // drop link-layer padding
    }
    const Addresses addresses{core::IpAddress::v4_from(src.data()), core::IpAddress::v4_from(dst.data())};
    const bool more = (fragment & 0x2000) != 0;
    const std::uint32_t offset = (fragment & 0x1fffu) * 8u;
    if (!more && offset == 0) {
        ip_payload(protocol, addresses, payload, depth, false);
        return;
    }
    if (total > data.size()) return;  // a truncated fragment cannot be reassembled
    const FragmentKey key{addresses.source, addresses.destination, id, protocol};
    if (auto datagram = m_fragments.add(key, offset, more, protocol, payload, m_now)) {
        ip_payload(datagram->protocol, addresses, datagram->payload, depth, true);
    }
}

void Decoder::ipv6(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint32_t first_word = 0;
    std::uint16_t payload_length = 0;
    std::uint8_t next = 0, hop_limit = 0;
    core::Bytes src, dst;
    if (!r.be32(first_word) || !r.be16(payload_length) || !r.u8(next) || !r.u8(hop_limit) || !r.bytes(16, src) ||
        !r.bytes(16, dst)) {
        m_stats.add(Counter::ip_truncated);
        return;
    }
    if ((first_word >> 28) != 6) {
        m_stats.add(Counter::ip_bad_version);
        return;
    }
    m_stats.add(Counter::ip_v6);
    core::Bytes rest = r.rest();
    if (payload_length != 0 && payload_length < rest.size()) {
        rest = rest.first(payload_length);
    } else if (payload_length > rest.size()) {
        m_stats.add(m_frame_truncated ? Counter::ip_truncated : Counter::ip_bad_total_length);
    }
    const Addresses addresses{core::IpAddress::v6_from(src.data()), core::IpAddress::v6_from(dst.data())};
    core::ByteReader ext(rest);
    for (int count = 0;; ++count) {
        if (count > m_limits.max_ipv6_extension_headers) {
            m_stats.add(Counter::ip_v6_too_many_extension_headers);
            return;
        }
        std::uint8_t following = 0, length = 0;
        if (next == 0 || next == 43 || next == 60 || next == 135 || next == 51) {
            if (!ext.u8(following) || !ext.u8(length)) break;
            const std::size_t size = next == 51 ? (length + 2u) * 4u : (length + 1u) * 8u;
            if (!ext.skip(size - 2)) break;
            next = following;
            continue;
        }
        if (next == 44) {
            std::uint16_t offset_flags = 0;
            std::uint32_t id = 0;
            if (!ext.u8(following) || !ext.u8(length) || !ext.be16(offset_flags) || !ext.be32(id)) break;
            const std::uint32_t offset = offset_flags & 0xfff8u;
            const bool more = (offset_flags & 1u) != 0;
            if (offset == 0 && !more) {  // atomic fragment (RFC 6946)
                next = following;
                continue;
            }
            if (payload_length > rest.size()) return;  // a truncated fragment cannot be reassembled
            const FragmentKey key{addresses.source, addresses.destination, id, 0};
            if (auto datagram = m_fragments.add(key, offset, more, following, ext.rest(), m_now)) {
                ip_payload(datagram->protocol, addresses, datagram->payload, depth, true);
            }
            return;
        }
        ip_payload(next, addresses, ext.rest(), depth, false);
        return;
    }
    m_stats.add(Counter::ip_v6_bad_extension_header);
}

void Decoder::ip_payload(std::uint8_t protocol, const Addresses& addresses, core::Bytes data, int depth,
                         bool reassembled) {
    const bool tunnel = protocol == 4 || protocol == 41 || protocol == 47;
    if (tunnel && depth >= m_limits.max_encapsulation_depth) {
        m_stats.add(Counter::tunnel_too_deep);
        return;
    }
    switch (protocol) {
        case 17: udp(addresses, data, depth, reassembled); return;
        case 6: tcp(addresses, data); return;
        case 1:
        case 58: m_stats.add(Counter::transport_icmp); return;
        case 132: m_stats.add(Counter::transport_sctp); return;
        case 4:
            m_stats.add(Counter::tunnel_ip_in_ip);
            ipv4(data, depth + 1);
            return;
        case 41:
            m_stats.add(Counter::tunnel_ip_in_ip);
            ipv6(data, depth + 1);
            return;
        case 47: gre(data, depth + 1); return;
        default: m_stats.add(Counter::ip_other_protocol); return;
    }
}

void Decoder::udp(const Addresses& addresses, core::Bytes data, int depth, bool reassembled) {
    core::ByteReader r(data);
    std::uint16_t source_port = 0, destination_port = 0, length = 0, checksum = 0;
    if (!r.be16(source_port) || !r.be16(destination_port) || !r.be16(length) || !r.be16(checksum)) {
        m_stats.add(Counter::udp_truncated);
        return;
    }
    m_stats.add(Counter::transport_udp);
    if (length < 8) {
        m_stats.add(Counter::udp_bad_length);
        return;
    }
    core::Bytes payload = r.rest();
    bool truncated = false;
    if (length - 8u <= payload.size()) {
        payload = payload.first(length - 8u);
    } else {
        truncated = true;
        m_stats.add(m_frame_truncated ? Counter::udp_truncated : Counter::udp_bad_length);
    }
    if (!truncated &&
        (tunnel_over_udp(destination_port, payload, depth) || tunnel_over_udp(source_port, payload, depth))) {
        return;
    }
    Payload out;
    out.timestamp = m_now;
    out.frame_number = m_stats.frames;
    out.source = {addresses.source, source_port};
    out.destination = {addresses.destination, destination_port};
    out.transport = Transport::udp;
    out.data = payload;
    out.truncated = truncated;
    out.reassembled = reassembled;
    deliver(out);
}

bool Decoder::tunnel_over_udp(std::uint16_t port, core::Bytes data, int depth) {
    if (port != k_port_vxlan && port != k_port_gtp_u) return false;
    if (depth >= m_limits.max_encapsulation_depth) {
        m_stats.add(Counter::tunnel_too_deep);
        return true;
    }
    core::ByteReader r(data);
    std::uint8_t flags = 0;
    if (port == k_port_vxlan) {
        if (!r.u8(flags) || (flags & 0x08) == 0 || !r.skip(7)) return false;
        m_stats.add(Counter::tunnel_vxlan);
        ethernet(r.rest(), depth + 1);
        return true;
    }
    // GTP-U version 1, protocol type GTP, message G-PDU (255).
    std::uint8_t type = 0;
    if (!r.u8(flags) || (flags >> 5) != 1 || (flags & 0x10) == 0 || !r.u8(type) || type != 255 || !r.skip(6))
        return false;
    if ((flags & 0x07) != 0) {
        std::uint8_t next_extension = 0;
        if (!r.skip(3) || !r.u8(next_extension)) return false;
        for (int i = 0; next_extension != 0 && i < 8; ++i) {
            std::uint8_t units = 0;
            if (!r.u8(units) || units == 0 || !r.skip(units * 4u - 2u) || !r.u8(next_extension)) return false;
        }
        if (next_extension != 0) return false;
    }
    m_stats.add(Counter::tunnel_gtp_u);
    ethertype(ethertype_of_ip(r.rest()), r.rest(), depth + 1);
    return true;
}

void Decoder::gre(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint16_t flags = 0, protocol = 0;
    if (!r.be16(flags) || !r.be16(protocol)) {
        m_stats.add(Counter::ip_truncated);
        return;
    }
    const int version = flags & 0x0007;
    if (version > 1 || (flags & 0x4000) != 0) {  // unknown version or source routing (RFC 1701)
        m_stats.add(Counter::tunnel_unsupported);
        return;
    }
    // Version 0 (RFC 2784/2890): optional checksum, key, sequence. Version 1
    // (enhanced GRE of PPTP, RFC 2637): payload length and call id, then
    // optional sequence and acknowledgement numbers.
    const std::size_t options =
        version == 0 ? ((flags & 0x8000) ? 4u : 0u) + ((flags & 0x2000) ? 4u : 0u) + ((flags & 0x1000) ? 4u : 0u)
                     : 4u + ((flags & 0x1000) ? 4u : 0u) + ((flags & 0x0080) ? 4u : 0u);
    if (!r.skip(options)) {
        m_stats.add(Counter::ip_truncated);
        return;
    }
    m_stats.add(Counter::tunnel_gre);
    if (protocol == k_ethertype_teb) {
        ethernet(r.rest(), depth);
    } else if (protocol == k_ethertype_erspan2) {
        if (r.skip(8)) ethernet(r.rest(), depth);
    } else if (protocol == k_ethertype_erspan3) {
        std::uint8_t last = 0;
        if (r.peek(11, last) && r.skip(12 + ((last & 1) ? 8u : 0u))) ethernet(r.rest(), depth);
    } else if (protocol == k_gre_ppp) {
        ppp(r.rest(), depth);
    } else {
        ethertype(protocol, r.rest(), depth);
    }
    if (r.failed()) m_stats.add(Counter::link_truncated);
}

void Decoder::ppp(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint8_t first = 0;
    if (r.peek(0, first) && first == 0xff) r.skip(2);  // address and control fields
    std::uint8_t low = 0;
    std::uint16_t protocol = 0;
    // The protocol field may be compressed to one byte (odd value).
    if (!r.peek(0, first)) {
        m_stats.add(Counter::link_truncated);
        return;
    }
    if ((first & 1) != 0) {
        r.u8(low);
        protocol = low;
    } else if (!r.be16(protocol)) {
        m_stats.add(Counter::link_truncated);
        return;
    }
    if (protocol == 0x0021) {
        ipv4(r.rest(), depth);
    } else if (protocol == 0x0057) {
        ipv6(r.rest(), depth);
    } else {
        m_stats.add(Counter::link_other_ethertype);
    }
}

void Decoder::tcp(const Addresses& addresses, core::Bytes data) {
    core::ByteReader r(data);
    std::uint16_t source_port = 0, destination_port = 0, flags = 0;
    std::uint32_t sequence = 0, ack = 0;
    if (!r.be16(source_port) || !r.be16(destination_port) || !r.be32(sequence) || !r.be32(ack) || !r.be16(flags)) {
        m_stats.add(Counter::tcp_truncated);
        return;
    }
    m_stats.add(Counter::transport_tcp);
    const std::size_t header_length = static_cast<std::size_t>(flags >> 12) * 4u;
    if (header_length < 20 || header_length > data.size()) {
        m_stats.add(m_frame_truncated ? Counter::tcp_truncated : Counter::tcp_bad_header_length);
        return;
    }
    TcpSegment segment;
    segment.timestamp = m_now;
    segment.frame_number = m_stats.frames;
    segment.source = {addresses.source, source_port};
    segment.destination = {addresses.destination, destination_port};
    segment.sequence = sequence;
    segment.fin = (flags & 0x01) != 0;
    segment.syn = (flags & 0x02) != 0;
    segment.rst = (flags & 0x04) != 0;
    segment.data = data.subspan(header_length);
    m_tcp.add(segment, *this);
}

void Decoder::deliver(Payload& payload) {
    const bool hep =
        is_hep3(payload.data) ||
        ((payload.destination.port == m_limits.hep_v2_port || payload.source.port == m_limits.hep_v2_port) &&
         is_hep2(payload.data));
    if (hep) {
        deliver_hep(payload, payload.data);
        return;
    }
    m_sink.on_payload(payload);
}

void Decoder::deliver_hep(const Payload& outer, core::Bytes data) {
    HepPacket hep;
    const HepStatus status = decode_hep(data, hep, m_inflate, m_limits.max_hep_payload_bytes);
    switch (status) {
        case HepStatus::ok: break;
        case HepStatus::bad_length: m_stats.add(Counter::hep_bad_length); return;
        case HepStatus::bad_chunk: m_stats.add(Counter::hep_bad_chunk); return;
        case HepStatus::bad_chunk_size: m_stats.add(Counter::hep_bad_chunk_size); return;
        case HepStatus::missing_addresses: m_stats.add(Counter::hep_missing_addresses); return;
        case HepStatus::missing_payload: m_stats.add(Counter::hep_missing_payload); return;
        case HepStatus::inflate_error: m_stats.add(Counter::hep_inflate_error); return;
    }
    m_stats.add(hep.version == 3 ? Counter::hep_v3 : Counter::hep_v2);
    if (hep.compressed) m_stats.add(Counter::hep_compressed);
    if (hep.payload_type != static_cast<std::uint8_t>(HepPayloadType::sip)) m_stats.add(Counter::hep_non_sip_payload);
    Payload inner;
    inner.timestamp = hep.has_time ? hep.timestamp : outer.timestamp;
    inner.frame_number = outer.frame_number;
    inner.source = hep.source;
    inner.destination = hep.destination;
    inner.transport =
        hep.ip_protocol == 6 ? Transport::tcp : (hep.ip_protocol == 132 ? Transport::sctp : Transport::udp);
    inner.data = hep.payload;
    inner.from_hep = true;
    inner.hep_payload_type = hep.payload_type;
    inner.hep_capture_id = hep.capture_id;
    m_sink.on_payload(inner);
}

void Decoder::on_stream_message(const StreamMessage& message) {
    Payload payload;
    payload.timestamp = message.timestamp;
    payload.frame_number = message.frame_number;
    payload.source = message.source;
    payload.destination = message.destination;
    payload.transport = Transport::tcp;
    payload.data = message.data;
    payload.reassembled = message.multi_segment;
    if (message.kind == StreamKind::hep) {
        deliver_hep(payload, message.data);
    } else {
        m_sink.on_payload(payload);
    }
}

}  // namespace sipwarden::net
