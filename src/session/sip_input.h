// SipInput: one parsed SIP message as the trackers see it — the message,
// its SDP when it has one, and where and when it travelled.
#pragma once

#include <cstdint>

#include "core/byte_reader.h"
#include "core/ip_address.h"
#include "core/timestamp.h"
#include "rtp/rtp_packet.h"
#include "session/events.h"
#include "session/sip_facts.h"
#include "sip/message.h"
#include "sip/sdp.h"

namespace sipwarden::session {

struct SipInput {
    const sip::Message& message;
    const sip::SessionDescription* sdp = nullptr;  // null when the message has no (usable) SDP
    core::Endpoint source;
    core::Endpoint destination;
    Transport transport = Transport::udp;
    core::Timestamp time;
    // Computed by the caller (sip_facts(message)), or null: the tracker computes them.
    const SipFacts* facts = nullptr;
};

// Non-SIP UDP: a candidate RTP/RTCP packet.
struct MediaInput {
    rtp::DatagramHead datagram;  // the whole datagram or at least its first DatagramHead::head_size()
    core::Endpoint source;
    core::Endpoint destination;
    core::Timestamp time;
};

}  // namespace sipwarden::session
