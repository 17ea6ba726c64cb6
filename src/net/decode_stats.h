// What the packet decoder saw, as counters with stable names. Outcomes
// (what a packet was) and errors (why it could not be used) are both counted
// so that every frame is accounted for; see docs/formats/watch-json.md.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sipwarden::net {

// The order here is the order of reports; names are "group.reason".
#define SIPWARDEN_DECODE_COUNTERS(X)                                               \
    X(link_ethernet, "link.ethernet", outcome)                                     \
    X(link_linux_sll, "link.linux_sll", outcome)                                   \
    X(link_linux_sll2, "link.linux_sll2", outcome)                                 \
    X(link_raw_ip, "link.raw_ip", outcome)                                         \
    X(link_loopback, "link.loopback", outcome)                                     \
    X(link_vlan_tagged, "link.vlan_tagged", outcome)                               \
    X(link_unsupported, "link.unsupported_link_type", error)                       \
    X(link_truncated, "link.truncated", error)                                     \
    X(link_too_many_vlan_tags, "link.too_many_vlan_tags", error)                   \
    X(link_arp, "link.arp", outcome)                                               \
    X(link_other_ethertype, "link.other_ethertype", outcome)                       \
    X(ip_v4, "ip.v4", outcome)                                                     \
    X(ip_v6, "ip.v6", outcome)                                                     \
    X(ip_truncated, "ip.truncated", error)                                         \
    X(ip_bad_version, "ip.bad_version", error)                                     \
    X(ip_bad_header_length, "ip.bad_header_length", error)                         \
    X(ip_bad_total_length, "ip.bad_total_length", error)                           \
    X(ip_v4_bad_checksum, "ip.v4_bad_checksum", error)                             \
    X(ip_v6_bad_extension_header, "ip.v6_bad_extension_header", error)             \
    X(ip_v6_too_many_extension_headers, "ip.v6_too_many_extension_headers", error) \
    X(ip_other_protocol, "ip.other_protocol", outcome)                             \
    X(ip_fragment, "ip.fragment", outcome)                                         \
    X(ip_reassembled, "ip.reassembled", outcome)                                   \
    X(ip_fragment_overlap, "ip.fragment_overlap", error)                           \
    X(ip_fragment_bad_length, "ip.fragment_bad_length", error)                     \
    X(ip_fragment_timeout, "ip.fragment_timeout", error)                           \
    X(ip_fragment_limit, "ip.fragment_limit", error)                               \
    X(tunnel_ip_in_ip, "tunnel.ip_in_ip", outcome)                                 \
    X(tunnel_gre, "tunnel.gre", outcome)                                           \
    X(tunnel_vxlan, "tunnel.vxlan", outcome)                                       \
    X(tunnel_gtp_u, "tunnel.gtp_u", outcome)                                       \
    X(tunnel_unsupported, "tunnel.unsupported", error)                             \
    X(tunnel_too_deep, "tunnel.too_deep", error)                                   \
    X(transport_udp, "transport.udp", outcome)                                     \
    X(transport_tcp, "transport.tcp", outcome)                                     \
    X(transport_icmp, "transport.icmp", outcome)                                   \
    X(transport_sctp, "transport.sctp", outcome)                                   \
    X(udp_truncated, "udp.truncated", error)                                       \
    X(udp_bad_length, "udp.bad_length", error)                                     \
    X(tcp_truncated, "tcp.truncated", error)                                       \
    X(tcp_bad_header_length, "tcp.bad_header_length", error)                       \
    X(tcp_sip_segment, "tcp.sip_segment", outcome)                                 \
    X(tcp_hep_segment, "tcp.hep_segment", outcome)                                 \
    X(tcp_other_segment, "tcp.other_segment", outcome)                             \
    X(tcp_retransmission, "tcp.retransmission", outcome)                           \
    X(tcp_out_of_order, "tcp.out_of_order", outcome)                               \
    X(tcp_gap, "tcp.gap", error)                                                   \
    X(tcp_resync, "tcp.resync", error)                                             \
    X(tcp_message_too_large, "tcp.message_too_large", error)                       \
    X(tcp_stream_limit, "tcp.stream_limit", error)                                 \
    X(tcp_buffer_limit, "tcp.buffer_limit", error)                                 \
    X(tcp_stream_timeout, "tcp.stream_timeout", outcome)                           \
    X(tcp_incomplete_at_end, "tcp.incomplete_at_end", error)                       \
    X(hep_v2, "hep.v2", outcome)                                                   \
    X(hep_v3, "hep.v3", outcome)                                                   \
    X(hep_compressed, "hep.compressed", outcome)                                   \
    X(hep_non_sip_payload, "hep.non_sip_payload", outcome)                         \
    X(hep_bad_length, "hep.bad_length", error)                                     \
    X(hep_bad_chunk, "hep.bad_chunk", error)                                       \
    X(hep_bad_chunk_size, "hep.bad_chunk_size", error)                             \
    X(hep_missing_addresses, "hep.missing_addresses", error)                       \
    X(hep_missing_payload, "hep.missing_payload", error)                           \
    X(hep_inflate_error, "hep.inflate_error", error)

enum class Counter : std::uint8_t {
#define SIPWARDEN_COUNTER_ENUM(id, name, kind) id,
    SIPWARDEN_DECODE_COUNTERS(SIPWARDEN_COUNTER_ENUM)
#undef SIPWARDEN_COUNTER_ENUM
        count
};

enum class CounterKind : std::uint8_t { outcome, error };

struct CounterInfo {
    std::string_view name;
    CounterKind kind;
};

const CounterInfo& info(Counter counter);

struct DecodeStats {
    std::uint64_t frames = 0;
    std::uint64_t bytes = 0;
    std::uint64_t truncated_frames = 0;  // captured length below wire length (snaplen)
    std::array<std::uint64_t, static_cast<std::size_t>(Counter::count)> counters{};

    void add(Counter c, std::uint64_t n = 1) { counters[static_cast<std::size_t>(c)] += n; }
    std::uint64_t get(Counter c) const { return counters[static_cast<std::size_t>(c)]; }
    void merge(const DecodeStats& other);
};

}  // namespace sipwarden::net
