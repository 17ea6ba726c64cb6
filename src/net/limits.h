// Every bound the packet path keeps on memory and work, in one place.
// Defaults are chosen for a busy PBX or a provider edge; all are documented
// in docs/packet-path.md. A limit that bites is counted, never silent.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/timestamp.h"

namespace sipwarden::net {

struct Limits {
    // Capture files
    std::size_t read_chunk_bytes = 1 << 20;    // one read() of the input
    std::uint32_t max_record_bytes = 262144;   // pcap: libpcap's MAXIMUM_SNAPLEN
    std::uint32_t max_block_bytes = 16 << 20;  // pcapng block
    std::size_t max_interfaces = 1024;         // pcapng IDBs per section

    // Decoding
    int max_encapsulation_depth = 4;  // IP-in-IP, GRE, VXLAN, GTP-U nesting
    int max_vlan_tags = 8;
    int max_ipv6_extension_headers = 16;

    // IP fragment reassembly
    std::size_t max_fragmented_datagrams = 4096;      // in flight at once
    std::size_t max_fragment_bytes_total = 32 << 20;  // buffered across all datagrams
    std::size_t max_fragments_per_datagram = 64;
    core::Nanoseconds fragment_timeout = 30 * core::k_ns_per_second;  // RFC 791 suggests 15 s; Linux uses 30 s

    // TCP stream reassembly (SIP and HEP over TCP)
    std::size_t max_tcp_streams = 65536;
    std::size_t max_stream_buffer_bytes = 512 * 1024;  // one direction: a SIP message plus what follows it
    std::size_t max_tcp_bytes_total = 64 << 20;        // buffered across all streams
    std::size_t max_out_of_order_segments = 32;        // held per direction while waiting for a gap
    core::Nanoseconds tcp_idle_timeout = 300 * core::k_ns_per_second;
    std::size_t max_sip_message_bytes = 256 * 1024;  // a framed message larger than this resynchronises

    // HEP
    std::size_t max_hep_payload_bytes = 65535;  // also the limit for inflated (compressed) payloads
    std::uint16_t hep_v2_port = 9060;           // HEP v1/v2 has no magic: recognised on this port only

    // Timers (idle streams, stale fragments) run on capture time, at most this often.
    core::Nanoseconds timer_granularity = core::k_ns_per_second;
};

// Whether a timer last run at `last` is due again at `now` (capture time;
// time that goes back, as in a merged capture, makes it due).
inline bool timer_due(core::Timestamp last, core::Timestamp now, const Limits& limits) {
    return now < last || now.ns() - last.ns() >= limits.timer_granularity;
}

}  // namespace sipwarden::net
