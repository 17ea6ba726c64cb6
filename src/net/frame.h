// Frame: one captured link-layer record, as a capture file or live source
// hands it over. The bytes are borrowed from the source's buffer and stay
// valid only until the source is asked for the next frame.
#pragma once

#include <cstdint>

#include "core/byte_reader.h"
#include "core/timestamp.h"

namespace sipwarden::net {

// LINKTYPE_* values (tcpdump.org/linktypes.html) this decoder understands.
enum class LinkType : std::uint32_t {
    null = 0,  // BSD loopback: 4-byte address family in the capturing host's byte order
    ethernet = 1,
    raw_bsd = 12,      // DLT_RAW on most systems
    raw_openbsd = 14,  // DLT_RAW on OpenBSD
    raw = 101,
    loop = 108,  // OpenBSD loopback: address family in network byte order
    linux_sll = 113,
    ipv4 = 228,
    ipv6 = 229,
    linux_sll2 = 276,
};

struct Frame {
    core::Timestamp timestamp;
    std::uint32_t link_type = 1;
    std::uint32_t wire_length = 0;  // length on the wire; data may be shorter (snaplen)
    core::Bytes data;
};

}  // namespace sipwarden::net
