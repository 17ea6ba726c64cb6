// Decoder: turns captured frames into application payloads. It walks the
// link layer (Ethernet with VLAN tags, Linux cooked v1/v2, raw IP, BSD
// loopback), IPv4/IPv6 with extension headers and fragment reassembly,
// tunnels (IP-in-IP, GRE incl. ERSPAN and PPTP, VXLAN, GTP-U), UDP and TCP (reassembled
// into SIP/HEP messages), and unwraps HEP. Every frame ends in a counter.
#pragma once

#include <cstdint>
#include <vector>

#include "net/decode_stats.h"
#include "net/frame.h"
#include "net/ip_reassembly.h"
#include "net/limits.h"
#include "net/payload.h"
#include "net/tcp_reassembly.h"

namespace sipwarden::net {

class Decoder final : private StreamMessageHandler {
public:
    Decoder(PayloadSink& sink, DecodeStats& stats, const Limits& limits = {});

    void decode(const Frame& frame);
    // End of input: incomplete fragments and stream data are counted.
    void finish();

private:
    struct Addresses {
        core::IpAddress source;
        core::IpAddress destination;
    };

    bool usual_udp_over_ethernet(core::Bytes frame);
    void link(std::uint32_t link_type, core::Bytes data);
    void ethernet(core::Bytes data, int depth);
    void ethertype(std::uint16_t type, core::Bytes data, int depth);
    void ipv4(core::Bytes data, int depth);
    void ipv6(core::Bytes data, int depth);
    void ip_payload(std::uint8_t protocol, const Addresses& addresses, core::Bytes data, int depth, bool reassembled);
    void udp(const Addresses& addresses, core::Bytes data, int depth, bool reassembled);
    void tcp(const Addresses& addresses, core::Bytes data);
    void gre(core::Bytes data, int depth);
    void ppp(core::Bytes data, int depth);
    bool tunnel_over_udp(std::uint16_t port, core::Bytes data, int depth);
    void deliver(Payload& payload);
    void deliver_hep(const Payload& outer, core::Bytes data);
    void on_stream_message(const StreamMessage& message) override;
    void maintain();

    PayloadSink& m_sink;
    DecodeStats& m_stats;
    Limits m_limits;
    IpReassembler m_fragments;
    TcpReassembler m_tcp;
    std::vector<std::uint8_t> m_inflate;
    core::Timestamp m_now;
    core::Timestamp m_last_maintenance;
    bool m_frame_truncated = false;
};

}  // namespace sipwarden::net
