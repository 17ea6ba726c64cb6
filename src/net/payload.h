// Payload: application bytes the decoder hands on — a UDP datagram, a SIP or
// HEP message framed out of a TCP stream, or the content of a HEP packet with
// the addresses and time the capture agent recorded.
#pragma once

#include <cstdint>

#include "core/byte_reader.h"
#include "core/ip_address.h"
#include "core/timestamp.h"

namespace sipwarden::net {

enum class Transport : std::uint8_t { udp, tcp, sctp };

struct Payload {
    core::Timestamp timestamp;
    std::uint64_t frame_number = 0;  // 1-based position of the (last) frame it came from in the input
    core::Endpoint source;
    core::Endpoint destination;
    Transport transport = Transport::udp;
    core::Bytes data;          // borrowed: valid only during the sink call
    bool truncated = false;    // shorter than its headers announced (snaplen or bad length)
    bool reassembled = false;  // built from IP fragments or from several TCP segments
    bool from_hep = false;     // content of a HEP packet; addresses and time are the agent's
    std::uint8_t hep_payload_type = 0;
    std::uint32_t hep_capture_id = 0;
};

class PayloadSink {
public:
    virtual ~PayloadSink() = default;
    virtual void on_payload(const Payload& payload) = 0;
};

}  // namespace sipwarden::net
